import { DASH, WINDASH_CHARS, type Token } from '../model/sigma-string';

const DASH_CHARS = new Set<string>(WINDASH_CHARS);
const WORD = /[A-Za-z0-9_]/;

/**
 * Marks the flag characters of a command line as interchangeable: a dash-like character that starts a
 * word (preceded by a non-word character or the start, followed by a word character) becomes a class
 * that matches `-`, `/`, `–`, `—` and `―`. Matching a class instead of expanding permutations keeps a
 * value with many flags at one pattern.
 */
export function applyWindash(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  tokens.forEach((token, index) => {
    if (typeof token !== 'string') {
      out.push(token);
      return;
    }
    const before = index > 0 ? tokens[index - 1] : undefined;
    let literal = '';
    for (let i = 0; i < token.length; i++) {
      const ch = token[i] as string;
      const prev = i > 0 ? token[i - 1] : typeof before === 'string' ? before.slice(-1) : '';
      const next = token[i + 1] ?? '';
      if (DASH_CHARS.has(ch) && !WORD.test(prev ?? '') && WORD.test(next)) {
        if (literal) out.push(literal);
        literal = '';
        out.push(DASH);
      } else {
        literal += ch;
      }
    }
    if (literal) out.push(literal);
  });
  return out;
}
