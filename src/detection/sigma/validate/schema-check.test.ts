import type { Diagnostic } from '../../../core/diagnostics';
import { parseYamlSource } from '../yaml/yaml-source';
import { checkSchema, detectDocumentKind, type SigmaDocumentKind } from './schema-check';

const RULE = `title: Whoami execution
id: 5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11
status: test
description: Detects whoami
references:
    - https://example.org/a
author: someone
date: 2024-01-01
modified: 2024-02-01
tags:
    - attack.discovery
    - attack.t1033
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: whoami.exe
    condition: selection
falsepositives:
    - Admin activity
level: high
`;

const CORRELATION = `title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - ComputerName
    timespan: 1h
    condition:
        gte: 100
level: high
`;

const FILTER = `title: Filter admin accounts
id: 9e2b5a4c-1f0d-4c3a-8a7e-6b5d4c3b2a19
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - 6f3e2987-db24-4c78-a860-b4f4095a7095
    selection:
        User|startswith: adm_
    condition: selection
`;

function check(text: string, kind: SigmaDocumentKind = 'rule'): Diagnostic[] {
  const source = parseYamlSource(text, 'doc.yml');
  expect(source.diagnostics).toEqual([]);
  const doc = source.documents[0];
  if (!doc) throw new Error('no document');
  return checkSchema(doc, kind);
}

/** Replaces exactly one occurrence of `from`, so a typo in a test cannot silently leave the base unchanged. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`'${from}' must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

function expectOne(
  diagnostics: Diagnostic[],
  code: Diagnostic['code'],
  field: string,
  line: number,
): Diagnostic {
  const d = only(diagnostics);
  expect({ code: d.code, field: d.field, line: d.location.line }).toEqual({ code, field, line });
  expect(d.location.file).toBe('doc.yml');
  return d;
}

describe('detectDocumentKind', () => {
  it('recognises each kind by its section', () => {
    expect(detectDocumentKind({ title: 't', detection: {} })).toBe('rule');
    expect(detectDocumentKind({ title: 't', correlation: {} })).toBe('correlation');
    expect(detectDocumentKind({ title: 't', filter: {} })).toBe('filter');
  });

  it('prefers correlation, and detection over filter', () => {
    expect(detectDocumentKind({ correlation: {}, detection: {} })).toBe('correlation');
    expect(detectDocumentKind({ filter: {}, detection: {} })).toBe('rule');
  });

  it('returns undefined for anything else', () => {
    expect(detectDocumentKind({ title: 't' })).toBeUndefined();
    expect(detectDocumentKind(['detection'])).toBeUndefined();
    expect(detectDocumentKind(null)).toBeUndefined();
  });
});

describe('checkSchema: detection rules', () => {
  it('accepts a complete rule', () => {
    expect(check(RULE)).toEqual([]);
  });

  it('accepts a minimal rule with custom attributes', () => {
    expect(check('title: t\nlogsource: {}\ndetection:\n  condition: x\ncustom: [1, 2]\n')).toEqual([]);
  });

  it('reports a missing title at the document', () => {
    const d = expectOne(check(edit(RULE, 'title: Whoami execution\n', '')), 'schema.required', 'title', 1);
    expect(d.message).toBe("attribute 'title' is required");
  });

  it('reports every missing required attribute', () => {
    const diagnostics = check('author: me\n');
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['schema.required', 'title'],
      ['schema.required', 'logsource'],
      ['schema.required', 'detection'],
    ]);
  });

  it('reports a title longer than 256 characters', () => {
    const d = expectOne(check(edit(RULE, 'Whoami execution', 'x'.repeat(257))), 'schema.length', 'title', 1);
    expect(d.message).toBe("attribute 'title' must be at most 256 characters long (got 257)");
  });

  it('counts characters as code points, not UTF-16 units', () => {
    expect(check(edit(RULE, 'Whoami execution', '😀'.repeat(256)))).toEqual([]);
  });

  it('reports a name longer than 256 characters', () => {
    expectOne(check(`${RULE}name: ${'n'.repeat(257)}\n`), 'schema.length', 'name', 23);
  });

  it('reports an id that is not a UUID', () => {
    const d = expectOne(
      check(edit(RULE, '5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11', 'rule-1')),
      'schema.format',
      'id',
      2,
    );
    expect(d.message).toContain("attribute 'id' must be a UUID");
    expect(d.message).toContain("(got 'rule-1')");
  });

  it('accepts upper-case and urn-prefixed UUIDs', () => {
    expect(
      check(edit(RULE, '5f1ba9a5-6c57-4b3f-8cc2-0c5b8a3e0a11', '5F1BA9A5-6C57-4B3F-8CC2-0C5B8A3E0A11')),
    ).toEqual([]);
    expect(check(edit(RULE, 'id: 5f1', 'id: urn:uuid:5f1'))).toEqual([]);
  });

  it('reports a UUID with a wrong group length', () => {
    expectOne(check(edit(RULE, '5f1ba9a5-6c57', '5f1ba9a-6c577')), 'schema.format', 'id', 2);
  });

  it('reports bad dates', () => {
    expectOne(check(edit(RULE, 'date: 2024-01-01', 'date: 2024-13-01')), 'schema.format', 'date', 8);
    expectOne(check(edit(RULE, 'date: 2024-01-01', 'date: 2024/01/01')), 'schema.format', 'date', 8);
    expectOne(
      check(edit(RULE, 'modified: 2024-02-01', 'modified: 2024-02-32')),
      'schema.format',
      'modified',
      9,
    );
    expectOne(
      check(edit(RULE, 'modified: 2024-02-01', 'modified: 2024-2-1')),
      'schema.format',
      'modified',
      9,
    );
  });

  it('reports a date written as a number', () => {
    expectOne(check(edit(RULE, 'date: 2024-01-01', 'date: 20240101')), 'schema.type', 'date', 8);
  });

  it('reports an unknown status', () => {
    const d = expectOne(check(edit(RULE, 'status: test', 'status: testing')), 'schema.enum', 'status', 3);
    expect(d.message).toBe(
      "attribute 'status' must be one of stable, test, experimental, deprecated, unsupported (got 'testing')",
    );
  });

  it('reports an unknown level', () => {
    const d = expectOne(check(edit(RULE, 'level: high', 'level: severe')), 'schema.enum', 'level', 22);
    expect(d.message).toBe(
      "attribute 'level' must be one of informational, low, medium, high, critical (got 'severe')",
    );
  });

  it('reports a level of the wrong type as a type error only', () => {
    expectOne(check(edit(RULE, 'level: high', 'level: 3')), 'schema.type', 'level', 22);
  });

  it('reports badly formatted tags at the tag', () => {
    expectOne(check(edit(RULE, 'attack.t1033', 'attack.T1033')), 'schema.format', 'tags.1', 12);
    expectOne(check(edit(RULE, 'attack.t1033', 'attack')), 'schema.format', 'tags.1', 12);
    expectOne(check(edit(RULE, 'attack.t1033', '.t1033')), 'schema.format', 'tags.1', 12);
    expectOne(check(edit(RULE, 'attack.t1033', 'attack.')), 'schema.format', 'tags.1', 12);
    expectOne(check(edit(RULE, 'attack.t1033', 'attack t.1033')), 'schema.format', 'tags.1', 12);
  });

  it('accepts dots and dashes in the tag name', () => {
    expect(check(edit(RULE, 'attack.t1033', 'cve.2021-44228.x_y'))).toEqual([]);
  });

  it('reports a repeated tag at the repetition', () => {
    const d = expectOne(check(edit(RULE, 'attack.t1033', 'attack.discovery')), 'schema.unique', 'tags.1', 12);
    expect(d.message).toBe(
      "attribute 'tags' must not repeat items: item 1 repeats item 0 ('attack.discovery')",
    );
  });

  it('reports wrong types of lists and strings', () => {
    expectOne(check(edit(RULE, 'title: Whoami execution', 'title: 42')), 'schema.type', 'title', 1);
    expectOne(check(edit(RULE, 'author: someone', 'author: [a, b]')), 'schema.type', 'author', 7);
    expectOne(
      check(edit(RULE, 'description: Detects whoami', 'description:')),
      'schema.type',
      'description',
      4,
    );
    expectOne(
      check(edit(RULE, 'references:\n    - https', 'references: https')),
      'schema.type',
      'references',
      5,
    );
    expectOne(check(edit(RULE, '    - https://example.org/a', '    - 7')), 'schema.type', 'references.0', 6);
    expectOne(check(`${RULE}fields: CommandLine\n`), 'schema.type', 'fields', 23);
    expectOne(check(`${RULE}license: {}\n`), 'schema.type', 'license', 23);
    expectOne(check(`${RULE}taxonomy: 1\n`), 'schema.type', 'taxonomy', 23);
  });

  it('reports falsepositives given as a string (only correlations allow that)', () => {
    const d = expectOne(
      check(edit(RULE, 'falsepositives:\n    - Admin activity', 'falsepositives: Admin activity')),
      'schema.type',
      'falsepositives',
      20,
    );
    expect(d.message).toBe("attribute 'falsepositives' must be a list of strings (got 'Admin activity')");
  });

  it('reports a one-character false positive', () => {
    expectOne(check(edit(RULE, '- Admin activity', '- x')), 'schema.min_length', 'falsepositives.0', 21);
  });

  it('reports a repeated entry in references', () => {
    expectOne(
      check(
        edit(
          RULE,
          '    - https://example.org/a\n',
          '    - https://example.org/a\n    - https://example.org/a\n',
        ),
      ),
      'schema.unique',
      'references.1',
      7,
    );
  });

  it('reports scope entries that are too short, but allows repeats', () => {
    expectOne(check(`${RULE}scope:\n    - s\n`), 'schema.min_length', 'scope.0', 24);
    expect(check(`${RULE}scope:\n    - server\n    - server\n`)).toEqual([]);
  });

  it('reports a logsource that is not a map', () => {
    const text = edit(
      RULE,
      'logsource:\n    category: process_creation\n    product: windows',
      'logsource: windows',
    );
    const d = expectOne(check(text), 'schema.type', 'logsource', 13);
    expect(d.message).toBe("attribute 'logsource' must be a map (got 'windows')");
  });

  it('reports logsource attributes that are not strings', () => {
    expectOne(
      check(edit(RULE, 'product: windows', 'product: [windows]')),
      'schema.type',
      'logsource.product',
      15,
    );
    expectOne(
      check(edit(RULE, 'product: windows', 'definition: 5')),
      'schema.type',
      'logsource.definition',
      15,
    );
  });

  it('reports a detection without condition at the detection', () => {
    expectOne(
      check(edit(RULE, '    condition: selection\n', '')),
      'schema.required',
      'detection.condition',
      16,
    );
  });

  it('reports a condition given as a list', () => {
    expectOne(
      check(edit(RULE, 'condition: selection', 'condition:\n        - selection')),
      'schema.type',
      'detection.condition',
      19,
    );
  });

  it('reports a detection that is not a map', () => {
    expectOne(check(`title: t\nlogsource: {}\ndetection: selection\n`), 'schema.type', 'detection', 3);
  });

  it('reports search identifiers that are neither maps nor lists', () => {
    expectOne(
      check(edit(RULE, '\n        Image|endswith: whoami.exe', ' whoami')),
      'schema.type',
      'detection.selection',
      17,
    );
    expectOne(
      check(edit(RULE, '\n        Image|endswith: whoami.exe', '')),
      'schema.type',
      'detection.selection',
      17,
    );
  });

  it('checks each item of a keyword list', () => {
    const text = edit(
      RULE,
      '\n        Image|endswith: whoami.exe',
      '\n        - whoami\n        - 4\n        - 1.5\n        - true\n        - {a: 1}\n        - [x]',
    );
    const diagnostics = check(text);
    expect(diagnostics.map((d) => [d.code, d.field, d.location.line])).toEqual([
      ['schema.type', 'detection.selection.2', 20],
      ['schema.type', 'detection.selection.3', 21],
      ['schema.type', 'detection.selection.5', 23],
    ]);
  });

  it('checks related entries', () => {
    const base = `${RULE}related:\n    - id: 0e95725d-7320-415d-80f7-004da920fc11\n      type: derived\n`;
    expect(check(base)).toEqual([]);
    expectOne(check(edit(base, 'type: derived', 'type: copied')), 'schema.enum', 'related.0.type', 25);
    expectOne(
      check(edit(base, 'id: 0e95725d-7320-415d-80f7-004da920fc11', 'id: abc')),
      'schema.format',
      'related.0.id',
      24,
    );
    expectOne(check(edit(base, '\n      type: derived', '')), 'schema.required', 'related.0.type', 24);
    expectOne(check(`${RULE}related: derived\n`), 'schema.type', 'related', 23);
    expectOne(check(`${RULE}related:\n    - derived\n`), 'schema.type', 'related.0', 24);
  });

  it('reports all violations of a document, not only the first', () => {
    let text = edit(RULE, 'status: test', 'status: done');
    text = edit(text, 'date: 2024-01-01', 'date: 01.01.2024');
    text = edit(text, 'level: high', 'level: severe');
    expect(check(text).map((d) => [d.code, d.field, d.location.line])).toEqual([
      ['schema.enum', 'status', 3],
      ['schema.format', 'date', 8],
      ['schema.enum', 'level', 22],
    ]);
  });

  it('reports a document that is not a map', () => {
    expectOne(check('- title\n'), 'schema.type', '', 1);
  });
});

describe('checkSchema: correlation rules', () => {
  const correlation = (text: string) => check(text, 'correlation');

  it('accepts a complete correlation', () => {
    expect(correlation(CORRELATION)).toEqual([]);
  });

  it('reports an unknown correlation type', () => {
    const d = expectOne(
      correlation(edit(CORRELATION, 'type: event_count', 'type: event_sum')),
      'schema.enum',
      'correlation.type',
      4,
    );
    expect(d.message).toContain(
      "attribute 'correlation.type' must be one of event_count, value_count, temporal",
    );
  });

  it('reports a missing correlation section or type', () => {
    expectOne(correlation('title: t\n'), 'schema.required', 'correlation', 1);
    expectOne(
      correlation(edit(CORRELATION, '    type: event_count\n', '')),
      'schema.required',
      'correlation.type',
      3,
    );
  });

  it('reports a missing or malformed timespan', () => {
    expectOne(
      correlation(edit(CORRELATION, '    timespan: 1h\n', '')),
      'schema.required',
      'correlation.timespan',
      3,
    );
    expectOne(
      correlation(edit(CORRELATION, 'timespan: 1h', 'timespan: 12345678901s')),
      'schema.length',
      'correlation.timespan',
      9,
    );
    expectOne(
      correlation(edit(CORRELATION, 'timespan: 1h', 'timespan: 60')),
      'schema.type',
      'correlation.timespan',
      9,
    );
  });

  it('requires group-by for every known type and condition where a count is compared', () => {
    const noGroupBy = edit(CORRELATION, '    group-by:\n        - ComputerName\n', '');
    const d = expectOne(correlation(noGroupBy), 'schema.required', 'correlation.group-by', 3);
    expect(d.message).toBe("attribute 'correlation.group-by' is required for correlation type 'event_count'");
    expectOne(
      correlation(edit(noGroupBy, 'event_count', 'temporal')),
      'schema.required',
      'correlation.group-by',
      3,
    );

    const noCondition = edit(CORRELATION, '    condition:\n        gte: 100\n', '');
    expectOne(correlation(noCondition), 'schema.required', 'correlation.condition', 3);
    expectOne(
      correlation(edit(noCondition, 'event_count', 'value_avg')),
      'schema.required',
      'correlation.condition',
      3,
    );
    expect(correlation(edit(noCondition, 'event_count', 'temporal_ordered'))).toEqual([]);
  });

  it('reports a group-by that is not a list of unique strings', () => {
    expectOne(
      correlation(edit(CORRELATION, 'group-by:\n        - ComputerName', 'group-by: ComputerName')),
      'schema.type',
      'correlation.group-by',
      7,
    );
    expectOne(
      correlation(edit(CORRELATION, '- ComputerName', '- ComputerName\n        - ComputerName')),
      'schema.unique',
      'correlation.group-by.1',
      9,
    );
    expectOne(
      correlation(edit(CORRELATION, '- ComputerName', '- [a]')),
      'schema.type',
      'correlation.group-by.0',
      8,
    );
  });

  it('checks the rules list', () => {
    expectOne(
      correlation(edit(CORRELATION, 'rules:\n        - failed_login', 'rules: failed_login')),
      'schema.type',
      'correlation.rules',
      5,
    );
    expectOne(
      correlation(edit(CORRELATION, '- failed_login', '- f')),
      'schema.min_length',
      'correlation.rules.0',
      6,
    );
    expectOne(
      correlation(edit(CORRELATION, '- failed_login', '- 42')),
      'schema.type',
      'correlation.rules.0',
      6,
    );
    expectOne(
      correlation(edit(CORRELATION, '- failed_login', '- failed_login\n        - failed_login')),
      'schema.unique',
      'correlation.rules.1',
      7,
    );
  });

  it('requires condition and aliases values to be maps', () => {
    expectOne(
      correlation(edit(CORRELATION, 'condition:\n        gte: 100', "condition: '>= 100'")),
      'schema.type',
      'correlation.condition',
      10,
    );
    expect(
      correlation(
        `${CORRELATION.replace('level: high\n', '')}    aliases:\n        ip:\n            rule_a: SourceIp\n`,
      ),
    ).toEqual([]);
    expectOne(
      correlation(`${CORRELATION.replace('level: high\n', '')}    aliases:\n        ip: SourceIp\n`),
      'schema.type',
      'correlation.aliases.ip',
      13,
    );
    expectOne(
      correlation(`${CORRELATION.replace('level: high\n', '')}    aliases: [ip]\n`),
      'schema.type',
      'correlation.aliases',
      12,
    );
  });

  it('accepts falsepositives as a string or a list, each of two characters or more', () => {
    expect(correlation(`${CORRELATION}falsepositives: Admins\n`)).toEqual([]);
    expect(correlation(`${CORRELATION}falsepositives:\n    - Admins\n`)).toEqual([]);
    expectOne(correlation(`${CORRELATION}falsepositives: A\n`), 'schema.min_length', 'falsepositives', 13);
    expectOne(correlation(`${CORRELATION}falsepositives: 5\n`), 'schema.type', 'falsepositives', 13);
  });

  it('checks generate, level, status and the shared metadata', () => {
    expectOne(correlation(`${CORRELATION}generate: 'yes'\n`), 'schema.type', 'generate', 13);
    expectOne(correlation(edit(CORRELATION, 'level: high', 'level: urgent')), 'schema.enum', 'level', 12);
    expectOne(correlation(`${CORRELATION}status: beta\n`), 'schema.enum', 'status', 13);
    expectOne(correlation(`${CORRELATION}date: 2024-00-10\n`), 'schema.format', 'date', 13);
    expectOne(correlation(edit(CORRELATION, '0e95725d-7320', '0e95725d_7320')), 'schema.format', 'id', 2);
  });

  it('leaves attributes the correlation schema does not define unchecked', () => {
    expect(correlation(`${CORRELATION}tags: ATTACK\nname: 5\n`)).toEqual([]);
  });
});

describe('checkSchema: filters', () => {
  const filter = (text: string) => check(text, 'filter');

  it('accepts a complete filter', () => {
    expect(filter(FILTER)).toEqual([]);
  });

  it('reports a filter without rules, selection or condition', () => {
    expectOne(
      filter(edit(FILTER, '    rules:\n        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n', '')),
      'schema.required',
      'filter.rules',
      6,
    );
    expectOne(
      filter(edit(FILTER, '    selection:\n        User|startswith: adm_\n', '')),
      'schema.required',
      'filter.selection',
      6,
    );
    expectOne(
      filter(edit(FILTER, '    condition: selection\n', '')),
      'schema.required',
      'filter.condition',
      6,
    );
  });

  it('reports an empty or repeated rules list', () => {
    const d = expectOne(
      filter(edit(FILTER, 'rules:\n        - 6f3e2987-db24-4c78-a860-b4f4095a7095', 'rules: []')),
      'schema.min_length',
      'filter.rules',
      7,
    );
    expect(d.message).toBe("attribute 'filter.rules' must have at least 1 item(s) (got 0)");
    expectOne(
      filter(edit(FILTER, '        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n', '        - a\n        - a\n')),
      'schema.unique',
      'filter.rules.1',
      9,
    );
  });

  it('reports rules given as a single string', () => {
    expectOne(filter(edit(FILTER, 'rules:\n        -', 'rules:')), 'schema.type', 'filter.rules', 7);
  });

  it('reports a selection that is neither a map nor a list', () => {
    expectOne(
      filter(edit(FILTER, 'selection:\n        User|startswith: adm_', 'selection: adm_')),
      'schema.type',
      'filter.selection',
      9,
    );
    expect(
      filter(edit(FILTER, 'selection:\n        User|startswith: adm_', 'selection:\n        - adm_')),
    ).toEqual([]);
  });

  it('reports a missing logsource and a logsource that is not a map', () => {
    expectOne(
      filter(edit(FILTER, 'logsource:\n    category: process_creation\n    product: windows\n', '')),
      'schema.required',
      'logsource',
      1,
    );
    expectOne(
      filter(
        edit(
          FILTER,
          'logsource:\n    category: process_creation\n    product: windows',
          'logsource: [windows]',
        ),
      ),
      'schema.type',
      'logsource',
      3,
    );
  });

  it('reports a condition that is not a string and a missing filter section', () => {
    expectOne(
      filter(edit(FILTER, 'condition: selection', 'condition: [selection]')),
      'schema.type',
      'filter.condition',
      11,
    );
    expectOne(filter('title: t\nlogsource: {}\n'), 'schema.required', 'filter', 1);
  });

  it('does not check attributes filters do not define', () => {
    expect(filter(`${FILTER}level: severe\nstatus: nope\n`)).toEqual([]);
  });
});
