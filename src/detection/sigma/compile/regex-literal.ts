/**
 * The longest run of literal characters that every match of a regular expression must contain,
 * lowercased, or '' when none can be proven. It feeds the literal prefilter and a cheap `includes` check
 * before RE2 runs, so most non-matching values never reach the regex engine.
 *
 * Conservative by construction: any construct it does not fully understand ends the current run.
 */
export function requiredLiteral(pattern: string): string {
  let best = '';
  let run = '';
  const endRun = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = pattern.startsWith('(?i)') ? 4 : 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '|') return ''; // a top-level alternative: no literal is required by every branch
    if (ch === '(' || ch === '[') {
      endRun();
      const end = skipGroup(pattern, i);
      if (end < 0) return '';
      i = end;
      if (isOptionalQuantifier(pattern, i)) i = skipQuantifier(pattern, i);
      continue;
    }
    let literal: string | undefined;
    let width = 1;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined && /[\\.^$|?*+()[\]{}/-]/.test(next)) literal = next;
      width = 2;
    } else if (!/[.^$?*+{}]/.test(ch)) {
      literal = ch;
    }
    i += width;
    if (literal === undefined) {
      endRun();
      if (isOptionalQuantifier(pattern, i)) i = skipQuantifier(pattern, i);
      continue;
    }
    if (isOptionalQuantifier(pattern, i)) {
      // `a?`, `a*`, `a{0,n}`: the character may be absent, so the run ends before it.
      endRun();
      i = skipQuantifier(pattern, i);
    } else if (startsQuantifier(pattern, i)) {
      // `a+`, `a{2}`: the character is there at least once, but what follows is not adjacent to it.
      run += literal;
      endRun();
      i = skipQuantifier(pattern, i);
    } else {
      run += literal;
    }
  }
  endRun();
  return best.toLowerCase();
}

function startsQuantifier(p: string, i: number): boolean {
  const c = p[i];
  return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i)));
}

function isOptionalQuantifier(p: string, i: number): boolean {
  const c = p[i];
  if (c === '*' || c === '?') return true;
  return c === '{' && /^\{0(,\d*)?\}/.test(p.slice(i));
}

function skipQuantifier(p: string, i: number): number {
  let j = i;
  if (p[j] === '{') j = p.indexOf('}', j) + 1;
  else j++;
  if (p[j] === '?' || p[j] === '+') j++; // lazy or possessive suffix
  return j;
}

/** Index just past the group or class starting at `i`, or -1 if it never closes. */
function skipGroup(p: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return j + 1;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}
