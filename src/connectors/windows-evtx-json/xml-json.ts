/**
 * Reading XML converted to JSON. Two conventions are common for EVTX: evtx_dump puts an element's
 * attributes under `#attributes` and its text under `#text`; xmltodict (python-evtx based tools) puts
 * attributes beside the text as `@Name` keys. Both are read.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An element's attributes (empty when it has none). */
export function attributesOf(node: unknown): JsonObject {
  if (!isObject(node)) return {};
  const nested = node['#attributes'];
  if (isObject(nested)) return nested;
  let prefixed: JsonObject | undefined;
  for (const key in node) {
    if (key.startsWith('@')) (prefixed ??= {})[key.slice(1)] = node[key];
  }
  return prefixed ?? {};
}

/** Whether a key of a converted element is markup (attributes, namespace) rather than a child. */
export function isMarkupKey(key: string): boolean {
  return key === '#attributes' || key.startsWith('@');
}

/**
 * An element's value: its `#text` when it has one; undefined when it has only attributes (an empty
 * element); the element itself when it has children (a structure, kept as it is).
 */
export function textOf(node: unknown): unknown {
  if (!isObject(node)) return node;
  if ('#text' in node) return node['#text'];
  for (const key in node) if (!isMarkupKey(key)) return node;
  return undefined;
}
