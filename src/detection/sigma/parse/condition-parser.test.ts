import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  collectReferences,
  parseCondition,
  resolveOfTarget,
  type ConditionNode,
  type ConditionSyntaxError,
} from './condition-parser';

function parseOk(text: string): ConditionNode {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse: ${result.error.message}`);
  return result.ast;
}

function parseError(text: string): ConditionSyntaxError {
  const result = parseCondition(text);
  if (result.ok) throw new Error(`expected '${text}' to fail, got ${JSON.stringify(result.ast)}`);
  return result.error;
}

/** Compact rendering of an AST, so expectations stay readable. */
function show(node: ConditionNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.operands.map(show).join(', ')})`;
    case 'not':
      return `not(${show(node.operand)})`;
    case 'identifier':
      return node.name;
    case 'of':
      return `${node.quantifier} of ${node.target.kind === 'them' ? 'them' : `'${node.target.pattern}'`}`;
  }
}

describe('parseCondition', () => {
  it.each([
    ['selection', 'selection'],
    ['a and b', 'and(a, b)'],
    ['a or b', 'or(a, b)'],
    ['not a', 'not(a)'],
    ['a or b and c', 'or(a, and(b, c))'],
    ['a and b or c', 'or(and(a, b), c)'],
    ['not a and b', 'and(not(a), b)'],
    ['not a or not b and c', 'or(not(a), and(not(b), c))'],
    ['not not a', 'not(not(a))'],
    ['(a or b) and c', 'and(or(a, b), c)'],
    ['a and (b or (c and not d))', 'and(a, or(b, and(c, not(d))))'],
    ['((a))', 'a'],
    ['not (a or b)', 'not(or(a, b))'],
    ['a and b and c and d', 'and(a, b, c, d)'],
    ['a or (b or c) or d', 'or(a, b, c, d)'],
    ['(a and b) and (c and d)', 'and(a, b, c, d)'],
    ['1 of them', '1 of them'],
    ['all of them', 'all of them'],
    ['1 of selection*', "1 of 'selection*'"],
    ['all of selection_*', "all of 'selection_*'"],
    ['2 of sel*', "2 of 'sel*'"],
    ['1 of selection', "1 of 'selection'"],
    ['1 of *_img*', "1 of '*_img*'"],
    ['selection and not 1 of filter_*', "and(selection, not(1 of 'filter_*'))"],
    ['1 of selection* and not 1 of filter*', "and(1 of 'selection*', not(1 of 'filter*'))"],
    ['all of selection_* or keywords', "or(all of 'selection_*', keywords)"],
    ['NOT a AND b OR c', 'or(and(not(a), b), c)'],
    ['Selection And Not Filter', 'and(Selection, not(Filter))'],
    ['ALL OF Them', 'all of them'],
    ['1 OF sel_*', "1 of 'sel_*'"],
    ['sel.process-creation and win_2.x', 'and(sel.process-creation, win_2.x)'],
    ['1 of sel.a-*', "1 of 'sel.a-*'"],
    ['42', '42'],
    ['allowed and oracle and nothing and them_x', 'and(allowed, oracle, nothing, them_x)'],
    ['  a\n  and\t(\n b )\n', 'and(a, b)'],
    ['a or(b)and(c)', 'or(a, and(b, c))'],
  ])('parses %j', (text, expected) => {
    expect(show(parseOk(text))).toBe(expected);
  });

  it('records identifier and of-expression offsets', () => {
    expect(parseOk('sel and not 1 of filter_*')).toEqual({
      kind: 'and',
      operands: [
        { kind: 'identifier', name: 'sel', offset: 0 },
        {
          kind: 'not',
          operand: {
            kind: 'of',
            quantifier: 1,
            target: { kind: 'pattern', pattern: 'filter_*' },
            offset: 12,
          },
        },
      ],
    });
    expect(parseOk('(all of them)')).toEqual({
      kind: 'of',
      quantifier: 'all',
      target: { kind: 'them' },
      offset: 1,
    });
  });

  it('parses multi-line conditions as written in real rules', () => {
    const text =
      'selection_parent and\n(\n    1 of selection_generic_*\n    or\n    all of selection_special_*\n)\n';
    expect(show(parseOk(text))).toBe(
      "and(selection_parent, or(1 of 'selection_generic_*', all of 'selection_special_*'))",
    );
  });

  describe('errors', () => {
    it.each<[string, string, number]>([
      ['', 'the condition is empty', 0],
      ['   \n ', 'the condition is empty', 0],
      ['selection and ', "expected an identifier or '(' after 'and' at offset 14", 14],
      ['selection and )', "expected an identifier or '(' after 'and' at offset 14, found ')'", 14],
      ['a or or b', "expected an identifier or '(' after 'or' at offset 5, found 'or'", 5],
      ['and a', "expected an identifier or '(' at offset 0, found 'and'", 0],
      ['a and not', "expected an identifier or '(' after 'not' at offset 9", 9],
      ['()', "expected an identifier or '(' after '(' at offset 1, found ')'", 1],
      ['(or a)', "expected an identifier or '(' after '(' at offset 1, found 'or'", 1],
      ['(a and b', "unbalanced parentheses: '(' at offset 0 is never closed", 0],
      ['a and (b or (c)', "unbalanced parentheses: '(' at offset 6 is never closed", 6],
      ['a and (', "unbalanced parentheses: '(' at offset 6 is never closed", 6],
      ['a and b)', "unbalanced parentheses: ')' at offset 7 has no matching '('", 7],
      ['(a b)', "expected 'and', 'or' or ')' at offset 3, found 'b'", 3],
      ['a b', "expected 'and', 'or' or the end of the condition at offset 2, found 'b'", 2],
      ['a (b)', "expected 'and', 'or' or the end of the condition at offset 2, found '('", 2],
      ['0 of sel*', "'0 of' at offset 0 can never match; the count must be a positive integer", 0],
      ['a or 00 of them', "'00 of' at offset 5 can never match; the count must be a positive integer", 5],
      ['all sel*', "expected 'of' after 'all' at offset 4, found 'sel*'", 4],
      ['all', "expected 'of' after 'all' at offset 3", 3],
      ['1 of', "expected 'them' or an identifier pattern after 'of' at offset 4", 4],
      ['all of (a)', "expected 'them' or an identifier pattern after 'of' at offset 7, found '('", 7],
      ['1 of and', "expected 'them' or an identifier pattern after 'of' at offset 5, found 'and'", 5],
      ['of sel', "expected an identifier or '(' at offset 0, found 'of'", 0],
      ['sel and them', "'them' at offset 8 can only follow '1 of' or 'all of'", 8],
      [
        'sel*',
        "wildcard '*' at offset 3 is only allowed in the pattern of '1 of' or 'all of' (did you mean '1 of sel*'?)",
        3,
      ],
      ['a and b = c', "unexpected character '=' at offset 8", 8],
      ['a and sélection', "unexpected character 'é' at offset 7", 7],
      ['99999999999999999999 of x', "the count '99999999999999999999' at offset 0 is too large", 0],
    ])('rejects %j', (text, message, offset) => {
      expect(parseError(text)).toEqual({ message, offset });
    });

    it.each([
      ['selection | count() by host > 5', 10],
      ['selection | count(dst_ip) by src_ip > 10', 10],
      ['selection1 | near selection2', 11],
      ['(a|count())', 2],
    ])('rejects the Sigma 1.0 aggregation %j', (text, offset) => {
      expect(parseError(text)).toEqual({
        message:
          "aggregation expressions ('| count()') are not part of Sigma 2; write a correlation rule instead",
        offset,
      });
    });

    it('rejects absurd nesting without overflowing the stack', () => {
      const deep = '('.repeat(100_000) + 'a' + ')'.repeat(100_000);
      expect(parseError(deep).message).toMatch(/nested too deeply/);
      expect(parseError('not '.repeat(100_000) + 'a').message).toMatch(/nested too deeply/);
    });

    it('accepts reasonable nesting', () => {
      expect(show(parseOk('('.repeat(50) + 'a' + ')'.repeat(50)))).toBe('a');
    });
  });

  it('parses long conditions in linear time', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `sel_${i}`).join(' and not ') + ' or 1 of x*';
    const start = Date.now();
    const ast = parseOk(text);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(ast.kind).toBe('or');
  });
});

describe('resolveOfTarget', () => {
  const names = [
    'selection_img',
    'selection_cli',
    'filter_main',
    '_internal',
    'filter_optional_x',
    'keywords',
  ];

  it('selects every identifier not starting with an underscore for them', () => {
    expect(resolveOfTarget({ kind: 'them' }, names)).toEqual([
      'selection_img',
      'selection_cli',
      'filter_main',
      'filter_optional_x',
      'keywords',
    ]);
  });

  it.each([
    ['selection_*', ['selection_img', 'selection_cli']],
    ['*_main', ['filter_main']],
    ['filter_*_x', ['filter_optional_x']],
    ['*ter*', ['filter_main', 'filter_optional_x', '_internal']],
    ['*', names],
    ['_*', ['_internal']],
    ['keywords', ['keywords']],
    ['s*i*_*g', ['selection_img']],
    ['**img', ['selection_img']],
    ['Selection_*', []],
    ['keyword', []],
    ['nomatch*', []],
    ['selection_img*x', []],
  ])('resolves the pattern %j', (pattern, expected) => {
    // Order follows `names`, not the pattern.
    const result = resolveOfTarget({ kind: 'pattern', pattern }, names);
    expect(result).toEqual(names.filter((name) => expected.includes(name)));
  });

  it('does not let prefix and suffix overlap', () => {
    expect(resolveOfTarget({ kind: 'pattern', pattern: 'ab*ba' }, ['aba', 'abba', 'ab_ba'])).toEqual([
      'abba',
      'ab_ba',
    ]);
    expect(resolveOfTarget({ kind: 'pattern', pattern: 'a*b*c' }, ['abc', 'ac', 'acb', 'abcbc'])).toEqual([
      'abc',
      'abcbc',
    ]);
    expect(resolveOfTarget({ kind: 'pattern', pattern: 'x*ab*b' }, ['xab', 'xabb', 'xaab_b'])).toEqual([
      'xabb',
      'xaab_b',
    ]);
  });

  it('returns an empty list when nothing is defined', () => {
    expect(resolveOfTarget({ kind: 'them' }, [])).toEqual([]);
    expect(resolveOfTarget({ kind: 'them' }, ['_only'])).toEqual([]);
  });
});

describe('collectReferences', () => {
  it('lists identifiers and patterns in order of appearance', () => {
    const ast = parseOk('(sel1 or 2 of sel_*) and not 1 of filter_* and not (sel1 or all of them) and kw');
    expect(collectReferences(ast)).toEqual({
      identifiers: [
        { name: 'sel1', offset: 1 },
        { name: 'sel1', offset: 52 },
        { name: 'kw', offset: 77 },
      ],
      patterns: [
        { pattern: 'sel_*', offset: 9, quantifier: 2 },
        { pattern: 'filter_*', offset: 29, quantifier: 1 },
      ],
      usesThem: true,
    });
  });

  it('reports usesThem false when them is absent', () => {
    expect(collectReferences(parseOk('selection'))).toEqual({
      identifiers: [{ name: 'selection', offset: 0 }],
      patterns: [],
      usesThem: false,
    });
  });
});

describe('the SigmaHQ corpus', () => {
  // The shared corpus sits beside the project root and is read in place.
  const corpusRoot = resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'sigma');
  if (!existsSync(corpusRoot)) throw new Error(`the shared Sigma corpus is missing at ${corpusRoot}`);
  const ruleDirs = readdirSync(corpusRoot)
    .filter((name) => name.startsWith('rules'))
    .map((name) => join(corpusRoot, name));

  function* ruleFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* ruleFiles(path);
      else if (entry.name.endsWith('.yml') || entry.name.endsWith('.yaml')) yield path;
    }
  }

  function* conditionsOf(file: string): Generator<string> {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (!('toJS' in doc)) continue; // an empty trailing document
      const rule: unknown = doc.toJS();
      const detection = isRecord(rule) ? rule['detection'] : undefined;
      const condition = isRecord(detection) ? detection['condition'] : undefined;
      for (const text of Array.isArray(condition) ? condition : [condition]) {
        if (typeof text === 'string') yield text;
      }
    }
  }

  it('parses the condition of every rule', () => {
    const failures: string[] = [];
    let count = 0;
    for (const dir of ruleDirs) {
      for (const file of ruleFiles(dir)) {
        for (const text of conditionsOf(file)) {
          count++;
          const result = parseCondition(text);
          if (!result.ok) failures.push(`${file}: '${text}': ${result.error.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(3000);
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
