import { capUtf8 } from '../shared/finish-event';
import { isJsonObject } from '../shared/document-paths';

/** Longest prompt or completion string kept, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 4096;
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

/**
 * The text of chat messages (`role: content` lines; content parts of type `text` joined), or of a
 * response's choices, for `gen_ai.prompt` / `gen_ai.completion`, cut to {@link MAX_TEXT_BYTES} × 4.
 */
export function conversationText(value: unknown): string | undefined {
  const lines: string[] = [];
  const visit = (item: unknown): void => {
    if (typeof item === 'string') lines.push(item);
    else if (Array.isArray(item)) item.forEach(visit);
    else if (isJsonObject(item)) {
      if (Array.isArray(item['choices'])) return item['choices'].forEach(visit);
      if (isJsonObject(item['message'])) return visit(item['message']);
      const text = contentText(item['content'] ?? item['text']);
      if (text !== undefined) {
        lines.push(typeof item['role'] === 'string' ? `${item['role']}: ${text}` : text);
      }
    }
  };
  visit(value);
  const text = lines.join('\n');
  return text === '' ? undefined : capUtf8(text, MAX_TEXT_BYTES * 4);
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content
    .map((part) => (isJsonObject(part) && typeof part['text'] === 'string' ? part['text'] : undefined))
    .filter((t): t is string => t !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
