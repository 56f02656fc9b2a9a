/**
 * Proves that our hand-written schema check (src/detection/sigma/validate) reaches the same verdict as the
 * official Sigma JSON schemas. The schemas are read in place from the shared specification checkout and run
 * with ajv; they are never copied into the product.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { stringify } from 'yaml';
import { formatDiagnostic } from '../src/core/diagnostics';
import type { DiagnosticCode } from '../src/core/diagnostic-codes';
import { checkSchema, type SigmaDocumentKind } from '../src/detection/sigma/validate/schema-check';
import { parseYamlSource, type YamlDocument } from '../src/detection/sigma/yaml/yaml-source';
import { requireCorpus, SHARED_DIR, SIGMA_DIR } from './shared-corpus';

const SPEC_DIR = resolve(SHARED_DIR, 'reference', 'sigma-specification');
const SCHEMA_FILES: Record<SigmaDocumentKind, string> = {
  rule: 'sigma-detection-rule-schema.json',
  correlation: 'sigma-correlation-rules-schema.json',
  filter: 'sigma-filters-schema.json',
};

function compileOfficialSchemas(): Record<SigmaDocumentKind, ValidateFunction> {
  // strict: false because the official schemas use annotations ajv does not know (e.g. `gt` under anyOf).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compile = (file: string): ValidateFunction =>
    ajv.compile(JSON.parse(readFileSync(join(SPEC_DIR, 'json-schema', file), 'utf8')) as object);
  return {
    rule: compile(SCHEMA_FILES.rule),
    correlation: compile(SCHEMA_FILES.correlation),
    filter: compile(SCHEMA_FILES.filter),
  };
}

const official = compileOfficialSchemas();

interface Verdicts {
  official: boolean;
  ours: boolean;
  /** Both validators' reasons, for a readable failure message. */
  explain(): string;
}

function verdicts(doc: YamlDocument, kind: SigmaDocumentKind): Verdicts {
  const validate = official[kind];
  const officialOk = validate(doc.value);
  const officialErrors = validate.errors ?? [];
  const ours = checkSchema(doc, kind);
  return {
    official: officialOk,
    ours: ours.length === 0,
    explain: () =>
      `official: ${officialErrors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ') || 'valid'}\n` +
      `ours: ${ours.map(formatDiagnostic).join('; ') || 'valid'}`,
  };
}

function ymlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ymlFilesUnder(path);
    return entry.name.endsWith('.yml') ? [path] : [];
  });
}

function documentsOf(file: string): YamlDocument[] {
  return parseYamlSource(readFileSync(file, 'utf8'), file).documents;
}

describe('the SigmaHQ corpus against the official detection rule schema', () => {
  it('gets the same verdict from ajv and from checkSchema for every rule file', () => {
    requireCorpus();
    const ruleDirs = readdirSync(SIGMA_DIR)
      .filter((name) => name.startsWith('rules'))
      .map((name) => join(SIGMA_DIR, name));
    const files = ruleDirs.flatMap(ymlFilesUnder);
    expect(files.length).toBeGreaterThan(3000);

    const disagreements: string[] = [];
    const rejected = { official: 0, ours: 0 };
    let checked = 0;
    for (const file of files) {
      for (const doc of documentsOf(file)) {
        checked++;
        const v = verdicts(doc, 'rule');
        if (!v.official) rejected.official++;
        if (!v.ours) rejected.ours++;
        if (v.official !== v.ours) disagreements.push(`${relative(SHARED_DIR, file)}\n${v.explain()}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(files.length);
    expect(disagreements).toEqual([]);
    expect(rejected.ours).toBe(rejected.official);
  });
});

describe('the specification examples', () => {
  const examples: [SigmaDocumentKind, string][] = [
    ['rule', 'rules'],
    ['correlation', 'correlation'],
    ['filter', 'filter'],
  ];
  it.each(examples)('are valid %s documents for both validators', (kind, folder) => {
    const files = ymlFilesUnder(join(SPEC_DIR, 'tests', 'schema', folder));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const doc of documentsOf(file)) {
        const v = verdicts(doc, kind);
        expect({ file: relative(SPEC_DIR, file), official: v.official, ours: v.ours }).toEqual({
          file: relative(SPEC_DIR, file),
          official: true,
          ours: true,
        });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Mutated documents. Bases are valid; each case changes a few attributes through a dotted path.

const REMOVE = Symbol('remove');
type Edit = [path: string, value: unknown];

const BASES: Record<SigmaDocumentKind, () => Record<string, unknown>> = {
  rule: () => ({
    title: 'Whoami execution',
    id: '5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11',
    related: [{ id: '0e95725d-7320-415d-80f7-004da920fc11', type: 'derived' }],
    name: 'whoami_execution',
    taxonomy: 'sigma',
    status: 'test',
    description: 'Detects whoami',
    license: 'DRL-1.1',
    author: 'someone',
    references: ['https://example.org/a'],
    date: '2024-01-01',
    modified: '2024-02-01',
    tags: ['attack.discovery', 'attack.t1033'],
    logsource: { category: 'process_creation', product: 'windows', service: 'sysmon', definition: 'any' },
    detection: {
      selection: { 'Image|endswith': '\\whoami.exe' },
      keywords: ['whoami', 42, { CommandLine: 'x' }],
      condition: 'selection or keywords',
    },
    fields: ['CommandLine'],
    falsepositives: ['Admin activity'],
    level: 'high',
    scope: ['server'],
  }),
  correlation: () => ({
    title: 'Many failed logins',
    id: '0e95725d-7320-415d-80f7-004da920fc11',
    status: 'experimental',
    description: 'Failed logins from one host',
    author: 'someone',
    references: ['https://example.org/b'],
    date: '2024-03-01',
    modified: '2024-03-02',
    taxonomy: 'sigma',
    correlation: {
      type: 'event_count',
      rules: ['failed_login', '5638f7c0-ac70-491d-8465-2a65075e0d86'],
      aliases: { host: { failed_login: 'ComputerName' } },
      'group-by': ['host'],
      timespan: '1h',
      condition: { gte: 100 },
    },
    falsepositives: ['Password spraying tests'],
    level: 'high',
    generate: false,
  }),
  filter: () => ({
    title: 'Filter admin accounts',
    id: '9e2b5a4c-1f0d-4c3a-8a7e-6b5d4c3b2a19',
    description: 'Admin accounts start with adm_',
    date: '2024-04-01',
    modified: '2024-04-02',
    taxonomy: 'sigma',
    logsource: { category: 'process_creation', product: 'windows', service: 'security' },
    filter: {
      rules: ['6f3e2987-db24-4c78-a860-b4f4095a7095', 'login_on_jump_host'],
      selection: { 'User|startswith': 'adm_' },
      condition: 'selection',
    },
  }),
};

function applyEdit(root: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const steps = path.split('.');
  const last = steps.pop() as string;
  let parent = root as Record<string, unknown>;
  for (const step of steps) parent = parent[step] as Record<string, unknown>;
  if (value !== REMOVE) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return root;
}

/** Writes the mutated value as YAML and reads it back, so checkSchema sees a real document with positions. */
function mutated(kind: SigmaDocumentKind, edits: readonly Edit[]): YamlDocument {
  const value = edits.reduce<unknown>((root, [path, v]) => applyEdit(root, path, v), BASES[kind]());
  const source = parseYamlSource(stringify(value), 'mutant.yml');
  const doc = source.documents[0];
  if (!doc) throw new Error(`mutation ${JSON.stringify(edits)} does not round-trip through YAML`);
  expect(doc.value).toEqual(value);
  return doc;
}

const long = (length: number): string => 'x'.repeat(length);

function describeEdits(edits: readonly Edit[]): string {
  const show = (value: unknown): string =>
    typeof value === 'string' && value.length > 24 ? `<${value.length} chars>` : JSON.stringify(value);
  if (edits.length === 0) return 'the base';
  return edits
    .map(([path, value]) => (value === REMOVE ? `${path || '/'} removed` : `${path || '/'}=${show(value)}`))
    .join(', ');
}

/** [kind, edits, the code checkSchema must report] — every constraint of the three schemas at least once. */
const INVALID: [SigmaDocumentKind, Edit[], DiagnosticCode][] = [
  // detection rules
  ['rule', [['', ['title']]], 'schema.type'],
  ['rule', [['title', REMOVE]], 'schema.required'],
  ['rule', [['logsource', REMOVE]], 'schema.required'],
  ['rule', [['detection', REMOVE]], 'schema.required'],
  ['rule', [['title', long(257)]], 'schema.length'],
  ['rule', [['title', 5]], 'schema.type'],
  ['rule', [['id', 'rule-0001']], 'schema.format'],
  ['rule', [['id', '5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a1']], 'schema.format'],
  ['rule', [['related', 'derived']], 'schema.type'],
  ['rule', [['related.0', 'derived']], 'schema.type'],
  ['rule', [['related.0.id', REMOVE]], 'schema.required'],
  ['rule', [['related.0.type', REMOVE]], 'schema.required'],
  ['rule', [['related.0.type', 'copied']], 'schema.enum'],
  ['rule', [['related.0.id', 'other-rule']], 'schema.format'],
  ['rule', [['name', long(257)]], 'schema.length'],
  ['rule', [['taxonomy', long(257)]], 'schema.length'],
  ['rule', [['status', 'beta']], 'schema.enum'],
  ['rule', [['status', 1]], 'schema.type'],
  ['rule', [['description', long(65536)]], 'schema.length'],
  ['rule', [['license', 2]], 'schema.type'],
  ['rule', [['author', ['a', 'b']]], 'schema.type'],
  ['rule', [['references', 'https://example.org/a']], 'schema.type'],
  ['rule', [['references', ['a', 'a']]], 'schema.unique'],
  ['rule', [['references', [1]]], 'schema.type'],
  ['rule', [['date', '2024-1-01']], 'schema.format'],
  ['rule', [['date', '2024-00-01']], 'schema.format'],
  ['rule', [['modified', '2024-12-32']], 'schema.format'],
  ['rule', [['modified', '2024-12-01T00:00:00Z']], 'schema.format'],
  ['rule', [['date', 20240101]], 'schema.type'],
  ['rule', [['logsource', 'windows']], 'schema.type'],
  ['rule', [['logsource', null]], 'schema.type'],
  ['rule', [['logsource.category', 1]], 'schema.type'],
  ['rule', [['logsource.product', null]], 'schema.type'],
  ['rule', [['logsource.service', true]], 'schema.type'],
  ['rule', [['logsource.definition', ['a']]], 'schema.type'],
  ['rule', [['detection', ['selection']]], 'schema.type'],
  ['rule', [['detection.condition', REMOVE]], 'schema.required'],
  ['rule', [['detection.condition', ['selection', 'keywords']]], 'schema.type'],
  ['rule', [['detection.selection', 'whoami']], 'schema.type'],
  ['rule', [['detection.selection', null]], 'schema.type'],
  ['rule', [['detection.keywords.0', 1.5]], 'schema.type'],
  ['rule', [['detection.keywords.0', null]], 'schema.type'],
  ['rule', [['detection.keywords.0', ['nested']]], 'schema.type'],
  ['rule', [['detection.keywords.0', false]], 'schema.type'],
  ['rule', [['fields', 'CommandLine']], 'schema.type'],
  ['rule', [['fields', ['a', 'a']]], 'schema.unique'],
  ['rule', [['fields.0', { a: 1 }]], 'schema.type'],
  ['rule', [['falsepositives', 'Admin activity']], 'schema.type'],
  ['rule', [['falsepositives.0', 'x']], 'schema.min_length'],
  ['rule', [['falsepositives', ['Admins', 'Admins']]], 'schema.unique'],
  ['rule', [['level', 'severe']], 'schema.enum'],
  ['rule', [['level', 'High']], 'schema.enum'],
  ['rule', [['tags.0', 'Attack.Discovery']], 'schema.format'],
  ['rule', [['tags.0', 'attack']], 'schema.format'],
  ['rule', [['tags.0', 'attack.T1033']], 'schema.format'],
  ['rule', [['tags.0', 'attack.t1033 ']], 'schema.format'],
  ['rule', [['tags', ['a.b', 'a.b']]], 'schema.unique'],
  ['rule', [['tags', 'attack.t1033']], 'schema.type'],
  ['rule', [['scope.0', 's']], 'schema.min_length'],
  ['rule', [['scope', 'server']], 'schema.type'],
  // correlation rules (the bases and cases follow the prose of the correlation specification)
  ['correlation', [['title', REMOVE]], 'schema.required'],
  ['correlation', [['title', long(300)]], 'schema.length'],
  ['correlation', [['correlation', REMOVE]], 'schema.required'],
  ['correlation', [['correlation', 'event_count']], 'schema.type'],
  ['correlation', [['correlation.type', REMOVE]], 'schema.required'],
  ['correlation', [['correlation.type', 'event_counter']], 'schema.enum'],
  ['correlation', [['correlation.type', 3]], 'schema.type'],
  ['correlation', [['correlation.rules', REMOVE]], 'schema.required'],
  ['correlation', [['correlation.rules', 'failed_login']], 'schema.type'],
  ['correlation', [['correlation.rules.0', 'f']], 'schema.min_length'],
  ['correlation', [['correlation.rules.0', 7]], 'schema.type'],
  ['correlation', [['correlation.rules', ['a1', 'a1']]], 'schema.unique'],
  ['correlation', [['correlation.aliases', ['host']]], 'schema.type'],
  ['correlation', [['correlation.aliases.host', 'ComputerName']], 'schema.type'],
  ['correlation', [['correlation.group-by', 'host']], 'schema.type'],
  ['correlation', [['correlation.group-by', ['host', 'host']]], 'schema.unique'],
  ['correlation', [['correlation.group-by.0', 1]], 'schema.type'],
  ['correlation', [['correlation.timespan', REMOVE]], 'schema.required'],
  ['correlation', [['correlation.timespan', '12345678901s']], 'schema.length'],
  ['correlation', [['correlation.timespan', 3600]], 'schema.type'],
  ['correlation', [['correlation.condition', 'gte 100']], 'schema.type'],
  ['correlation', [['correlation.condition', [{ gte: 100 }]]], 'schema.type'],
  ['correlation', [['correlation.condition', REMOVE]], 'schema.required'],
  ['correlation', [['correlation.group-by', REMOVE]], 'schema.required'],
  [
    'correlation',
    [
      ['correlation.type', 'temporal'],
      ['correlation.group-by', REMOVE],
    ],
    'schema.required',
  ],
  [
    'correlation',
    [
      ['correlation.type', 'temporal_ordered'],
      ['correlation.group-by', REMOVE],
    ],
    'schema.required',
  ],
  [
    'correlation',
    [
      ['correlation.type', 'value_count'],
      ['correlation.condition', REMOVE],
    ],
    'schema.required',
  ],
  [
    'correlation',
    [
      ['correlation.type', 'value_sum'],
      ['correlation.condition', REMOVE],
    ],
    'schema.required',
  ],
  [
    'correlation',
    [
      ['correlation.type', 'value_avg'],
      ['correlation.group-by', REMOVE],
    ],
    'schema.required',
  ],
  [
    'correlation',
    [
      ['correlation.type', 'value_percentile'],
      ['correlation.condition', REMOVE],
    ],
    'schema.required',
  ],
  ['correlation', [['falsepositives', 'x']], 'schema.min_length'],
  ['correlation', [['falsepositives', ['Admins', 'x']]], 'schema.min_length'],
  ['correlation', [['falsepositives', ['Admins', 'Admins']]], 'schema.unique'],
  ['correlation', [['falsepositives', 5]], 'schema.type'],
  ['correlation', [['level', 'urgent']], 'schema.enum'],
  ['correlation', [['status', 'beta']], 'schema.enum'],
  ['correlation', [['generate', 'yes']], 'schema.type'],
  ['correlation', [['date', '24-03-01']], 'schema.format'],
  ['correlation', [['modified', '2024-13-01']], 'schema.format'],
  ['correlation', [['id', 'not-a-uuid']], 'schema.format'],
  ['correlation', [['description', long(65536)]], 'schema.length'],
  ['correlation', [['taxonomy', long(257)]], 'schema.length'],
  ['correlation', [['references', ['a', 'a']]], 'schema.unique'],
  ['correlation', [['author', 1]], 'schema.type'],
  // filters (written from the filter specification's prose and example)
  ['filter', [['title', REMOVE]], 'schema.required'],
  ['filter', [['title', long(257)]], 'schema.length'],
  ['filter', [['logsource', REMOVE]], 'schema.required'],
  ['filter', [['logsource', ['windows']]], 'schema.type'],
  ['filter', [['logsource.service', 4]], 'schema.type'],
  ['filter', [['filter', REMOVE]], 'schema.required'],
  ['filter', [['filter', 'selection']], 'schema.type'],
  ['filter', [['filter.rules', REMOVE]], 'schema.required'],
  ['filter', [['filter.selection', REMOVE]], 'schema.required'],
  ['filter', [['filter.condition', REMOVE]], 'schema.required'],
  ['filter', [['filter.rules', []]], 'schema.min_length'],
  ['filter', [['filter.rules', ['a', 'a']]], 'schema.unique'],
  ['filter', [['filter.rules', 'login_on_jump_host']], 'schema.type'],
  ['filter', [['filter.rules.0', 12]], 'schema.type'],
  ['filter', [['filter.selection', 'adm_']], 'schema.type'],
  ['filter', [['filter.selection', ['adm_', true]]], 'schema.type'],
  ['filter', [['filter.condition', ['selection']]], 'schema.type'],
  ['filter', [['id', '6f3e2987']], 'schema.format'],
  ['filter', [['date', '2024-04-1']], 'schema.format'],
  ['filter', [['modified', 'yesterday']], 'schema.format'],
  ['filter', [['taxonomy', long(257)]], 'schema.length'],
  ['filter', [['description', 3]], 'schema.type'],
];

/** Edge cases both must accept, mostly where a stricter reading would be tempting. */
const VALID: [SigmaDocumentKind, Edit[]][] = [
  ['rule', []],
  ['rule', [['title', '😀'.repeat(256)]]],
  ['rule', [['title', '']]],
  ['rule', [['id', '5F1BA9A5-6C57-4B3F-8CC2-0C5B8A3E0A11']]],
  ['rule', [['id', 'urn:uuid:5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11']]],
  ['rule', [['date', '2024-02-31']]],
  ['rule', [['tags', ['cve.2021-44228', 'attack.t1059.001', 'a_b-c.d..e']]]],
  ['rule', [['logsource', {}]]],
  ['rule', [['logsource.custom', 5]]],
  ['rule', [['detection', { condition: 'x' }]]],
  ['rule', [['detection.keywords', []]]],
  ['rule', [['detection.selection', [{ a: 1 }, { b: [1, 2] }]]]],
  ['rule', [['detection.keywords.0', 1.0]]],
  ['rule', [['scope', ['server', 'server']]]],
  ['rule', [['falsepositives', []]]],
  ['rule', [['custom', { anything: [null] }]]],
  ['correlation', [['falsepositives', 'Password spraying tests']]],
  [
    'correlation',
    [
      ['correlation.type', 'temporal'],
      ['correlation.condition', REMOVE],
    ],
  ],
  [
    'correlation',
    [
      ['correlation.type', 'value_count'],
      ['correlation.condition', { field: 'User', gt: 5 }],
    ],
  ],
  ['correlation', [['correlation.condition', { gte: 'many' }]]],
  ['correlation', [['correlation.timespan', 'soon']]],
  ['correlation', [['correlation.rules', []]]],
  [
    'correlation',
    [
      ['tags', 'not checked'],
      ['name', 1],
    ],
  ],
  ['filter', [['filter.selection', ['adm_', 5, { User: 'x' }]]]],
  ['filter', [['logsource.definition', 5]]],
  ['filter', [['level', 'severe']]],
];

describe('mutated documents', () => {
  const named = <T extends [SigmaDocumentKind, Edit[], ...unknown[]]>(cases: T[]) =>
    cases.map((c) => [`${c[0]}: ${describeEdits(c[1])}`, ...c] as const);

  it.each(named(INVALID))('%s is rejected by both', (_name, kind, edits, code) => {
    const doc = mutated(kind, edits);
    const v = verdicts(doc, kind);
    expect({ official: v.official, ours: v.ours, explain: v.explain() }).toMatchObject({
      official: false,
      ours: false,
    });
    expect(checkSchema(doc, kind).map((d) => d.code)).toContain(code);
  });

  it.each(named(VALID))('%s is accepted by both', (_name, kind, edits) => {
    const v = verdicts(mutated(kind, edits), kind);
    expect({ official: v.official, ours: v.ours, explain: v.explain() }).toMatchObject({
      official: true,
      ours: true,
    });
  });

  it('covers every constraint code at least once per kind where the schema has it', () => {
    const codes = (kind: SigmaDocumentKind) =>
      new Set(INVALID.filter(([k]) => k === kind).map(([, , c]) => c));
    const all: DiagnosticCode[] = [
      'schema.required',
      'schema.type',
      'schema.enum',
      'schema.format',
      'schema.length',
      'schema.min_length',
      'schema.unique',
    ];
    expect([...codes('rule')].sort()).toEqual([...all].sort());
    expect([...codes('correlation')].sort()).toEqual([...all].sort());
    // filters have no enumerated attribute
    expect([...codes('filter')].sort()).toEqual(all.filter((c) => c !== 'schema.enum').sort());
  });
});

// ---------------------------------------------------------------------------------------------------
// A sweep: every attribute of every kind set to each of a range of probe values, or removed.

const PROBES: unknown[] = [
  REMOVE,
  null,
  0,
  7,
  1.5,
  true,
  '',
  'x',
  'ab',
  'high',
  'stable',
  'derived',
  'event_count',
  'temporal',
  'attack.t1',
  'Attack.T1',
  'attack.T1',
  'attack.',
  '.t1',
  '2024-1-01',
  '2024-12-31',
  'urn:uuid:5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11',
  '5F1BA9A5-6C57-4B3F-8CC2-0C5B8A3E0A1G',
  '2024-01-01',
  '2024-13-01',
  '5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11',
  long(11),
  long(257),
  [],
  ['x'],
  ['ab', 'cd'],
  ['ab', 'ab'],
  ['attack.t1'],
  [1],
  [null],
  [{}],
  [['ab']],
  {},
  { a: 'b' },
  { a: {} },
  { gte: 3 },
];

const SWEPT_PATHS: Record<SigmaDocumentKind, string[]> = {
  rule: [
    ...[
      'title',
      'id',
      'related',
      'related.0',
      'related.0.id',
      'related.0.type',
      'name',
      'taxonomy',
      'status',
    ],
    ...['description', 'license', 'author', 'references', 'references.0', 'date', 'modified', 'logsource'],
    ...['logsource.category', 'logsource.product', 'logsource.service', 'logsource.definition', 'detection'],
    ...['detection.condition', 'detection.selection', 'detection.keywords', 'detection.keywords.1', 'fields'],
    ...[
      'fields.0',
      'falsepositives',
      'falsepositives.0',
      'level',
      'tags',
      'tags.1',
      'scope',
      'scope.0',
      'custom',
    ],
  ],
  correlation: [
    ...['title', 'id', 'status', 'description', 'author', 'references', 'date', 'modified', 'taxonomy'],
    ...['correlation', 'correlation.type', 'correlation.rules', 'correlation.rules.0', 'correlation.aliases'],
    ...['correlation.aliases.host', 'correlation.group-by', 'correlation.group-by.0', 'correlation.timespan'],
    ...['correlation.condition', 'correlation.condition.gte', 'falsepositives', 'falsepositives.0', 'level'],
    ...['generate', 'logsource', 'custom'],
  ],
  filter: [
    ...['title', 'id', 'description', 'date', 'modified', 'taxonomy', 'logsource', 'logsource.category'],
    ...[
      'logsource.product',
      'logsource.service',
      'filter',
      'filter.rules',
      'filter.rules.0',
      'filter.selection',
    ],
    ...['filter.condition', 'level', 'custom'],
  ],
};

describe('a sweep of probe values over every attribute', () => {
  it.each(Object.keys(SWEPT_PATHS) as SigmaDocumentKind[])(
    'gives the same verdicts for %s documents',
    (kind) => {
      const disagreements: string[] = [];
      for (const path of SWEPT_PATHS[kind]) {
        for (const probe of PROBES) {
          const v = verdicts(mutated(kind, [[path, probe]]), kind);
          if (v.official !== v.ours) {
            disagreements.push(`${describeEdits([[path, probe]])}\n${v.explain()}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );

  it('also agrees for each correlation type with group-by or condition removed', () => {
    const types = [
      'event_count',
      'value_count',
      'temporal',
      'temporal_ordered',
      'value_sum',
      'value_avg',
      'value_percentile',
      'other',
    ];
    const disagreements: string[] = [];
    for (const type of [...types, REMOVE]) {
      for (const removed of ['correlation.group-by', 'correlation.condition', 'correlation.aliases']) {
        const v = verdicts(
          mutated('correlation', [
            ['correlation.type', type],
            [removed, REMOVE],
          ]),
          'correlation',
        );
        if (v.official !== v.ours)
          disagreements.push(`type ${String(type)} without ${removed}\n${v.explain()}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
