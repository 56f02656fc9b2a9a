/**
 * Helpers over the plain values the yaml package produces (`toJS`): strings, numbers, booleans, null,
 * arrays and plain objects. Type names follow JSON Schema, so "map" is a JSON object and "list" an array.
 */

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON Schema's `integer`: any finite number without a fractional part (so `1.0` counts). */
export function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

/** Length in Unicode code points, as JSON Schema counts `maxLength` (an emoji is one character). */
export function codePointLength(text: string): number {
  return [...text].length;
}

/** Structural equality, as JSON Schema's `uniqueItems` compares items. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (!isMapping(a) || !isMapping(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
  );
}

const MAX_SHOWN = 60;

/** A short rendering of a value for messages: `'severe'`, `42`, `null`, `a list`, `a map`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return `'${shown}'`;
  }
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a map';
  return String(value);
}
