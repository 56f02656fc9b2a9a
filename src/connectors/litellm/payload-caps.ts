import { capUtf8 } from '../shared/finish-event';
import { isJsonObject } from '../shared/document-paths';
import { MAX_TEXT_BYTES } from '../shared/gen-ai/conversation-text';

/** Most messages kept of one conversation: the latest ones, where an injection usually sits. */
export const MAX_MESSAGES = 50;

export interface Capped {
  value: unknown;
  truncated: boolean;
}

/**
 * `messages` and `response` can hold whole documents; they are kept (an operator option may redact them
 * later) but every string is cut to {@link MAX_TEXT_BYTES} and a conversation to its last
 * {@link MAX_MESSAGES} messages.
 */
export function capPayload(value: unknown, depth = 0): Capped {
  if (typeof value === 'string') {
    const cut = capUtf8(value, MAX_TEXT_BYTES);
    return { value: cut, truncated: cut.length < value.length };
  }
  if (depth > 32) return { value: null, truncated: true };
  if (Array.isArray(value)) {
    const kept = depth === 0 && value.length > MAX_MESSAGES ? value.slice(-MAX_MESSAGES) : value;
    const items = kept.map((item) => capPayload(item, depth + 1));
    return {
      value: items.map((i) => i.value),
      truncated: kept.length < value.length || items.some((i) => i.truncated),
    };
  }
  if (isJsonObject(value)) {
    let truncated = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const capped = capPayload(item, depth + 1);
      out[key] = capped.value;
      truncated ||= capped.truncated;
    }
    return { value: out, truncated };
  }
  return { value, truncated: false };
}
