import { normalizeTokens, WINDASH_CHARS, type Token } from '../model/sigma-string';
import { indexableLiteral } from './requirement';

/** Tests one text (already lowercased unless the value is `cased`). */
export type TextTest = (text: string) => boolean;

/** A compiled wildcard string, with the literal the prefilter can require. */
export interface StringPattern {
  test: TextTest;
  /** Longest literal run (lowercased); empty when the pattern has none. */
  needle: string;
  display: string;
}

const DASH_SET = new Set<number>(WINDASH_CHARS.map((c) => c.charCodeAt(0)));

/**
 * Compiles Sigma string tokens into the cheapest test that is exact: equality, prefix, suffix and
 * substring cover nearly every real rule; anything else runs a linear-space wildcard matcher.
 */
export function compileStringPattern(tokens: readonly Token[], cased: boolean): StringPattern {
  const folded = normalizeTokens(tokens.map((t) => (typeof t === 'string' && !cased ? t.toLowerCase() : t)));
  const needle = longestLiteral(folded);
  const display = folded.map((t) => (typeof t === 'string' ? t : t.kind === 'star' ? '*' : '?')).join('');
  return {
    test: buildTest(folded),
    needle: indexableLiteral(cased ? needle.toLowerCase() : needle),
    display,
  };
}

function buildTest(tokens: Token[]): TextTest {
  const isStar = (t: Token | undefined): boolean =>
    t !== undefined && typeof t !== 'string' && t.kind === 'star';
  if (tokens.length === 0) return (text) => text === '';
  if (tokens.length === 1) {
    const only = tokens[0] as Token;
    if (typeof only === 'string') return (text) => text === only;
    if (isStar(only)) return () => true;
  }
  if (tokens.length === 2) {
    const [a, b] = tokens;
    if (typeof a === 'string' && isStar(b)) return (text) => text.startsWith(a);
    if (isStar(a) && typeof b === 'string') return (text) => text.endsWith(b);
  }
  if (tokens.length === 3) {
    const [a, b, c] = tokens;
    if (isStar(a) && typeof b === 'string' && isStar(c)) return (text) => text.includes(b);
  }
  return globTest(tokens);
}

// Codes for the special positions of a wildcard program (literal characters use their char code).
const ANY_ONE = -1;
const ANY_RUN = -2;
const ANY_DASH = -3;

/**
 * Iterative wildcard matching with one backtrack point (the last `*`): O(n·m) in the worst case,
 * never exponential, no regular expression involved.
 */
function globTest(tokens: Token[]): TextTest {
  const program: number[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') {
      for (let i = 0; i < token.length; i++) program.push(token.charCodeAt(i));
    } else if (token.kind === 'star') program.push(ANY_RUN);
    else if (token.kind === 'one') program.push(ANY_ONE);
    else if (token.kind === 'dash') program.push(ANY_DASH);
    else throw new Error(`unresolved placeholder %${token.name}% reached the matcher`);
  }
  const p = Int32Array.from(program);
  return (text) => {
    let t = 0;
    let i = 0;
    let starAt = -1;
    let resumeAt = 0;
    while (t < text.length) {
      const op = i < p.length ? (p[i] as number) : -99;
      const ch = text.charCodeAt(t);
      if (op === ANY_RUN) {
        starAt = i++;
        resumeAt = t;
      } else if (op === ch || op === ANY_ONE || (op === ANY_DASH && DASH_SET.has(ch))) {
        i++;
        t++;
      } else if (starAt >= 0) {
        i = starAt + 1;
        t = ++resumeAt;
      } else {
        return false;
      }
    }
    while (i < p.length && p[i] === ANY_RUN) i++;
    return i === p.length;
  };
}

function longestLiteral(tokens: readonly Token[]): string {
  let best = '';
  for (const t of tokens) if (typeof t === 'string' && t.length > best.length) best = t;
  return best;
}
