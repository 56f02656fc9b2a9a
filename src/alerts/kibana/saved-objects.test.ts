import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_MAPPINGS } from '../../adapters/elasticsearch/alert-mappings';
import { DEADLETTER_MAPPINGS } from '../../adapters/elasticsearch/deadletter-mappings';
import type { DeadLetter } from '../../core/dead-letter';
import { kqlFields, savedObjectFields, type FieldUsage } from './saved-object-fields';

interface Reference {
  name: string;
  type: string;
  id: string;
}

interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: Reference[];
  coreMigrationVersion: string;
  typeMigrationVersion: string;
}

interface Panel {
  type: string;
  panelIndex: string;
  panelRefName: string;
  gridData: { x: number; y: number; w: number; h: number; i: string };
}

const FILE = join(__dirname, 'saved-objects.ndjson');
const TEXT = readFileSync(FILE, 'utf8');
const LINES = TEXT.split('\n').filter((line, i, all) => !(i === all.length - 1 && line === ''));
const OBJECTS = LINES.map((line) => JSON.parse(line) as SavedObject);
const byId = new Map(OBJECTS.map((o) => [o.id, o]));

const ALERTS_VIEW = 'tripline-alerts-data-view';
const DEADLETTER_VIEW = 'tripline-deadletter-data-view';
const MAPPINGS: Record<string, Mapping> = {
  [ALERTS_VIEW]: ALERT_MAPPINGS,
  [DEADLETTER_VIEW]: DEADLETTER_MAPPINGS,
};

/** Types a field must have to be aggregated, sorted on or used as the time field: never `text`. */
const AGGREGATABLE = new Set([
  'keyword',
  'constant_keyword',
  'date',
  'date_nanos',
  'ip',
  'long',
  'integer',
  'short',
  'byte',
  'double',
  'float',
  'half_float',
  'scaled_float',
  'unsigned_long',
]);

const SEMVER = /^\d+\.\d+\.\d+$/;

function attributesJson(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if ((key.endsWith('JSON') || key === 'visState') && typeof child === 'string')
      out.push([`${path}.${key}`, child]);
    else attributesJson(child, `${path}.${key}`, out);
  }
}

function searchSource(object: SavedObject): Record<string, unknown> {
  const meta = object.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON?: string } | undefined;
  return meta?.searchSourceJSON ? (JSON.parse(meta.searchSourceJSON) as Record<string, unknown>) : {};
}

function panelsOf(dashboard: SavedObject): Panel[] {
  return JSON.parse(dashboard.attributes['panelsJSON'] as string) as Panel[];
}

/** The data views an object reads: its own id, those it references, those of the searches it references. */
function dataViewsOf(object: SavedObject): string[] {
  if (object.type === 'index-pattern') return [object.id];
  if (object.type === 'dashboard') return [];
  return object.references.flatMap((r) => {
    if (r.type === 'index-pattern') return [r.id];
    const target = byId.get(r.id);
    return target && target.type === 'search' ? dataViewsOf(target) : [];
  });
}

// --- Mapping look-up ---------------------------------------------------------------------------------

interface Mapping {
  readonly properties?: Readonly<Record<string, unknown>>;
}

interface MappedField {
  type: string;
  indexed: boolean;
  /** Present (false) only when the mapping turns doc values off. */
  docValues?: false;
}

/** The type of a dotted field in an explicit mapping (object properties and multi-fields), if mapped. */
function mappedField(mapping: Mapping, field: string): MappedField | undefined {
  return lookUp(mapping.properties ?? {}, field.split('.'));
}

function lookUp(properties: Readonly<Record<string, unknown>>, parts: string[]): MappedField | undefined {
  // Keys may themselves contain dots, so try every split point.
  for (let n = parts.length; n >= 1; n--) {
    const node = properties[parts.slice(0, n).join('.')] as Record<string, unknown> | undefined;
    if (!node) continue;
    const rest = parts.slice(n);
    if (rest.length === 0) {
      if (typeof node['type'] === 'string' && node['type'] !== 'object' && node['type'] !== 'nested')
        return {
          type: node['type'],
          indexed: node['index'] !== false,
          ...(node['doc_values'] === false ? { docValues: false } : {}),
        };
      return undefined;
    }
    if (node['enabled'] === false) return undefined;
    const inner = (node['properties'] ?? node['fields']) as Record<string, unknown> | undefined;
    const found = inner ? lookUp(inner, rest) : undefined;
    if (found) return found;
  }
  return undefined;
}

function fieldProblem(mapping: Mapping, usage: FieldUsage): string | undefined {
  const mapped = mappedField(mapping, usage.field);
  if (!mapped) return `${usage.field} (${usage.use}) is not in the mapping`;
  if (usage.use === 'time' && mapped.type !== 'date')
    return `${usage.field} is the time field but a ${mapped.type}`;
  if (['aggregation', 'sort', 'time'].includes(usage.use) && !AGGREGATABLE.has(mapped.type))
    return `${usage.field} (${usage.use}) is a ${mapped.type}, which cannot be aggregated or sorted`;
  if (['query', 'filter', 'aggregation', 'sort'].includes(usage.use) && !mapped.indexed)
    return `${usage.field} (${usage.use}) is not indexed`;
  if (['aggregation', 'sort', 'time'].includes(usage.use) && mapped.docValues === false)
    return `${usage.field} (${usage.use}) has no doc values`;
  return undefined;
}

// --- The NDJSON as saved-objects content -------------------------------------------------------------

describe('saved-objects.ndjson', () => {
  it('is one JSON object per line with the keys Kibana 8.x import expects', () => {
    expect(TEXT.endsWith('\n')).toBe(true);
    expect(LINES.length).toBeGreaterThan(0);
    for (const [i, line] of LINES.entries()) {
      expect(() => JSON.parse(line)).not.toThrow();
      const object = OBJECTS[i] as SavedObject;
      expect(Object.keys(object).sort()).toEqual(
        ['attributes', 'coreMigrationVersion', 'id', 'references', 'type', 'typeMigrationVersion'].sort(),
      );
      expect(['index-pattern', 'search', 'visualization', 'lens', 'dashboard']).toContain(object.type);
      expect(object.id).toMatch(/^tripline-[a-z0-9-]+$/);
      expect(typeof object.attributes).toBe('object');
      expect(Array.isArray(object.references)).toBe(true);
      expect(object.coreMigrationVersion).toBe('8.8.0');
      expect(object.typeMigrationVersion).toMatch(SEMVER);
      expect(object.typeMigrationVersion.startsWith('8.')).toBe(true);
    }
  });

  it('has unique ids', () => {
    const ids = OBJECTS.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a title on every object and a time field on every data view', () => {
    for (const object of OBJECTS) expect(object.attributes['title']).toEqual(expect.any(String));
    for (const view of OBJECTS.filter((o) => o.type === 'index-pattern'))
      expect(view.attributes['timeFieldName']).toBe('@timestamp');
  });

  it('points every reference at an object of that type in the file, under a unique name', () => {
    for (const object of OBJECTS) {
      const names = object.references.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      for (const ref of object.references) {
        expect(ref).toEqual({ name: expect.any(String), type: expect.any(String), id: expect.any(String) });
        const target = byId.get(ref.id);
        expect({ from: object.id, ref, found: target?.type }).toEqual({
          from: object.id,
          ref,
          found: ref.type,
        });
      }
    }
  });

  it('has attribute *JSON strings (and visState) that parse', () => {
    for (const object of OBJECTS) {
      const found: Array<[string, string]> = [];
      attributesJson(object.attributes, object.id, found);
      for (const [, json] of found) expect(() => JSON.parse(json)).not.toThrow();
      if (object.type === 'visualization')
        expect(found.map(([path]) => path)).toContain(`${object.id}.visState`);
    }
  });

  it('resolves every indexRefName in a searchSourceJSON to an index-pattern reference', () => {
    for (const object of OBJECTS) {
      const source = searchSource(object);
      const refNames = [
        source['indexRefName'],
        ...((source['filter'] as unknown[]) ?? []).map(
          (f) => (f as { meta?: { indexRefName?: string } }).meta?.indexRefName,
        ),
      ].filter((n): n is string => typeof n === 'string');
      for (const name of refNames) {
        expect(object.references.find((r) => r.name === name)).toMatchObject({ type: 'index-pattern' });
      }
      if (object.type === 'search' || object.type === 'visualization') expect(refNames).toHaveLength(1);
    }
  });

  it('connects every visualization and search to exactly one data view in the file', () => {
    for (const object of OBJECTS.filter((o) => o.type === 'search' || o.type === 'visualization')) {
      const views = dataViewsOf(object);
      expect({ id: object.id, views: views.length }).toEqual({ id: object.id, views: 1 });
      expect(byId.get(views[0] as string)?.type).toBe('index-pattern');
    }
  });

  it('has visualizations whose visState matches their title and has uniquely numbered aggregations', () => {
    for (const object of OBJECTS.filter((o) => o.type === 'visualization')) {
      const visState = JSON.parse(object.attributes['visState'] as string) as {
        title: string;
        type: string;
        aggs: Array<{ id: string; schema: string; type: string }>;
      };
      expect(visState.title).toBe(object.attributes['title']);
      expect(['histogram', 'table']).toContain(visState.type);
      const ids = visState.aggs.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(visState.aggs.some((a) => a.schema === 'metric')).toBe(true);
    }
  });

  it('gives every dashboard panel a reference to an object in the file, in a grid without overlaps', () => {
    const dashboards = OBJECTS.filter((o) => o.type === 'dashboard');
    expect(dashboards).toHaveLength(1);
    for (const dashboard of dashboards) {
      const panels = panelsOf(dashboard);
      expect(new Set(panels.map((p) => p.panelIndex)).size).toBe(panels.length);
      for (const panel of panels) {
        expect(panel.gridData.i).toBe(panel.panelIndex);
        expect(panel.gridData.x + panel.gridData.w).toBeLessThanOrEqual(48);
        const ref = dashboard.references.find((r) => r.name === `${panel.panelIndex}:${panel.panelRefName}`);
        expect({ panel: panel.panelIndex, type: ref?.type }).toEqual({
          panel: panel.panelIndex,
          type: panel.type,
        });
        expect(byId.get(ref?.id ?? '')?.type).toBe(panel.type);
      }
      const cells = new Set<string>();
      for (const { gridData: g } of panels)
        for (let x = g.x; x < g.x + g.w; x++)
          for (let y = g.y; y < g.y + g.h; y++) {
            expect(cells.has(`${x},${y}`)).toBe(false);
            cells.add(`${x},${y}`);
          }
      // Every reference of the dashboard belongs to a panel.
      expect(dashboard.references).toHaveLength(panels.length);
    }
  });

  it('has the data views, saved searches and panels the SOC dashboard is made of', () => {
    expect(byId.get(ALERTS_VIEW)?.attributes['title']).toBe('logs-tripline.alerts-*');
    expect(byId.get(DEADLETTER_VIEW)?.attributes['title']).toBe('logs-tripline.deadletter-*');
    const queries = OBJECTS.filter((o) => o.type === 'search').map(
      (o) => (searchSource(o)['query'] as { query: string; language: string }).query,
    );
    expect(queries).toEqual(
      expect.arrayContaining([
        'kibana.alert.workflow_status : "open" and kibana.alert.severity : "critical"',
        'threat.framework : "MITRE ATLAS"',
      ]),
    );
    for (const search of OBJECTS.filter((o) => o.type === 'search')) {
      expect(search.attributes['sort']).toEqual([['@timestamp', 'desc']]);
      expect(search.attributes['columns']).toEqual(
        expect.arrayContaining(['rule.name', 'kibana.alert.severity']),
      );
    }
    const dashboard = OBJECTS.find((o) => o.type === 'dashboard') as SavedObject;
    const onDashboard = new Set(dashboard.references.map((r) => r.id));
    const aggregated = new Set(
      [...onDashboard].flatMap((id) =>
        savedObjectFields(byId.get(id) as SavedObject)
          .filter((u) => u.use === 'aggregation')
          .map((u) => u.field),
      ),
    );
    for (const field of [
      '@timestamp',
      'kibana.alert.severity',
      'rule.name',
      'user.name',
      'source.ip',
      'cloud.account.id',
      'host.name',
      'tripline.event.entity_key',
      'threat.framework',
      'threat.technique.id',
      'stage',
    ])
      expect(aggregated).toContain(field);
  });

  it('keeps the dead-letter panel on its own data view, and says so in its title', () => {
    const dashboard = OBJECTS.find((o) => o.type === 'dashboard') as SavedObject;
    const readers = OBJECTS.filter(
      (o) => dataViewsOf(o).includes(DEADLETTER_VIEW) && o.type !== 'index-pattern',
    );
    expect(readers.map((o) => o.id)).toEqual(['tripline-vis-deadletter-rate']);
    const [deadLetterRate] = readers as [SavedObject];
    expect(dataViewsOf(deadLetterRate)).toEqual([DEADLETTER_VIEW]);
    expect(deadLetterRate.attributes['title']).toMatch(/separate data view.*logs-tripline\.deadletter-\*/);
    expect(dashboard.references.map((r) => r.id)).toContain(deadLetterRate.id);
  });

  it('uses only fields of its data view mapping, with types fit for how they are used', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const object of OBJECTS) {
      const usages = savedObjectFields(object);
      for (const view of dataViewsOf(object)) {
        const mapping = MAPPINGS[view];
        if (!mapping) {
          problems.push(`${object.id}: no mapping known for data view ${view}`);
          continue;
        }
        for (const usage of usages) {
          checked++;
          const problem = fieldProblem(mapping, usage);
          if (problem) problems.push(`${object.id}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

// --- The mapping look-up the check relies on ---------------------------------------------------------

describe('field types from the mappings', () => {
  it('finds nested properties and multi-fields, and tells text from keyword', () => {
    expect(mappedField(ALERT_MAPPINGS, '@timestamp')).toEqual({ type: 'date', indexed: true });
    expect(mappedField(ALERT_MAPPINGS, 'threat.technique.subtechnique.id')?.type).toBe('keyword');
    expect(mappedField(ALERT_MAPPINGS, 'source.ip')?.type).toBe('ip');
    expect(mappedField(ALERT_MAPPINGS, 'message')?.type).toBe('text');
    expect(mappedField(ALERT_MAPPINGS, 'message.keyword')?.type).toBe('keyword');
    expect(mappedField(ALERT_MAPPINGS, 'tripline.event.original_excerpt')).toEqual({
      type: 'text',
      indexed: false,
    });
    expect(mappedField(ALERT_MAPPINGS, 'tripline.workflow.history')).toBeUndefined();
    expect(mappedField(ALERT_MAPPINGS, 'rule.nope')).toBeUndefined();
    expect(mappedField(ALERT_MAPPINGS, 'rule')).toBeUndefined();
  });

  it('rejects text for aggregations, non-dates for the time field and unmapped fields', () => {
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'message', use: 'aggregation' })).toMatch(/text/);
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'message', use: 'column' })).toBeUndefined();
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'rule.name', use: 'time' })).toMatch(/time field/);
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'user.nickname', use: 'query' })).toMatch(
      /not in the mapping/,
    );
  });

  it('rejects fields kept only for display wherever they would be searched or aggregated', () => {
    expect(
      fieldProblem(ALERT_MAPPINGS, { field: 'threat.technique.reference', use: 'column' }),
    ).toBeUndefined();
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'threat.technique.reference', use: 'query' })).toMatch(
      /not indexed/,
    );
    expect(fieldProblem(ALERT_MAPPINGS, { field: 'kibana.alert.rule.tags', use: 'aggregation' })).toMatch(
      /not indexed/,
    );
    expect(
      fieldProblem(
        { properties: { f: { type: 'keyword', doc_values: false } } },
        { field: 'f', use: 'aggregation' },
      ),
    ).toMatch(/no doc values/);
  });

  it('maps every field of a dead letter, and @timestamp as a date', () => {
    const letter: Required<DeadLetter> = {
      stage: 'sink',
      code: 'c',
      reason: 'r',
      source: 's',
      position: 'p',
      connector: 'x',
      at: 't',
      payload: { excerpt: '', encoding: 'utf8', bytes: 0, truncated: false },
    };
    const leaves = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    for (const field of leaves(letter))
      expect({ field, mapped: !!mappedField(DEADLETTER_MAPPINGS, field) }).toEqual({ field, mapped: true });
    expect(mappedField(DEADLETTER_MAPPINGS, '@timestamp')?.type).toBe('date');
  });
});

// --- savedObjectFields -------------------------------------------------------------------------------

describe('savedObjectFields', () => {
  const source = (query: string, filter: unknown[] = []): Record<string, unknown> => ({
    kibanaSavedObjectMeta: {
      searchSourceJSON: JSON.stringify({ query: { query, language: 'kuery' }, filter }),
    },
  });

  it("reads a data view's time field", () => {
    expect(savedObjectFields({ type: 'index-pattern', attributes: { timeFieldName: '@timestamp' } })).toEqual(
      [{ field: '@timestamp', use: 'time' }],
    );
  });

  it("reads a search's columns, sort, breakdown, KQL fields and filter keys", () => {
    const fields = savedObjectFields({
      type: 'search',
      attributes: {
        columns: ['_source', 'rule.name'],
        sort: [
          ['@timestamp', 'desc'],
          ['rule.name', 'asc'],
        ],
        breakdownField: 'kibana.alert.severity',
        ...source('not user.name : "a: b" and (source.ip : 10.0.0.1 or event.risk_score >= 50)', [
          { meta: { key: 'host.name', type: 'phrase' } },
          { meta: { key: 'query', type: 'custom' } },
        ]),
      },
    });
    expect(fields).toEqual([
      { field: 'user.name', use: 'query' },
      { field: 'source.ip', use: 'query' },
      { field: 'event.risk_score', use: 'query' },
      { field: 'host.name', use: 'filter' },
      { field: 'rule.name', use: 'column' },
      { field: '@timestamp', use: 'sort' },
      { field: 'rule.name', use: 'sort' },
      { field: 'kibana.alert.severity', use: 'aggregation' },
    ]);
  });

  it("reads an aggregation-based visualization's agg fields, including filters agg queries", () => {
    const visState = {
      aggs: [
        { id: '1', type: 'count', params: {} },
        {
          id: '2',
          type: 'terms',
          params: { field: 'rule.name', orderAgg: { params: { field: 'event.risk_score' } } },
        },
        { id: '3', type: 'filters', params: { filters: [{ input: { query: 'threat.framework : x' } }] } },
      ],
    };
    expect(
      savedObjectFields({
        type: 'visualization',
        attributes: { visState: JSON.stringify(visState), ...source('') },
      }),
    ).toEqual([
      { field: 'rule.name', use: 'aggregation' },
      { field: 'event.risk_score', use: 'aggregation' },
      { field: 'threat.framework', use: 'query' },
    ]);
  });

  it("reads Lens columns' sourceFields (not the records pseudo-field), saved or by value in a dashboard", () => {
    const lens = {
      state: {
        query: { query: 'rule.name : *', language: 'kuery' },
        filters: [{ meta: { key: 'cloud.account.id', type: 'phrase' } }],
        datasourceStates: {
          formBased: {
            layers: {
              l1: {
                columns: {
                  a: { operationType: 'date_histogram', sourceField: '@timestamp' },
                  b: {
                    operationType: 'count',
                    sourceField: '___records___',
                    filter: { query: 'host.name : h' },
                  },
                },
              },
            },
          },
        },
      },
    };
    const expected = [
      { field: 'rule.name', use: 'query' },
      { field: 'cloud.account.id', use: 'filter' },
      { field: '@timestamp', use: 'aggregation' },
      { field: 'host.name', use: 'query' },
    ];
    expect(savedObjectFields({ type: 'lens', attributes: lens })).toEqual(expected);
    const panels = [{ type: 'lens', embeddableConfig: { attributes: lens } }, { type: 'visualization' }];
    expect(
      savedObjectFields({ type: 'dashboard', attributes: { panelsJSON: JSON.stringify(panels) } }),
    ).toEqual(expected);
  });

  it('survives attributes that are missing or not JSON', () => {
    expect(savedObjectFields({ type: 'visualization', attributes: { visState: '{nope' } })).toEqual([]);
    expect(savedObjectFields({ type: 'dashboard', attributes: {} })).toEqual([]);
  });

  it('finds KQL fields before :, <, <=, >, >= outside quotes, ignoring operators', () => {
    expect(kqlFields('a.b : "x and c : d" or not (e:1 and f < 2) and g>=3 and @timestamp > now-1d')).toEqual([
      'a.b',
      'e',
      'f',
      'g',
      '@timestamp',
    ]);
    expect(kqlFields('free text search')).toEqual([]);
    expect(kqlFields('source.ip : ::1')).toEqual(['source.ip']);
  });
});
