import RE2 from 're2';
import { requiredLiteral } from './regex-literal';

describe('requiredLiteral', () => {
  it.each([
    ['\\\\AppData\\\\Local\\\\Temp\\\\[a-z]{8}\\.exe', '\\appdata\\local\\temp\\'],
    ['(?i)invoke-mimikatz', 'invoke-mimikatz'],
    ['^cmd\\.exe /c .*whoami', 'cmd.exe /c '],
    ['abcd?efgh', 'efgh'],
    ['ab+cdefg', 'cdefg'],
    ['x(foo|bar)longliteral', 'longliteral'],
    ['[0-9]{4}-backup', '-backup'],
  ])('%s requires %s', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });

  it.each([['foo|barbaz'], ['.*'], ['(abc)?'], ['\\d+'], ['a*']])(
    '%s requires nothing provable',
    (pattern) => {
      expect(requiredLiteral(pattern)).toBe('');
    },
  );

  it('never requires a literal that a matching text lacks', () => {
    const cases: [string, string[]][] = [
      [
        '\\\\AppData\\\\Local\\\\Temp\\\\[a-z]{8}\\.exe',
        ['C:\\Users\\x\\AppData\\Local\\Temp\\abcdefgh.exe'],
      ],
      ['ab+cdefg', ['abbbbcdefg', 'abcdefg']],
      ['abcd?efgh', ['abcefgh', 'abcdefgh']],
      ['x(foo|bar)longliteral', ['xbarlongliteral']],
    ];
    for (const [pattern, texts] of cases) {
      const re = new RE2(pattern);
      const literal = requiredLiteral(pattern);
      for (const text of texts) {
        expect(re.test(text)).toBe(true);
        expect(text.toLowerCase()).toContain(literal);
      }
    }
  });
});
