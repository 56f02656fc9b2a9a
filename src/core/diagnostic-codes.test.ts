import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from './diagnostic-codes';
import { ERROR_CODES } from './error-codes';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the diagnostic code catalogue', () => {
  const source = sourceFiles(join(__dirname, '..'))
    .filter((f) => !f.endsWith('diagnostic-codes.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const catalogue = Object.keys(DIAGNOSTIC_CODES);

  it('describes every code', () => {
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(info.description.length).toBeGreaterThan(10);
    }
  });

  it('lists every code the source uses, and every listed code is used', () => {
    // Where a code is given: diagnostic('x', …), code: 'x', new ModifierFailure('x', …), report(ctx, 'x', …).
    const forms = [
      /diagnostic\(\s*'([a-z_.]+)'/g,
      /code: '([a-z_.]+)'/g,
      /ModifierFailure\(\s*'([a-z_.]+)'/g,
      /report\(ctx, '([a-z_.]+)'/g,
    ];
    const given = new Set(forms.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] as string)));
    expect(given.size).toBeGreaterThan(20);
    for (const code of given) {
      // Error codes, not diagnostics:
      if (code.startsWith('input.') || code === 'content.invalid' || code in ERROR_CODES) continue;
      expect(catalogue).toContain(code);
    }
    for (const code of catalogue) expect(source).toContain(`'${code}'`);
  });
});
