/** String formats the Sigma schemas require. Each is written out by hand rather than as one regex. */
export interface TextFormat {
  /** What the value should look like, for messages: "must be <description>". */
  description: string;
  matches(text: string): boolean;
}

const HEX = /^[0-9A-Fa-f]+$/;
const UUID_GROUP_LENGTHS = [8, 4, 4, 4, 12];
const URN_PREFIX = 'urn:uuid:';

/** The JSON Schema `uuid` format: 8-4-4-4-12 hex digits in any case, optionally prefixed by `urn:uuid:`. */
export const UUID: TextFormat = {
  description: 'a UUID (8-4-4-4-12 hexadecimal digits)',
  matches(text) {
    const body = isAsciiCaseless(text.slice(0, URN_PREFIX.length), URN_PREFIX)
      ? text.slice(URN_PREFIX.length)
      : text;
    const groups = body.split('-');
    return (
      groups.length === UUID_GROUP_LENGTHS.length &&
      groups.every((group, i) => group.length === UUID_GROUP_LENGTHS[i] && HEX.test(group))
    );
  },
};

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar-looking date YYYY-MM-DD: month 01-12 and day 01-31. Like the official schema, it does not
 * check the day against the month (2024-02-31 passes).
 */
export const DATE: TextFormat = {
  description: 'a date in the form YYYY-MM-DD',
  matches(text) {
    const parts = DATE_SHAPE.exec(text);
    if (!parts) return false;
    const month = Number(parts[2]);
    const day = Number(parts[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  },
};

const TAG_NAMESPACE = /^[a-z0-9_-]+$/;
const TAG_NAME = /^[a-z0-9._-]+$/;

/** A tag `namespace.name`: lowercase letters, digits, `_` and `-`; the name part may contain more dots. */
export const TAG: TextFormat = {
  description: "a tag 'namespace.name' of lowercase letters, digits, '_', '-' and '.'",
  matches(text) {
    const dot = text.indexOf('.');
    return dot > 0 && TAG_NAMESPACE.test(text.slice(0, dot)) && TAG_NAME.test(text.slice(dot + 1));
  },
};

/** Case-insensitive comparison limited to ASCII letters (no Unicode case folding tricks). */
function isAsciiCaseless(text: string, lowercase: string): boolean {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase()) === lowercase;
}
