import type { NormalizeContext } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { credentialFingerprint } from '../shared/identity';

/**
 * Credential scrubbing for AI API logs (OpenAI, LiteLLM, Kong AI Gateway all carry OpenAI-style keys).
 * Generic, so it could move to `connectors/shared/`; it lives here because this connector was first.
 */
export const REDACTED = '[redacted]';

/**
 * Credentials recognisable by their text wherever they appear (prompts, error strings, header values):
 * OpenAI-style keys (`sk-…`, `sk-proj-…`, `sk-admin-…`, `sk-svcacct-…`, LiteLLM virtual keys, Anthropic
 * `sk-ant-…`), and the token of an `Authorization: Bearer|Basic` value. OpenAI's own display form of a
 * key (`sk-abc...xyz`, 3 characters either side) is too short to match and stays as it is.
 */
const SECRET_TEXT = /\bsk-[A-Za-z0-9_-]{8,}|\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{8,})/g;

export interface ScrubOptions {
  /**
   * Object keys whose whole value is a credential (header names, `api_key`, ...): the key lowercased, and
   * the keys of the objects it sits in, from the top (`['request', 'headers']` for a Kong header).
   */
  isSecretKey?: (lowercasedKey: string, parents: readonly string[]) => boolean;
}

export interface Scrubbed<T> {
  value: T;
  /** Fingerprints of every credential removed, in order of appearance, without repeats. */
  fingerprints: string[];
}

/**
 * A copy of `value` with every credential replaced by `[redacted]` (the surrounding text of a string is
 * kept), and the fingerprints of what was removed, so that alerts can still group by key.
 */
export function scrubSecrets<T>(value: T, options: ScrubOptions = {}): Scrubbed<T> {
  const found = new Set<string>();
  const scrubbed = scrubValue(value, options, found, []) as T;
  return { value: scrubbed, fingerprints: [...found] };
}

/** True when the text holds something {@link scrubSecrets} would remove from a string. */
export function hasSecretText(text: string): boolean {
  SECRET_TEXT.lastIndex = 0;
  return SECRET_TEXT.test(text);
}

/**
 * The context for `finishEvent`: when credentials were removed from the record, `event.original` must be
 * rebuilt from the scrubbed record instead of the raw text the record was read from.
 */
export function contextFor(context: NormalizeContext, scrubbed: boolean): NormalizeContext {
  const mustRebuild = scrubbed || (context.originalText !== undefined && hasSecretText(context.originalText));
  if (!mustRebuild) return context;
  return { maxOriginalBytes: context.maxOriginalBytes, receivedAt: context.receivedAt };
}

/** The credential inside a header-like value: the token of `Bearer <token>`, else the value itself. */
export function credentialOf(value: string): string {
  const match = /^\s*(?:Bearer|Basic)\s+(\S+)\s*$/i.exec(value);
  return match?.[1] ?? value.trim();
}

/** Deeper than this, values are dropped rather than walked (a hostile record must not blow the stack). */
const MAX_DEPTH = 64;

/** `parents` holds the object keys down to `value` (an array level adds an empty key, so depth stays bounded). */
function scrubValue(value: unknown, options: ScrubOptions, found: Set<string>, parents: string[]): unknown {
  if (parents.length > MAX_DEPTH) return REDACTED;
  if (typeof value === 'string') return scrubText(value, found);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, options, found, [...parents, '']));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = options.isSecretKey?.(key.toLowerCase(), parents)
      ? redactWhole(item, found, parents.length + 1)
      : scrubValue(item, options, found, [...parents, key]);
  }
  return out;
}

function scrubText(text: string, found: Set<string>): string {
  if (!hasSecretText(text)) return text;
  return text.replace(SECRET_TEXT, (match: string, token: string | undefined) => {
    found.add(credentialFingerprint(token ?? match));
    return token === undefined ? REDACTED : match.slice(0, match.length - token.length) + REDACTED;
  });
}

/** Every leaf under a credential-named key is a credential (a repeated header arrives as an array). */
function redactWhole(value: unknown, found: Set<string>, depth: number): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactWhole(item, found, depth + 1));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactWhole(v, found, depth + 1)]));
  }
  const text = String(value);
  // Kong writes `REDACTED` for the Authorization headers it already hides: nothing left to fingerprint.
  if (text === REDACTED || text === 'REDACTED') return value;
  found.add(credentialFingerprint(credentialOf(text)));
  return REDACTED;
}
