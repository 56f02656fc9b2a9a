import type { EventRecord } from '../../../core/event';

/** The values one field holds in one event, with their text forms computed once and shared by all rules. */
export interface FieldValues {
  /** False when the field is absent from the event. */
  readonly present: boolean;
  /** Leaf values; arrays in the event are flattened (a rule matches if any element matches). */
  readonly values: readonly unknown[];
  /** String forms of the string, number and boolean leaves. */
  readonly texts: readonly string[];
  /** `texts` lowercased, for the default case-insensitive matching. */
  readonly lowers: readonly string[];
}

const ABSENT: FieldValues = { present: false, values: [], texts: [], lowers: [] };

/**
 * Per-event view used while evaluating rules: resolves field paths (flat keys first, then nested
 * objects along the dots) and caches what it resolved, so a field read by a hundred rules is
 * looked up and lowercased once.
 */
export class EventContext {
  private readonly cache = new Map<string, FieldValues>();
  private allTexts: FieldValues | undefined;

  constructor(readonly fields: EventRecord) {}

  field(path: string): FieldValues {
    let found = this.cache.get(path);
    if (found === undefined) {
      found = resolve(this.fields, path);
      this.cache.set(path, found);
    }
    return found;
  }

  /** Every string-like leaf of the event, for keyword (field-less) search. */
  everyText(): FieldValues {
    if (this.allTexts === undefined) {
      const leaves: unknown[] = [];
      collectLeaves(this.fields, leaves, 0);
      this.allTexts = fromLeaves(leaves);
    }
    return this.allTexts;
  }
}

function resolve(fields: EventRecord, path: string): FieldValues {
  if (Object.prototype.hasOwnProperty.call(fields, path)) return fromValue(fields[path]);
  if (!path.includes('.')) return ABSENT;
  let current: unknown[] = [fields];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const node of current) stepInto(node, step, next);
    if (next.length === 0) return ABSENT;
    current = next;
  }
  const leaves: unknown[] = [];
  for (const node of current) flatten(node, leaves);
  return fromLeaves(leaves);
}

function stepInto(node: unknown, step: string, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const element of node) stepInto(element, step, out);
  } else if (typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, step)) {
    out.push((node as Record<string, unknown>)[step]);
  }
}

function fromValue(value: unknown): FieldValues {
  if (typeof value === 'string') {
    return { present: true, values: [value], texts: [value], lowers: [value.toLowerCase()] };
  }
  const leaves: unknown[] = [];
  flatten(value, leaves);
  return fromLeaves(leaves);
}

function flatten(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) for (const element of value) flatten(element, out);
  else out.push(value);
}

function fromLeaves(leaves: unknown[]): FieldValues {
  const texts: string[] = [];
  for (const leaf of leaves) {
    const t = typeof leaf;
    if (t === 'string') texts.push(leaf as string);
    else if (t === 'number' || t === 'boolean' || t === 'bigint') texts.push(String(leaf));
  }
  return { present: true, values: leaves, texts, lowers: texts.map((t) => t.toLowerCase()) };
}

/** Depth-limited so a hostile, deeply nested event cannot blow the stack. */
function collectLeaves(value: unknown, out: unknown[], depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    for (const element of value) collectLeaves(element, out, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const key in value) collectLeaves((value as Record<string, unknown>)[key], out, depth + 1);
  } else {
    out.push(value);
  }
}
