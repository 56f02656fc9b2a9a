import { isJsonObject } from '../document-paths';
import { capUtf8 } from '../finish-event';

/** Longest prompt or completion string kept, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 4096;

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
