import { canonicalJson, credentialFingerprint } from '../shared/identity';

/**
 * Secrets in EDR telemetry: command lines and environments carry API keys, bearer tokens and passwords
 * (`curl -H "Authorization: Bearer sk-..."`, `OPENAI_API_KEY=sk-...`). They are replaced by `[redacted]`
 * everywhere in the record before it is normalized, and only their fingerprints are kept. The public
 * prefix of a provider key (`sk-proj-`, `hf_`) stays, so rules that look for key prefixes still match.
 * Shared by the four EDR connectors (windows-sysmon, defender-endpoint, crowdstrike-fdr, osquery).
 */
export const REDACTED = '[redacted]';

interface SecretPattern {
  /** Group 1 is kept as it is, group 2 is the secret. */
  re: RegExp;
  /** Whether group 1 is part of the credential (a key prefix) or only its label (a header name). */
  prefixIsKey: boolean;
}

const VALUE = `[^\\s"'\\\\,;]+`;

const PATTERNS: readonly SecretPattern[] = [
  // Provider key formats first, so that a header holding one keeps the key's public prefix.
  {
    re: /\b(sk-(?:proj-|ant-(?:api\d\d-|admin\d\d-)?|svcacct-|admin-)?)([A-Za-z0-9_-]{20,})/g,
    prefixIsKey: true,
  },
  { re: /\b(hf_)([A-Za-z0-9]{30,})/g, prefixIsKey: true },
  { re: /\b(AIza)([0-9A-Za-z_-]{35})/g, prefixIsKey: true },
  { re: /\b(ABSK)([A-Za-z0-9+/=]{20,})/g, prefixIsKey: true },
  { re: /\b(gh[pousr]_)([A-Za-z0-9]{36,})/g, prefixIsKey: true },
  { re: /\b(github_pat_)([A-Za-z0-9_]{22,})/g, prefixIsKey: true },
  { re: /\b(glpat-)([A-Za-z0-9_-]{20,})/g, prefixIsKey: true },
  { re: /\b(xox[abprs]-)([A-Za-z0-9-]{10,})/g, prefixIsKey: true },
  // HTTP credential headers as curl, wget and Invoke-WebRequest take them.
  {
    re: new RegExp(`((?:proxy-)?authorization\\s*[:=]\\s*(?:(?:bearer|basic|token)\\s+)?)(${VALUE})`, 'gi'),
    prefixIsKey: false,
  },
  {
    re: new RegExp(
      `((?:x-api-key|api-key|x-goog-api-key|ocp-apim-subscription-key|anthropic-api-key)\\s*[:=]\\s*)(${VALUE})`,
      'gi',
    ),
    prefixIsKey: false,
  },
  // Azure connection strings and SAS tokens.
  { re: /((?:AccountKey|SharedAccessKey|SharedAccessSignature)=)([^;\s"'\\]+)/gi, prefixIsKey: false },
  { re: /([?&]sig=)([^&\s"'\\]+)/gi, prefixIsKey: false },
  // Environment assignments (`AWS_SECRET_ACCESS_KEY=...`, `HF_TOKEN=...`); `*_ID` names are ids, not secrets.
  {
    re: /\b((?![A-Z0-9_]*_ID=)[A-Z][A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|ACCESS_KEY)[A-Z0-9_]*=)([^\s"'\\]+)/g,
    prefixIsKey: false,
  },
  // Long options of command-line tools (`--password x`, `--api-key=x`, `--token x`).
  {
    re: /(--(?:password|passwd|api[-_]?key|token|secret|client[-_]secret)(?:=|\s+))([^\s"'\\-][^\s"'\\]*)/gi,
    prefixIsKey: false,
  },
];

/** A cheap test that rules out almost all text before the patterns run. */
const CANDIDATE =
  /sk-|hf_|AIza|ABSK|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|authorization|api-key|AccountKey|SharedAccess|sig=|SECRET|TOKEN|PASSW|API_?KEY|ACCESS_KEY|--(?:password|passwd|api|token|secret|client)/i;

export interface RedactedText {
  text: string;
  /** The secrets found (raw), in order, for fingerprinting. */
  secrets: string[];
}

/** Replaces the secrets in one text. */
export function redactText(text: string): RedactedText {
  const secrets: string[] = [];
  if (!CANDIDATE.test(text)) return { text, secrets };
  let out = text;
  for (const { re, prefixIsKey } of PATTERNS) {
    re.lastIndex = 0;
    out = out.replace(re, (match: string, prefix: string, secret: string) => {
      if (secret.includes(REDACTED)) return match;
      secrets.push(prefixIsKey ? prefix + secret : secret);
      return prefix + REDACTED;
    });
  }
  return { text: out, secrets };
}

export interface RedactedRecord<T> {
  value: T;
  /** `credentialFingerprint` of each distinct secret found, in order. */
  fingerprints: string[];
  secrets: string[];
}

/**
 * Replaces the secrets in every string of a parsed record (object keys are left alone). Returns the
 * same object when nothing was found, so the common case allocates nothing.
 */
export function redactRecord<T>(record: T): RedactedRecord<T> {
  const secrets: string[] = [];
  const value = redactValue(record, secrets, 0) as T;
  const distinct = [...new Set(secrets)];
  return { value, secrets: distinct, fingerprints: distinct.map(credentialFingerprint) };
}

function redactValue(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string') {
    const result = redactText(value);
    if (result.secrets.length === 0) return value;
    secrets.push(...result.secrets);
    return result.text;
  }
  if (depth > 64 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = redactValue(item, secrets, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const item = object[key];
    const next = redactValue(item, secrets, depth + 1);
    if (next !== item) (copy ??= { ...object })[key] = next;
  }
  return copy ?? object;
}

/**
 * The raw text of a record with the same secrets redacted. The result is kept only when it reads back
 * as exactly the redacted record: JSON escapes (`\u002d`) can hide a secret from the patterns, and
 * the original must never leak, so otherwise the redacted record is written out instead.
 */
export function redactOriginalText(
  text: string | undefined,
  redacted: RedactedRecord<unknown>,
): string | undefined {
  if (text === undefined || redacted.secrets.length === 0) return text;
  const result = redactText(text).text;
  try {
    if (canonicalJson(JSON.parse(result)) === canonicalJson(redacted.value)) return result;
  } catch {
    // Not JSON after all: fall through to the redacted record.
  }
  return JSON.stringify(redacted.value);
}
