import { isCredentialParameter } from './secret-names';
import { isRedacted, REDACTED } from './secret-text';

/** `[redacted]` as a query value: the URL stays a URL. */
export const REDACTED_IN_URL = encodeURIComponent(REDACTED);

export interface UrlCredential {
  /** The parameter name, lowercased. */
  name: string;
  /** The decoded value: what is fingerprinted. */
  secret: string;
  /** The value as it stood in the URL. */
  replaced: string;
}

/**
 * A URL or request URI with the values of credential query parameters (`subscription-key`, `apikey`,
 * `sig`, `code`, ...) replaced by `%5Bredacted%5D`, and what was replaced.
 */
export function redactUrlCredentials(url: string): { url: string; credentials: UrlCredential[] } {
  const credentials: UrlCredential[] = [];
  const out = url.replace(
    /([?&])([^=&#]+)=([^&#]*)/g,
    (match: string, separator: string, name: string, value: string) => {
      const decodedName = formDecode(name).toLowerCase();
      if (value === '' || isRedacted(value) || !isCredentialParameter(decodedName)) return match;
      credentials.push({ name: decodedName, secret: formDecode(value), replaced: value });
      return `${separator}${name}=${REDACTED_IN_URL}`;
    },
  );
  return { url: out, credentials };
}

/** Query text is form-encoded: `+` is a space. Malformed escapes are kept as they are. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
