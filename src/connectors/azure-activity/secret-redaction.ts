import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { capUtf8 } from '../shared/finish-event';
import { credentialFingerprint } from '../shared/identity';

/*
 * Secret redaction for control-plane audit records (Azure Activity, GCP Cloud Audit, Kubernetes audit).
 * Those records echo request and response bodies, and bodies carry secrets: app settings and container
 * env vars with API keys, Kubernetes Secret objects, keys returned by regenerate calls. The three cloud
 * audit connectors share this file; it belongs in `connectors/shared/` once that folder's owner takes it.
 */

export const REDACTED = '[redacted]';

/** Where a secret was found (dotted path, array positions left out) and its one-way fingerprint. */
export interface RedactedSecret {
  field: string;
  fingerprint: string;
}

export interface Redaction {
  record: JsonObject;
  secrets: RedactedSecret[];
}

export interface RedactionOptions {
  /**
   * Dotted paths of objects whose `data`/`stringData` maps hold secret values whatever their names (a
   * Kubernetes audit event's `requestObject` when `objectRef.resource` is `secrets`: patches carry no `kind`).
   */
  secretObjectPaths?: readonly string[];
  /** String leaves longer than this (UTF-8 bytes) are cut and marked, so one record cannot grow without bound. */
  maxStringBytes?: number;
}

const DEFAULT_MAX_STRING_BYTES = 16_384;
const TRUNCATED = '[truncated]';

/**
 * Names (compared lowercase without punctuation, so `x-api-key`, `AZURE_OPENAI_API_KEY` and `apiKey` are
 * one) whose string values are secrets. Ids and names of keys (`accessKeyId`, `keyName`) are not.
 */
const SECRET_NAME =
  /(password|passwd|secret|token|apikey|accesskey|privatekey|privatekeydata|subscriptionkey|connectionstring|sastoken|sharedaccesssignature|sharedaccesskey|credential|credentials)$|^(authorization|proxyauthorization|key1|key2|primarykey|secondarykey|keystring|sig)$/;

/** Secrets inside free text: `(prefix)(secret)`, the secret part is replaced. */
const INLINE_SECRETS: readonly RegExp[] = [
  /(\b(?:Bearer|Basic)\s+)([A-Za-z0-9._~+/=-]{12,})/g,
  // SAS signatures, OAuth codes and API keys passed in query strings.
  /([?&](?:sig|code|access_token|api[-_]?key|key)=)([^&\s"'#]+)/gi,
  // Account keys and passwords inside connection strings.
  /((?:AccountKey|SharedAccessKey|Password|Pwd)=)([^;"'\s]+)/gi,
  // OpenAI / Anthropic style keys, Google API keys, Bedrock API keys.
  /(^|[^A-Za-z0-9_-])(sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,})/g,
  /(^|[^A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})/g,
  /(^|[^A-Za-z0-9+/])(ABSK[A-Za-z0-9+/=]{20,})/g,
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * Returns a copy of the record with every secret replaced by `[redacted]` (its fingerprint is returned
 * beside it) and long strings cut. JSON documents held in strings (Azure's `requestbody`, Kubernetes'
 * `last-applied-configuration`) are searched too and re-serialized only when something was redacted.
 */
export function redactSecrets(record: JsonObject, options: RedactionOptions = {}): Redaction {
  const walker = new Walker(options);
  const redacted = walker.walk(record, [], false);
  return { record: isJsonObject(redacted) ? redacted : record, secrets: walker.secrets };
}

class Walker {
  readonly secrets: RedactedSecret[] = [];
  private readonly secretObjectPaths: ReadonlySet<string>;
  private readonly maxStringBytes: number;

  constructor(options: RedactionOptions) {
    this.secretObjectPaths = new Set(options.secretObjectPaths ?? []);
    this.maxStringBytes = options.maxStringBytes ?? DEFAULT_MAX_STRING_BYTES;
  }

  walk(value: unknown, path: string[], inSecretObject: boolean, depth = 0): unknown {
    if (depth > 64) return value;
    if (typeof value === 'string') return this.text(value, path, inSecretObject);
    if (Array.isArray(value)) return value.map((v) => this.walk(v, path, inSecretObject, depth + 1));
    if (!isJsonObject(value)) return value;

    const kind = value['kind'];
    const secretObject =
      inSecretObject ||
      kind === 'Secret' ||
      kind === 'SecretList' ||
      this.secretObjectPaths.has(path.join('.'));
    // `{name: "OPENAI_API_KEY", value: "..."}`: container env vars, app settings, header lists.
    const namedSecret = typeof value['name'] === 'string' && isSecretName(value['name']);
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (secretObject && (key === 'data' || key === 'stringData') && isJsonObject(child)) {
        out[key] = this.secretMap(child, childPath);
      } else if (typeof child === 'string' && (isSecretName(key) || (namedSecret && key === 'value'))) {
        // A JSON document under a secret-sounding name (Log Analytics' `Authorization` column) is searched
        // like any other; only its secret leaves go.
        out[key] = this.embeddedJson(child, childPath, secretObject) ?? this.secret(child, childPath);
      } else {
        out[key] = this.walk(child, childPath, secretObject, depth + 1);
      }
    }
    return out;
  }

  private secretMap(map: JsonObject, path: string[]): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(map)) {
      out[key] = typeof value === 'string' ? this.secret(value, [...path, key]) : value;
    }
    return out;
  }

  private secret(value: string, path: string[]): string {
    if (value === '' || value === REDACTED) return value;
    this.secrets.push({ field: path.join('.'), fingerprint: credentialFingerprint(value) });
    return REDACTED;
  }

  private text(value: string, path: string[], inSecretObject: boolean): string {
    const embedded = this.embeddedJson(value, path, inSecretObject);
    const redacted = embedded ?? this.inline(value, path);
    if (Buffer.byteLength(redacted, 'utf8') <= this.maxStringBytes) return redacted;
    return `${capUtf8(redacted, this.maxStringBytes)}${TRUNCATED}`;
  }

  /** A JSON document held in a string, re-serialized when a secret was found inside; else undefined. */
  private embeddedJson(value: string, path: string[], inSecretObject: boolean): string | undefined {
    const trimmed = value.trim();
    const object = trimmed.startsWith('{') && trimmed.endsWith('}');
    if (!object && !(trimmed.startsWith('[') && trimmed.endsWith(']'))) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    const before = this.secrets.length;
    const walked = this.walk(parsed, path, inSecretObject);
    return this.secrets.length > before ? JSON.stringify(walked) : value;
  }

  private inline(value: string, path: string[]): string {
    let text = value;
    for (const pattern of INLINE_SECRETS) {
      text = text.replace(pattern, (_match, prefix: string, secret: string) => {
        this.secret(secret, path);
        return `${prefix}${REDACTED}`;
      });
    }
    return text;
  }
}
