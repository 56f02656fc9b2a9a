import { AhoCorasick } from '../../../core/text/aho-corasick';
/** What every connector writes in place of a secret. */
export const REDACTED = '[redacted]';

/**
 * True for a value some redaction has already replaced: ours (also as it stands in a URL query), or
 * Kong's own `REDACTED` for the headers it hides. There is nothing left to fingerprint.
 */
export function isRedacted(value: string): boolean {
  return value === 'REDACTED' || value.includes(REDACTED) || value.includes(encodeURIComponent(REDACTED));
}

interface SecretPattern {
  /** Group 1 is kept as it is, group 2 is the secret. */
  re: RegExp;
  /** Whether group 1 is part of the credential (a key's public prefix) or only its label (a header name). */
  prefixIsKey: boolean;
}

const VALUE = `[^\\s"'\\\\,;]+`;

/**
 * Secrets recognisable by their text wherever they stand (command lines, prompts, error strings, bodies),
 * in the order they are applied: provider key formats first, so that a header holding one keeps its
 * public prefix when prefixes are kept, then labelled values (headers, connection strings, query
 * parameters, environment assignments, command-line options).
 */
const PATTERNS: readonly SecretPattern[] = [
  // OpenAI / Anthropic / LiteLLM-style keys. OpenAI's display form (`sk-abc...xyz`) is too short to match.
  {
    re: /\b(sk-(?:proj-|ant-(?:api\d\d-|admin\d\d-)?|svcacct-|admin-)?)([A-Za-z0-9_-]{8,})/g,
    prefixIsKey: true,
  },
  { re: /\b(hf_)([A-Za-z0-9]{30,})/g, prefixIsKey: true },
  { re: /\b(AIza)([0-9A-Za-z_-]{35})/g, prefixIsKey: true },
  // Bedrock API keys.
  { re: /\b(ABSK)([A-Za-z0-9+/=]{20,})/g, prefixIsKey: true },
  { re: /\b(gh[pousr]_)([A-Za-z0-9]{36,})/g, prefixIsKey: true },
  { re: /\b(github_pat_)([A-Za-z0-9_]{22,})/g, prefixIsKey: true },
  { re: /\b(glpat-)([A-Za-z0-9_-]{20,})/g, prefixIsKey: true },
  { re: /\b(xox[abprs]-)([A-Za-z0-9-]{10,})/g, prefixIsKey: true },
  // The token of a `Bearer` / `Basic` credential, with or without its header name.
  { re: /\b((?:Bearer|Basic)\s+)([A-Za-z0-9._~+/=-]{8,})/g, prefixIsKey: false },
  // HTTP credential headers as curl, wget and Invoke-WebRequest take them.
  {
    re: new RegExp(`((?:proxy-)?authorization\\s*[:=]\\s*(?:(?:bearer|basic|token)\\s+)?)(${VALUE})`, 'gi'),
    prefixIsKey: false,
  },
  {
    re: new RegExp(
      `((?:x-api-key|api-key|x-goog-api-key|ocp-apim-subscription-key|anthropic-api-key|x-functions-key)\\s*[:=]\\s*)(${VALUE})`,
      'gi',
    ),
    prefixIsKey: false,
  },
  // Azure connection strings and SAS tokens, database connection strings.
  {
    re: /((?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)([^;\s"'\\]+)/gi,
    prefixIsKey: false,
  },
  // SAS signatures, OAuth codes and API keys passed in query strings.
  {
    re: /([?&](?:sig|signature|code|access_token|token|api[-_]?key|subscription-key|key)=)([^&\s"'\\#]+)/gi,
    prefixIsKey: false,
  },
  // AWS secret access keys beside their label (credentials files, STS output); the `AKIA...` key id is an id.
  {
    re: /((?:aws_)?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    prefixIsKey: false,
  },
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

/**
 * A cheap test that rules out almost all text before the patterns run: one pass of a case-insensitive
 * automaton over literals at least one of which every pattern's match contains.
 */
const CANDIDATE = new AhoCorasick(
  [
    ...['sk-', 'hf_', 'aiza', 'absk', 'github_pat_', 'glpat-', 'bearer', 'basic', 'authorization'],
    ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-'],
    ...['api-key', 'functions-key', 'subscription-key', 'accountkey', 'sharedaccess', 'passw', 'pwd='],
    ...['sig=', 'signature=', 'code=', 'key=', 'secret', 'token', 'api_key', 'apikey', 'access_key'],
    ...['--passwd', '--api', '--client'],
  ],
  { caseInsensitive: true },
);

/** One secret found in a text. */
export interface TextSecret {
  /** The credential itself (a key with its prefix, a token without `Bearer`): what is fingerprinted. */
  secret: string;
  /** The exact text that was replaced by `[redacted]`. */
  replaced: string;
}

export interface RedactedText {
  text: string;
  /** In order of appearance in the text. */
  secrets: TextSecret[];
}

export interface TextOptions {
  /**
   * Keep the public prefix of provider keys (`sk-proj-[redacted]`, `hf_[redacted]`), so that rules
   * looking for key prefixes (key harvesting from command lines) still match. Off: `[redacted]`.
   */
  keepKeyPrefixes?: boolean;
}

/** Replaces the secrets in one text by `[redacted]`. */
export function redactSecretText(text: string, options: TextOptions = {}): RedactedText {
  if (!CANDIDATE.occursIn(text)) return { text, secrets: [] };
  const found: { at: number; secret: TextSecret }[] = [];
  let out = text;
  for (const { re, prefixIsKey } of PATTERNS) {
    re.lastIndex = 0;
    out = out.replace(re, (match: string, prefix: string, secret: string, offset: number, all: string) => {
      // A kept key prefix (`Bearer sk-proj-[redacted]`) is not a token of its own.
      if (isRedacted(secret) || all.startsWith(REDACTED, offset + match.length)) return match;
      const keep = !prefixIsKey || options.keepKeyPrefixes === true;
      const credential = prefixIsKey ? prefix + secret : secret;
      const at = text.indexOf(match);
      found.push({
        at: at < 0 ? text.length : at,
        secret: { secret: credential, replaced: keep ? secret : credential },
      });
      return keep ? prefix + REDACTED : REDACTED;
    });
  }
  // Patterns run one after the other; the secrets are listed as they stand in the text (a stable sort).
  found.sort((a, b) => a.at - b.at);
  return { text: out, secrets: found.map((f) => f.secret) };
}

/** True when the text holds something {@link redactSecretText} would replace. */
export function hasSecretText(text: string): boolean {
  return redactSecretText(text).secrets.length > 0;
}
