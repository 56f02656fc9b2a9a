import { isJsonObject } from '../document-paths';
import { capUtf8 } from '../finish-event';
import { credentialFingerprint } from '../identity';
import { credentialOf } from './secret-names';
import { isRedacted, REDACTED, redactSecretText, type TextOptions } from './secret-text';
import { REDACTED_IN_URL, redactUrlCredentials } from './url-credentials';

/** One secret removed from a record. The secret itself is never kept, only its fingerprint. */
export interface FoundSecret {
  /** Dotted path of the value it was in (array positions left out; JSON held in a string continues it). */
  field: string;
  /** The key, header or query parameter that named it, when it was found by name. */
  name?: string;
  /** `credentialFingerprint` of the credential, so alerts can still group by key. */
  fingerprint: string;
  /** The exact text replaced and what replaced it, to redact the record's original text alike. */
  replaced: string;
  replacement: string;
}

export interface Redaction<T> {
  value: T;
  /** In the order of the record, each occurrence. */
  found: FoundSecret[];
}

export interface RedactionOptions extends TextOptions {
  /**
   * Keys whose values are credentials whatever their text (`apiKey`, a header list's `api-key`); also
   * tried on the `name` of `{name, value}` pairs (container env vars, app settings). `parents` are the
   * keys above, without array positions. Without it, secrets are found by their text only.
   */
  isSecretKey?: (key: string, parents: readonly string[]) => boolean;
  /**
   * A JSON document under a secret key is searched like any other and kept when nothing is found in it
   * (Azure's Log Analytics `Authorization` column is an RBAC object, not a credential). Off: the whole
   * value is the credential, as a header's is.
   */
  searchJsonUnderSecretKeys?: boolean;
  /** Keys whose string values are URLs: credential query parameters are replaced URL-encoded. */
  isUrlKey?: (key: string, parents: readonly string[]) => boolean;
  /**
   * Dotted paths of objects whose `data`/`stringData` maps hold secret values whatever their names (a
   * Kubernetes audit event's `requestObject` for `secrets`: patches carry no `kind`). Objects of kind
   * `Secret` or `SecretList` are such objects wherever they are.
   */
  secretObjectPaths?: readonly string[];
  /** String leaves longer than this (UTF-8 bytes) are cut and marked, so one record cannot grow without bound. */
  maxStringBytes?: number;
}

/** Deeper than this, values are dropped rather than walked (a hostile record must not blow the stack). */
const MAX_DEPTH = 64;
const TRUNCATED = '[truncated]';

/**
 * A copy of a parsed record with every secret replaced by `[redacted]`: secrets recognisable by their
 * text in every string, values of secret-named keys, Kubernetes Secret data, credential query parameters
 * of URL fields. JSON documents held in strings (Azure's `requestbody`, Kubernetes'
 * `last-applied-configuration`, header collections logged as text) are searched too, and re-serialized
 * only when something was found in them. Object keys are never changed. Parts without secrets are
 * returned as they are, so a record without any comes back as the same object.
 */
export function redactRecord<T>(record: T, options: RedactionOptions = {}): Redaction<T> {
  const walker = new Walker(options);
  return { value: walker.walk(record, [], false, 0) as T, found: walker.found };
}

/** The distinct fingerprints of what was found, in order. */
export function fingerprintsOf(found: readonly FoundSecret[]): string[] {
  return [...new Set(found.map((f) => f.fingerprint))];
}

class Walker {
  readonly found: FoundSecret[] = [];
  private readonly secretObjectPaths: ReadonlySet<string>;

  constructor(private readonly options: RedactionOptions) {
    this.secretObjectPaths = new Set(options.secretObjectPaths ?? []);
  }

  /**
   * `path` is one array for the whole walk: each key is pushed while its value is walked and popped
   * after, and only a secret found copies it (as its dotted field). Predicates get it to read, not keep.
   */
  walk(value: unknown, path: string[], inSecretObject: boolean, depth: number): unknown {
    if (depth > MAX_DEPTH) return REDACTED;
    if (typeof value === 'string') return this.text(value, path, inSecretObject, depth);
    if (Array.isArray(value))
      return copyOnChange(value, (item) => this.walk(item, path, inSecretObject, depth + 1));
    if (!isJsonObject(value)) return value;

    const { isSecretKey, isUrlKey } = this.options;
    const kind = value['kind'];
    const secretObject =
      inSecretObject ||
      kind === 'Secret' ||
      kind === 'SecretList' ||
      (this.secretObjectPaths.size > 0 && this.secretObjectPaths.has(path.join('.')));
    const name = value['name'];
    // `{name: "OPENAI_API_KEY", value: "..."}`: container env vars, app settings, header lists.
    const namedSecret = typeof name === 'string' && isSecretKey?.(name, path) === true;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const child = value[key];
      let next: unknown;
      if (secretObject && (key === 'data' || key === 'stringData') && isJsonObject(child)) {
        next = this.secretMap(child, [...path, key]);
      } else if (isSecretKey?.(key, path) || (namedSecret && key === 'value')) {
        next = this.whole(child, [...path, key], key, secretObject, depth + 1);
      } else if (typeof child === 'string' && isUrlKey?.(key, path)) {
        next = this.url(child, [...path, key], secretObject, depth + 1);
      } else {
        path.push(key);
        next = this.walk(child, path, secretObject, depth + 1);
        path.pop();
      }
      if (next !== child) (out ??= { ...value })[key] = next;
    }
    return out ?? value;
  }

  /** A value under a secret name: every string (or number) in it is a credential. */
  private whole(
    value: unknown,
    path: string[],
    name: string,
    inSecretObject: boolean,
    depth: number,
  ): unknown {
    if (depth > MAX_DEPTH) return REDACTED;
    if (typeof value === 'number') return this.secret(String(value), path, name);
    if (Array.isArray(value)) {
      return copyOnChange(value, (item) => this.whole(item, path, name, inSecretObject, depth + 1));
    }
    if (typeof value !== 'string') return this.walk(value, path, inSecretObject, depth);
    const searched = this.options.searchJsonUnderSecretKeys
      ? this.embeddedJson(value, path, inSecretObject, depth)
      : undefined;
    return searched ?? this.secret(value, path, name);
  }

  private secretMap(map: Record<string, unknown>, path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      out[key] = typeof value === 'string' ? this.secret(value, [...path, key], key) : value;
    }
    return out;
  }

  private secret(value: string, path: string[], name: string): string {
    if (value === '' || isRedacted(value)) return value;
    this.found.push({
      field: path.join('.'),
      name,
      fingerprint: credentialFingerprint(credentialOf(value)),
      replaced: value,
      replacement: REDACTED,
    });
    return REDACTED;
  }

  private url(value: string, path: string[], inSecretObject: boolean, depth: number): string {
    const { url, credentials } = redactUrlCredentials(value);
    for (const c of credentials) {
      this.found.push({
        field: path.join('.'),
        name: c.name,
        fingerprint: credentialFingerprint(c.secret),
        replaced: c.replaced,
        replacement: REDACTED_IN_URL,
      });
    }
    return this.text(url, path, inSecretObject, depth);
  }

  private text(value: string, path: string[], inSecretObject: boolean, depth: number): string {
    const redacted = this.embeddedJson(value, path, inSecretObject, depth) ?? this.inline(value, path);
    const max = this.options.maxStringBytes;
    if (max === undefined || redacted.length <= max / 3 || Buffer.byteLength(redacted, 'utf8') <= max) {
      return redacted;
    }
    return `${capUtf8(redacted, max)}${TRUNCATED}`;
  }

  /** A JSON document held in a string, re-serialized when a secret was found inside; else undefined. */
  private embeddedJson(
    value: string,
    path: string[],
    inSecretObject: boolean,
    depth: number,
  ): string | undefined {
    if (!mayBeJsonDocument(value)) return undefined;
    const trimmed = value.trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    const before = this.found.length;
    const walked = this.walk(parsed, path, inSecretObject, depth);
    return this.found.length > before ? JSON.stringify(walked) : value;
  }

  private inline(value: string, path: string[]): string {
    const { text, secrets } = redactSecretText(value, this.options);
    for (const s of secrets) {
      this.found.push({
        field: path.join('.'),
        fingerprint: credentialFingerprint(s.secret),
        replaced: s.replaced,
        replacement: REDACTED,
      });
    }
    return text;
  }
}

/**
 * Whether the text, apart from surrounding whitespace, can be a JSON object (`{` then `"` or `}`, ...,
 * `}`) or array (`[` ... `]`). Read in place and before any parsing: most strings of a record are not
 * JSON, trimming each would copy it, and a failed JSON.parse of every GUID (`{4ec6b25b-...}`) would
 * throw an exception per field.
 */
function mayBeJsonDocument(text: string): boolean {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isJsonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isJsonWhitespace(text.charCodeAt(end))) end--;
  if (end <= start) return false;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end);
  if (first === 0x5b) return last === 0x5d;
  if (first !== 0x7b || last !== 0x7d) return false;
  let next = start + 1;
  while (next < end && isJsonWhitespace(text.charCodeAt(next))) next++;
  const after = text.charCodeAt(next);
  return after === 0x22 || after === 0x7d;
}

/** The characters String.prototype.trim removes that can stand around JSON (the rest cannot parse). */
function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** `items` mapped, or the same array when no item changed. */
function copyOnChange(items: unknown[], map: (item: unknown) => unknown): unknown[] {
  let copy: unknown[] | undefined;
  items.forEach((item, i) => {
    const next = map(item);
    if (next !== item) (copy ??= [...items])[i] = next;
  });
  return copy ?? items;
}
