import { parseSigmaDocument } from '../parse/parse-document';
import { compileYaml, compileYamlSet, diagnoseYaml, matches, ruleWith } from '../testing/compile-yaml';
import { parseYamlSource } from '../yaml/yaml-source';
import { compileRule } from './compile-rule';

interface Case {
  name: string;
  detection: string;
  match: Record<string, unknown>;
  noMatch: Record<string, unknown>;
}

const VALUE_CASES: Case[] = [
  {
    name: 'case-insensitive by default',
    detection: "sel: { Image: 'C:\\Windows\\cmd.exe' }\ncondition: sel",
    match: { Image: 'c:\\WINDOWS\\CMD.EXE' },
    noMatch: { Image: 'c:\\windows\\cmd.exe ' },
  },
  {
    name: '* wildcard in the middle',
    detection: "sel: { Image: 'C:\\Users\\\\*\\AppData\\\\*.exe' }\ncondition: sel",
    match: { Image: 'C:\\Users\\bob\\AppData\\Local\\x.exe' },
    noMatch: { Image: 'C:\\Users\\bob\\Documents\\x.exe' },
  },
  {
    name: '? matches exactly one character',
    detection: "sel: { Image: '*\\svch?st.exe' }\ncondition: sel",
    match: { Image: 'C:\\svchast.exe' },
    noMatch: { Image: 'C:\\svchst.exe' },
  },
  {
    name: 'escaped \\* is a literal star',
    detection: "sel: { CommandLine: 'dir \\*.txt' }\ncondition: sel",
    match: { CommandLine: 'dir *.txt' },
    noMatch: { CommandLine: 'dir a.txt' },
  },
  {
    name: 'escaped \\? is a literal question mark',
    detection: "sel: { CommandLine: 'what\\?' }\ncondition: sel",
    match: { CommandLine: 'what?' },
    noMatch: { CommandLine: 'whatx' },
  },
  {
    name: 'escaped \\\\ before a wildcard is a literal backslash',
    detection: "sel: { Path: 'C:\\\\*' }\ncondition: sel",
    match: { Path: 'C:\\anything' },
    noMatch: { Path: 'C:anything' },
  },
  {
    name: 'a backslash before another character is literal',
    detection: "sel: { Image|startswith: 'C:\\Windows\\System32' }\ncondition: sel",
    match: { Image: 'C:\\Windows\\System32\\a.exe' },
    noMatch: { Image: 'C:/Windows/System32/a.exe' },
  },
  {
    name: 'a backslash before a star escapes it (use \\\\* for a folder wildcard)',
    detection: "sel: { Image: 'C:\\Windows\\*' }\ncondition: sel",
    match: { Image: 'C:\\Windows*' },
    noMatch: { Image: 'C:\\Windows\\a.exe' },
  },
  {
    name: 'empty string matches only empty',
    detection: "sel: { Description: '' }\ncondition: sel",
    match: { Description: '' },
    noMatch: {},
  },
  {
    name: 'null matches absent and null, not empty',
    detection: 'sel: { Description: null }\ncondition: sel',
    match: { Description: null },
    noMatch: { Description: '' },
  },
  {
    name: 'null matches an absent field',
    detection: 'sel: { Description: null }\ncondition: sel',
    match: {},
    noMatch: { Description: 'x' },
  },
  {
    name: 'number in rule, string in event',
    detection: 'sel: { EventID: 4688 }\ncondition: sel',
    match: { EventID: '4688' },
    noMatch: { EventID: '46880' },
  },
  {
    name: 'string in rule, number in event',
    detection: "sel: { EventID: '4688' }\ncondition: sel",
    match: { EventID: 4688 },
    noMatch: { EventID: 4689 },
  },
  {
    name: 'boolean',
    detection: 'sel: { Enabled: false }\ncondition: sel',
    match: { Enabled: false },
    noMatch: { Enabled: true },
  },
  {
    name: 'boolean as string in the event',
    detection: 'sel: { Enabled: true }\ncondition: sel',
    match: { Enabled: 'True' },
    noMatch: { Enabled: 'yes' },
  },
  {
    name: 'a list is OR',
    detection: "sel: { Image|endswith: ['\\a.exe', '\\b.exe'] }\ncondition: sel",
    match: { Image: 'C:\\b.exe' },
    noMatch: { Image: 'C:\\c.exe' },
  },
  {
    name: 'a map is AND',
    detection: "sel:\n  Image|endswith: '\\a.exe'\n  User: alice\ncondition: sel",
    match: { Image: 'C:\\a.exe', User: 'alice' },
    noMatch: { Image: 'C:\\a.exe', User: 'bob' },
  },
  {
    name: 'a list of maps is OR of ANDs',
    detection:
      "sel:\n  - { Image|endswith: '\\a.exe', User: alice }\n  - { Image|endswith: '\\b.exe' }\ncondition: sel",
    match: { Image: 'C:\\b.exe', User: 'x' },
    noMatch: { Image: 'C:\\a.exe', User: 'bob' },
  },
  {
    name: 'nested objects by dotted name',
    detection: 'sel: { userIdentity.type: Root }\ncondition: sel',
    match: { userIdentity: { type: 'Root' } },
    noMatch: { userIdentity: { type: 'IAMUser' } },
  },
  {
    name: 'a flat key with dots wins',
    detection: 'sel: { process.name: cmd.exe }\ncondition: sel',
    match: { 'process.name': 'cmd.exe', process: { name: 'x' } },
    noMatch: { 'process.name': 'x', process: { name: 'cmd.exe' } },
  },
  {
    name: 'arrays in the event: any element',
    detection: 'sel: { tags|contains: admin }\ncondition: sel',
    match: { tags: ['user', 'superadmin'] },
    noMatch: { tags: ['user'] },
  },
  {
    name: 'arrays of objects along a path',
    detection: "sel: { resources.ARN|endswith: ':secret/db' }\ncondition: sel",
    match: { resources: [{ ARN: 'x' }, { ARN: 'arn:aws:sm:secret/db' }] },
    noMatch: { resources: [{ ARN: 'x' }] },
  },
  {
    name: 'keywords match anywhere as substrings',
    detection: "keywords: ['sekurlsa::', 'Invoke-Mimikatz']\ncondition: keywords",
    match: { CommandLine: 'x', Payload: 'privilege::debug sekurlsa::logonpasswords' },
    noMatch: { CommandLine: 'sekurlsa' },
  },
  {
    name: 'keywords search nested values',
    detection: "keywords: ['dumpcreds']\ncondition: keywords",
    match: { a: { b: ['x', 'run DumpCreds'] } },
    noMatch: { a: { b: ['dump creds'] } },
  },
  {
    name: 'keywords with wildcards',
    detection: "keywords: ['*evil*payload*']\ncondition: keywords",
    match: { Message: 'an evil big payload' },
    noMatch: { Message: 'payload evil' },
  },
];

describe('values, wildcards and escapes', () => {
  it.each(VALUE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rule = compileYaml(ruleWith(c.detection));
    expect(matches(rule, c.match)).toBe(true);
    expect(matches(rule, c.noMatch)).toBe(false);
  });
});

const SELECTIONS = 'a: { A: 1 }\nb: { B: 1 }\nc: { C: 1 }\nfilter_x: { X: 1 }\nfilter_y: { Y: 1 }\n';

const CONDITION_CASES: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
  ['and', 'a and b', { A: 1, B: 1 }, { A: 1 }],
  ['or', 'a or b', { B: 1 }, { C: 1 }],
  ['not', 'a and not b', { A: 1 }, { A: 1, B: 1 }],
  ['not binds tighter than and', 'not a and b', { B: 1 }, { A: 1, B: 1 }],
  ['and binds tighter than or', 'a or b and c', { A: 1 }, { B: 1 }],
  ['parentheses', '(a or b) and c', { B: 1, C: 1 }, { A: 1 }],
  ['1 of pattern', '1 of filter_*', { Y: 1 }, { A: 1 }],
  ['all of pattern', 'all of filter_*', { X: 1, Y: 1 }, { X: 1 }],
  ['N of pattern', '2 of filter_* or 2 of ?', { X: 1, Y: 1 }, { X: 1 }],
  ['1 of them', '1 of them', { C: 1 }, { D: 1 }],
  ['all of them', 'all of them', { A: 1, B: 1, C: 1, X: 1, Y: 1 }, { A: 1, B: 1, C: 1, X: 1 }],
  ['not 1 of', 'a and not 1 of filter_*', { A: 1 }, { A: 1, Y: 1 }],
  ['nested negation', 'not (a and not b)', { A: 1, B: 1 }, { A: 1 }],
];

describe('conditions', () => {
  it.each(CONDITION_CASES.filter(([, condition]) => !condition.includes('?')))(
    '%s: %s',
    (_name, condition, match, noMatch) => {
      const rule = compileYaml(ruleWith(`${SELECTIONS}condition: ${condition}`));
      expect(matches(rule, match)).toBe(true);
      expect(matches(rule, noMatch)).toBe(false);
    },
  );

  it('N of with N > 1', () => {
    const rule = compileYaml(ruleWith(`${SELECTIONS}condition: 2 of filter_*`));
    expect(matches(rule, { X: 1, Y: 1 })).toBe(true);
    expect(matches(rule, { X: 1 })).toBe(false);
  });

  it('a list of conditions is ORed, and flagged by the 2.x schema, which wants one string', () => {
    const text = ruleWith(`${SELECTIONS}condition:\n  - a and b\n  - c`);
    const doc = parseYamlSource(text, 'list.yml').documents[0]!;
    const parsed = parseSigmaDocument(doc, 'list.yml');
    expect(parsed.diagnostics.map((d) => d.code)).toContain('schema.type');
    if (parsed.document?.kind !== 'rule') throw new Error('not a rule');
    const rule = compileRule(parsed.document, [], { pipelines: [], placeholders: new Map() }).rule!;
    expect(matches(rule, { C: 1 })).toBe(true);
    expect(matches(rule, { A: 1, B: 1 })).toBe(true);
    expect(matches(rule, { A: 1 })).toBe(false);
  });

  it.each([
    ['a missing identifier', 'a and nothere', 'condition.unknown_identifier', 'error'],
    ['a pattern that matches nothing', 'a and not 1 of nope_*', 'condition.no_match_pattern', 'error'],
    ['a syntax error', 'a and (b', 'condition.syntax', 'error'],
    ['an unused identifier', 'a or b or 1 of filter_*', 'condition.unused_identifier', 'warning'],
  ])('reports %s', (_name, condition, code, severity) => {
    const diagnostics = diagnoseYaml(ruleWith(`${SELECTIONS}condition: ${condition}`));
    expect(diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code, severity })]));
  });
});

describe('explanations and matched fields', () => {
  it('lists the fields of the positive selections only', () => {
    const rule = compileYaml(
      ruleWith(
        "sel: { Image|endswith: '\\cmd.exe', CommandLine|contains: whoami }\nfilter: { User: admin }\ncondition: sel and not filter",
      ),
    );
    const { EventContext } =
      jest.requireActual<typeof import('../compile/event-context')>('../compile/event-context');
    const ctx = new EventContext({ Image: 'C:\\cmd.exe', CommandLine: 'cmd /c whoami', User: 'bob' });
    expect(rule.matchedFields(ctx)).toEqual([
      { field: 'Image', value: 'C:\\cmd.exe', matchedBy: '*\\cmd.exe' },
      { field: 'CommandLine', value: 'cmd /c whoami', matchedBy: '*whoami*' },
    ]);
    const explanation = rule.explain(ctx);
    expect(explanation.matched).toBe(true);
    expect(explanation.identifiers.map((i) => [i.name, i.matched])).toEqual([
      ['sel', true],
      ['filter', false],
    ]);
  });
});

describe('Sigma filters', () => {
  const rule = `title: Whoami\nid: 11111111-1111-4111-8111-111111111111\nlogsource: { product: windows, category: process_creation }\ndetection:\n  sel: { CommandLine|contains: whoami }\n  condition: sel\n`;
  const other = rule
    .replace('Whoami', 'Other')
    .replace('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222');
  const filter = `title: Admins may\nlogsource: { product: windows, category: process_creation }\nfilter:\n  rules: [11111111-1111-4111-8111-111111111111]\n  selection: { User|startswith: 'adm_' }\n  condition: selection\n`;

  it('suppresses matches of the rules it names, and only those', () => {
    const [whoami, untouched] = compileYamlSet([rule, other, filter]);
    expect(whoami?.filters).toHaveLength(1);
    expect(matches(whoami!, { CommandLine: 'whoami', User: 'adm_bob' })).toBe(false);
    expect(matches(whoami!, { CommandLine: 'whoami', User: 'bob' })).toBe(true);
    expect(matches(untouched!, { CommandLine: 'whoami', User: 'adm_bob' })).toBe(true);
  });

  it('reports a filter naming an unknown rule, and one whose log source does not fit', () => {
    const unknown = filter.replace(
      '11111111-1111-4111-8111-111111111111',
      '33333333-3333-4333-8333-333333333333',
    );
    expect(() => compileYamlSet([rule, unknown])).not.toThrow();
    const mismatch = filter.replace('product: windows', 'product: linux');
    const { parseRuleSources, compileCollection } =
      jest.requireActual<typeof import('../rule-collection')>('../rule-collection');
    const collection = parseRuleSources([
      { file: 'r.yml', text: rule },
      { file: 'u.yml', text: unknown },
      { file: 'm.yml', text: mismatch },
    ]);
    const compiled = compileCollection(collection, { pipelines: [], placeholders: new Map() });
    const codes = [...collection.diagnostics, ...compiled.diagnostics].map((d) => d.code);
    expect(codes).toContain('filter.unknown_rule');
    expect(codes).toContain('filter.logsource_mismatch');
    expect(compiled.rules[0]?.filters).toHaveLength(0);
  });
});
