/**
 * Every modifier of the Sigma 2.1 modifiers appendix, by name. Flags change how an item combines its
 * values; transforms rewrite values in the order they are written (`|wide|base64offset|contains`).
 */
export type ModifierRole = 'flag' | 'transform' | 'regex-flag';

interface ModifierInfo {
  role: ModifierRole;
  description: string;
}

export const MODIFIERS: Record<string, ModifierInfo> = {
  all: { role: 'flag', description: 'All values must match (AND) instead of any (OR).' },
  cased: { role: 'flag', description: 'Match case-sensitively.' },
  neq: { role: 'flag', description: 'The field differs from every value.' },
  exists: { role: 'transform', description: 'The field is present (true) or absent (false).' },
  contains: { role: 'transform', description: 'The value may appear anywhere in the field.' },
  startswith: { role: 'transform', description: 'The field starts with the value.' },
  endswith: { role: 'transform', description: 'The field ends with the value.' },
  windash: { role: 'transform', description: 'A leading -, /, –, — or ― of a flag matches any of them.' },
  re: { role: 'transform', description: 'The value is a regular expression (RE2, linear time).' },
  i: { role: 'regex-flag', description: 'Regular expression: case-insensitive.' },
  m: { role: 'regex-flag', description: 'Regular expression: ^ and $ match at line breaks.' },
  s: { role: 'regex-flag', description: 'Regular expression: . matches newlines.' },
  base64: { role: 'transform', description: 'The value, base64-encoded.' },
  base64offset: { role: 'transform', description: 'The value inside a longer base64 string, at any offset.' },
  utf16le: { role: 'transform', description: 'The value as UTF-16LE bytes.' },
  utf16be: { role: 'transform', description: 'The value as UTF-16BE bytes.' },
  utf16: { role: 'transform', description: 'The value as UTF-16 with a byte order mark.' },
  wide: { role: 'transform', description: 'Alias of utf16le.' },
  lt: { role: 'transform', description: 'The field is a number less than the value.' },
  lte: { role: 'transform', description: 'The field is a number less than or equal to the value.' },
  gt: { role: 'transform', description: 'The field is a number greater than the value.' },
  gte: { role: 'transform', description: 'The field is a number greater than or equal to the value.' },
  minute: { role: 'transform', description: 'The minute (0-59) of the field as a date.' },
  hour: { role: 'transform', description: 'The hour (0-23) of the field as a date.' },
  day: { role: 'transform', description: 'The day of month (1-31) of the field as a date.' },
  week: { role: 'transform', description: 'The ISO week (1-53) of the field as a date.' },
  month: { role: 'transform', description: 'The month (1-12) of the field as a date.' },
  year: { role: 'transform', description: 'The year of the field as a date.' },
  cidr: { role: 'transform', description: 'The field is an IP address inside the network (IPv4 or IPv6).' },
  expand: { role: 'transform', description: 'Placeholders %name% are replaced by configured values.' },
  fieldref: { role: 'transform', description: 'The value names another field of the same event.' },
};

export function isKnownModifier(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MODIFIERS, name);
}
