import { AhoCorasick } from '../../core/text/aho-corasick';

/** Field names that carry prompt or completion text in the vendor records and ECS documents tripline reads. */
const PROMPT_KEYS = new Set(
  [
    'messages',
    'prompt',
    'prompts',
    'completion',
    'choices',
    'response',
    'content',
    'input_messages',
    'output_messages',
    'inputBodyJson',
    'outputBodyJson',
    'inputBodyText',
    'outputBodyText',
    'backendRequestBody',
    'backendResponseBody',
    'requestBody',
    'responseBody',
    'payload',
  ].map((k) => k.toLowerCase()),
);

const REDACTED = '[redacted]';

/** Finds any prompt key in a text, in any case: a record without one is left as it is, unparsed. */
const ANY_PROMPT_KEY = new AhoCorasick([...PROMPT_KEYS], { caseInsensitive: true });

/** True when a dotted field path names prompt or completion content. */
export function isPromptField(path: string): boolean {
  return path
    .toLowerCase()
    .split('.')
    .some((part) => PROMPT_KEYS.has(part));
}

/**
 * Removes prompt and completion text from an excerpt of the original record. A complete JSON record is
 * rewritten with those values replaced; a cut one (the excerpt is size-capped) is cut again before the
 * first prompt field, since its structure cannot be trusted.
 */
export function redactPromptText(excerpt: string): string {
  // A key can only be a prompt key if its letters occur in the text, unless a JSON escape spells them.
  if (!ANY_PROMPT_KEY.occursIn(excerpt) && !excerpt.includes('\\u')) return excerpt;
  try {
    return JSON.stringify(redactValue(JSON.parse(excerpt) as unknown));
  } catch {
    const match = /"([A-Za-z_]+)"\s*:/g;
    for (const m of excerpt.matchAll(match)) {
      if (PROMPT_KEYS.has((m[1] as string).toLowerCase())) {
        return `${excerpt.slice(0, m.index)}${REDACTED} (prompt content removed from a truncated record)`;
      }
    }
    return excerpt;
  }
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = PROMPT_KEYS.has(key.toLowerCase()) && item !== null ? REDACTED : redactValue(item);
  }
  return out;
}
