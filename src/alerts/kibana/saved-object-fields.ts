/**
 * The fields a Kibana saved object uses, read from its attributes: a data view's time field, a saved
 * search's columns, sort, histogram breakdown and KQL, the `field`s of an aggregation-based
 * visualization, the `sourceField`s of a Lens visualization (saved or embedded by value in a dashboard),
 * and the `key`s of filters. Pure: no Kibana, no mapping; checking the fields is the caller's job.
 */

/** How a field is used: `aggregation`, `sort` and `time` need an aggregatable field (never `text`). */
export type FieldUse = 'time' | 'column' | 'sort' | 'aggregation' | 'query' | 'filter';

export interface FieldUsage {
  field: string;
  use: FieldUse;
}

export interface SavedObjectLike {
  type: string;
  attributes: Record<string, unknown>;
}

/** Lens' pseudo-field for "count of records". */
const LENS_RECORDS = '___records___';

export function savedObjectFields(object: SavedObjectLike): FieldUsage[] {
  const found: FieldUsage[] = [];
  const add = (field: unknown, use: FieldUse): void => {
    if (typeof field === 'string' && field.length > 0 && field !== LENS_RECORDS) found.push({ field, use });
  };
  const attributes = object.attributes;
  searchSourceFields(attributes, add);
  switch (object.type) {
    case 'index-pattern':
      add(attributes['timeFieldName'], 'time');
      break;
    case 'search':
      for (const column of arrayOf(attributes['columns'])) if (column !== '_source') add(column, 'column');
      for (const entry of arrayOf(attributes['sort'])) add(Array.isArray(entry) ? entry[0] : entry, 'sort');
      add(attributes['breakdownField'], 'aggregation');
      break;
    case 'visualization':
      visualizationFields(parseJson(attributes['visState']), add);
      break;
    case 'lens':
      lensFields(attributes, add);
      break;
    case 'dashboard':
      for (const panel of arrayOf(parseJson(attributes['panelsJSON']))) {
        const byValue = record(record(panel)['embeddableConfig'])['attributes'];
        if (isRecord(byValue)) lensFields(byValue, add);
      }
      break;
  }
  return dedupe(found);
}

type Add = (field: unknown, use: FieldUse) => void;

/** `kibanaSavedObjectMeta.searchSourceJSON`: its query and filters. */
function searchSourceFields(attributes: Record<string, unknown>, add: Add): void {
  const source = record(parseJson(record(attributes['kibanaSavedObjectMeta'])['searchSourceJSON']));
  queryFields(source['query'], add);
  filterFields(source['filter'], add);
}

function visualizationFields(visState: unknown, add: Add): void {
  for (const agg of arrayOf(record(visState)['aggs'])) aggFields(agg, add);
}

/** An aggregation's field, and those of the sub-aggregation it may be ordered by. */
function aggFields(agg: unknown, add: Add): void {
  const params = record(record(agg)['params']);
  add(params['field'], 'aggregation');
  if (isRecord(params['orderAgg'])) aggFields(params['orderAgg'], add);
  for (const filter of arrayOf(params['filters'])) queryFields(record(filter)['input'], add);
}

/** A Lens document (`attributes` of a `lens` object, or a by-value panel's `embeddableConfig.attributes`). */
function lensFields(attributes: Record<string, unknown>, add: Add): void {
  const state = record(attributes['state']);
  queryFields(state['query'], add);
  filterFields(state['filters'], add);
  const datasources = record(state['datasourceStates']);
  // `formBased` since 8.6, `indexpattern` before.
  for (const key of ['formBased', 'indexpattern']) {
    for (const layer of Object.values(record(record(datasources[key])['layers']))) {
      for (const column of Object.values(record(record(layer)['columns']))) {
        const c = record(column);
        add(c['sourceField'], 'aggregation');
        queryFields(c['filter'], add);
        for (const filter of arrayOf(record(c['params'])['filters']))
          queryFields(record(filter)['input'], add);
      }
    }
  }
}

function filterFields(filters: unknown, add: Add): void {
  for (const filter of arrayOf(filters)) {
    const meta = record(record(filter)['meta']);
    // Custom (query DSL) and combined filters have no field key.
    if (meta['type'] === 'custom' || meta['type'] === 'combined') continue;
    add(meta['key'], 'filter');
  }
}

/** A `{ query, language }` object: its KQL or Lucene query string. */
function queryFields(query: unknown, add: Add): void {
  const text = record(query)['query'];
  if (typeof text === 'string') for (const field of kqlFields(text)) add(field, 'query');
}

/**
 * Field names of a KQL (or simple Lucene) query: every name directly before `:`, `<`, `<=`, `>`, `>=`,
 * outside quoted strings. Nested-field groups (`a:{ b: c }`) give `b`, not `a.b`.
 */
export function kqlFields(query: string): string[] {
  const unquoted = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const fields: string[] = [];
  const pattern = /(^|[\s(!{])((?:[\w@.*-]|\\.)+)\s*(?::|<=|>=|<|>)/g;
  for (const match of unquoted.matchAll(pattern)) {
    const name = (match[2] ?? '').replace(/\\(.)/g, '$1');
    if (!/^(?:and|or|not)$/i.test(name)) fields.push(name);
  }
  return fields;
}

function dedupe(usages: FieldUsage[]): FieldUsage[] {
  const seen = new Set<string>();
  return usages.filter((u) => {
    const key = `${u.use}\u0000${u.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
