import type { EventRecord } from '../../core/event';
import { FLAT_FIELDS, type FlatFields } from '../sigma/compile/event-context';

/** Deeper than this, values are left out (a hostile document must not blow the stack). */
const MAX_DEPTH = 64;
/** Interned child paths kept; vendor records with ever-new keys must not grow the cache without bound. */
const MAX_CACHED_PATHS = 50_000;

/** `parent path → key → "parent.key"`: the same path strings for every event, built once. */
const childPaths = new Map<string, Map<string, string>>();
let cachedPaths = 0;

interface Builder {
  paths: string[];
  values: unknown[];
  /**
   * Positions of the paths so far, created once a path may repeat: in an array of objects, or with a
   * key holding a dot (`{"a.b": 1, "a": {"b": 2}}`).
   */
  seen?: Map<string, number>;
}

/**
 * A normalized document as the detector reads it: each leaf under its dotted path
 * (`winlog.event_data.Image`), arrays of values kept as arrays, and the leaves of arrays of objects
 * gathered under one path (`a: [{b: 1}, {b: 2}]` → `"a.b": [1, 2]`), which is what reading the path in
 * the nested document yields. The rules compiled through a connector's pipeline address fields by such
 * paths, so the rule index scans every field in one pass over two arrays and a lookup is one map read.
 * The result is an EventRecord that carries FlatFields (EventContext and RuleIndex read it).
 */
export function flattenDocument(document: EventRecord): EventRecord {
  const builder: Builder = { paths: [], values: [] };
  addObject(builder, '', document, 0);
  const flat: FlatFields = { paths: builder.paths, values: builder.values, nested: document };
  return { [FLAT_FIELDS]: flat } as EventRecord;
}

function addObject(builder: Builder, prefix: string, object: object, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const record = object as Record<string, unknown>;
  for (const key in record) {
    if (builder.seen === undefined && key.includes('.')) builder.seen = indexOf(builder.paths);
    addValue(builder, pathOf(prefix, key), record[key], depth + 1);
  }
}

function addValue(builder: Builder, path: string, value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null) return put(builder, path, value);
  if (!Array.isArray(value)) return addObject(builder, path, value, depth);
  if (!value.some((item) => typeof item === 'object' && item !== null)) return put(builder, path, value);
  builder.seen ??= indexOf(builder.paths);
  for (const item of value) addValue(builder, path, item, depth + 1);
}

/** Adds a leaf; a path reached again (through an array of objects) gathers its values in a new array. */
function put(builder: Builder, path: string, value: unknown): void {
  const { paths, values, seen } = builder;
  const at = seen?.get(path);
  if (at === undefined) {
    seen?.set(path, paths.length);
    paths.push(path);
    values.push(value);
    return;
  }
  const before = values[at];
  values[at] = [...(Array.isArray(before) ? before : [before]), ...(Array.isArray(value) ? value : [value])];
}

function indexOf(paths: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < paths.length; i++) index.set(paths[i] as string, i);
  return index;
}

function pathOf(prefix: string, key: string): string {
  if (prefix === '') return key;
  let children = childPaths.get(prefix);
  const known = children?.get(key);
  if (known !== undefined) return known;
  const path = `${prefix}.${key}`;
  if (cachedPaths < MAX_CACHED_PATHS) {
    if (children === undefined) childPaths.set(prefix, (children = new Map()));
    children.set(key, path);
    cachedPaths++;
  }
  return path;
}
