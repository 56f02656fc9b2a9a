import type { EventLogsource } from '../../core/event';
import { windowsLogsource } from '../windows-evtx-json/derive-logsource';
import { CATEGORY_SOURCES, SERVICE_CHANNELS } from '../windows-evtx-json/windows-logsources';

/**
 * Every log source normalizeEvtxJson can give a Windows event: one per channel and event id of the
 * category table (with the channel's service), one per service channel (no category), and the bare
 * `product: windows` of unknown channels. The detector compiles only rules that match one of them.
 */
function allWindowsLogsources(): EventLogsource[] {
  const out = new Map<string, EventLogsource>();
  const add = (logsource: EventLogsource): void => {
    const key = `${logsource.categories.join(',')}|${logsource.services.join(',')}`;
    if (!out.has(key)) out.set(key, logsource);
  };
  for (const { channels, eventIds } of CATEGORY_SOURCES) {
    for (const channel of channels)
      for (const eventId of eventIds) add(windowsLogsource(channel, undefined, eventId));
  }
  // Event id -1 is in no category: the channel's service alone.
  for (const channels of Object.values(SERVICE_CHANNELS))
    for (const channel of channels) add(windowsLogsource(channel, undefined, -1));
  add(windowsLogsource(undefined, undefined, -1));
  return [...out.values()];
}

export const WINDOWS_LOGSOURCES: readonly EventLogsource[] = allWindowsLogsources();
