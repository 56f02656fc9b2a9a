import type { EventLogsource } from '../../core/event';
import { CATEGORY_SOURCES, CHANNEL_BY_PROVIDER, SERVICE_CHANNELS } from './windows-logsources';

// Lookups built once from the tables. Channel names are matched without regard to case, as Windows does.
const SERVICE_BY_CHANNEL = new Map<string, string>();
for (const [service, channels] of Object.entries(SERVICE_CHANNELS)) {
  for (const channel of channels) SERVICE_BY_CHANNEL.set(channel.toLowerCase(), service);
}

const CATEGORIES_BY_CHANNEL_EVENT = new Map<string, string[]>();
for (const { category, channels, eventIds } of CATEGORY_SOURCES) {
  for (const channel of channels) {
    for (const eventId of eventIds) {
      const key = `${channel.toLowerCase()}#${eventId}`;
      const categories = CATEGORIES_BY_CHANNEL_EVENT.get(key);
      if (categories) categories.push(category);
      else CATEGORIES_BY_CHANNEL_EVENT.set(key, [category]);
    }
  }
}

/**
 * One frozen log source per kind of event: events of one kind share it, so routing recognises it by
 * identity instead of rebuilding a key for every event. Bounded: unusual channels fall back to new objects.
 */
const memo = new Map<string, EventLogsource>();
const MEMO_LIMIT = 10_000;

/** The Sigma log source of a Windows event, from its channel, provider and event id. */
export function windowsLogsource(
  channel: string | undefined,
  provider: string | undefined,
  eventId: number,
): EventLogsource {
  const key = `${channel ?? ''}\u0000${provider ?? ''}\u0000${eventId}`;
  let logsource = memo.get(key);
  if (logsource === undefined) {
    logsource = Object.freeze(deriveLogsource(channel, provider, eventId));
    if (memo.size < MEMO_LIMIT) memo.set(key, logsource);
  }
  return logsource;
}

function deriveLogsource(
  channel: string | undefined,
  provider: string | undefined,
  eventId: number,
): EventLogsource {
  let known = channel?.toLowerCase();
  if (known === undefined || !SERVICE_BY_CHANNEL.has(known)) {
    const byProvider = provider === undefined ? undefined : CHANNEL_BY_PROVIDER[provider];
    if (byProvider !== undefined) known = byProvider.toLowerCase();
  }
  const service = known === undefined ? undefined : SERVICE_BY_CHANNEL.get(known);
  const categories = known === undefined ? undefined : CATEGORIES_BY_CHANNEL_EVENT.get(`${known}#${eventId}`);
  return {
    product: 'windows',
    categories: categories ? [...categories] : [],
    services: service ? [service] : [],
  };
}
