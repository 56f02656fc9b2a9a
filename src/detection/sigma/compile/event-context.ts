import type { EventRecord } from '../../../core/event';
import { ANY_FIELD } from './requirement';

/** The values one field holds in one event, with their text forms computed once and shared by all rules. */
export class FieldValues {
  private lowered: string[] | undefined;

  constructor(
    /** False when the field is absent from the event. */
    readonly present: boolean,
    /** Leaf values; arrays in the event are flattened (a rule matches if any element matches). */
    readonly values: readonly unknown[],
    /** String forms of the string, number and boolean leaves. */
    readonly texts: readonly string[],
  ) {}

  /** `texts` lowercased, for the default case-insensitive matching; computed on first use. */
  get lowers(): readonly string[] {
    if (this.lowered === undefined) this.lowered = this.texts.map((t) => t.toLowerCase());
    return this.lowered;
  }
}

const ABSENT = new FieldValues(false, [], []);

/**
 * An event's fields flattened to dotted paths (built by the engine's flattenDocument): its leaves in
 * document order, a leaf's path naming it as a rule compiled through a pipeline does
 * (`winlog.event_data.Image`). Plain arrays rather than an object keyed by path: V8 keeps objects with
 * many computed keys as dictionaries, slow to build and to enumerate.
 */
export interface FlatFields {
  readonly paths: readonly string[];
  readonly values: readonly unknown[];
  /** The nested document: a path that is not a leaf (an object, an absent field) is resolved there. */
  readonly nested: EventRecord;
}

/** The key under which an EventRecord carries FlatFields instead of fields of its own. */
export const FLAT_FIELDS = Symbol('flat fields');

export function flatFieldsOf(fields: EventRecord): FlatFields | undefined {
  return (fields as { [FLAT_FIELDS]?: FlatFields })[FLAT_FIELDS];
}

/**
 * Per-event view used while evaluating rules: resolves field paths (flat keys first, then nested
 * objects along the dots) and caches what it resolved, so a field read by a hundred rules is
 * looked up and lowercased once.
 */
export class EventContext {
  /** Created on first use: many events are ruled out by the prefilter without reading a field this way. */
  private cache: Map<string, FieldValues> | undefined;
  private allTexts: FieldValues | undefined;
  private readonly flat: FlatFields | undefined;
  /** Path → leaf position in `flat`, built on the first lookup. */
  private flatIndex: Map<string, number> | undefined;

  constructor(readonly fields: EventRecord) {
    this.flat = flatFieldsOf(fields);
  }

  /** Values of a field; {@link ANY_FIELD} reads every string-like value (keyword search). */
  field(path: string): FieldValues {
    if (path === ANY_FIELD) return this.everyText();
    const cache = (this.cache ??= new Map());
    let found = cache.get(path);
    if (found === undefined) {
      found = this.flat ? this.resolveFlat(this.flat, path) : resolve(this.fields, path);
      cache.set(path, found);
    }
    return found;
  }

  /** String-like leaves under one top-level key holding an object or array (for keyword scanning). */
  nestedTexts(key: string): readonly string[] {
    return fromLeaves(collectLeaves(this.flat ? this.flatValue(this.flat, key) : this.fields[key], [], 1))
      .texts;
  }

  /**
   * Every string-like leaf of the event, for keyword (field-less) search. Top-level fields reuse what
   * `field()` already resolved.
   */
  everyText(): FieldValues {
    if (this.allTexts === undefined && this.flat) {
      const values: unknown[] = [];
      for (const value of this.flat.values) flatten(value, values);
      this.allTexts = fromLeaves(values);
    }
    if (this.allTexts === undefined) {
      const values: unknown[] = [];
      const texts: string[] = [];
      for (const key in this.fields) {
        const value = this.fields[key];
        const f =
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? fromLeaves(collectLeaves(value, [], 1))
            : this.field(key);
        for (const v of f.values) values.push(v);
        for (const t of f.texts) texts.push(t);
      }
      this.allTexts = new FieldValues(true, values, texts);
    }
    return this.allTexts;
  }

  private resolveFlat(flat: FlatFields, path: string): FieldValues {
    const i = (this.flatIndex ??= indexOf(flat.paths)).get(path);
    return i === undefined ? resolve(flat.nested, path) : fromValue(flat.values[i]);
  }

  private flatValue(flat: FlatFields, path: string): unknown {
    const i = (this.flatIndex ??= indexOf(flat.paths)).get(path);
    return i === undefined ? undefined : flat.values[i];
  }
}

function indexOf(paths: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < paths.length; i++) index.set(paths[i] as string, i);
  return index;
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
    const one = [value];
    return new FieldValues(true, one, one);
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
  return new FieldValues(true, leaves, texts);
}

/** Depth-limited so a hostile, deeply nested event cannot blow the stack. */
function collectLeaves(value: unknown, out: unknown[], depth: number): unknown[] {
  if (depth > 64) return out;
  if (Array.isArray(value)) {
    for (const element of value) collectLeaves(element, out, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const key in value) collectLeaves((value as Record<string, unknown>)[key], out, depth + 1);
  } else {
    out.push(value);
  }
  return out;
}
