/**
 * A Sigma string value split into literal text and special tokens. Parsing follows the escaping rules
 * of the specification: `*` and `?` are wildcards, `\*` `\?` and `\\` are literal, and a backslash
 * before any other character is a literal backslash.
 */
export type SpecialToken =
  | { kind: 'star' }
  | { kind: 'one' }
  /** One of the interchangeable Windows flag characters (`windash`). */
  | { kind: 'dash' }
  /** A `%name%` placeholder, resolved by `expand`. */
  | { kind: 'placeholder'; name: string };

export type Token = string | SpecialToken;

export const STAR: SpecialToken = { kind: 'star' };
export const ONE: SpecialToken = { kind: 'one' };
export const DASH: SpecialToken = { kind: 'dash' };

/** The characters `windash` treats as interchangeable: hyphen, slash, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

export function parseSigmaString(raw: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) tokens.push(literal);
    literal = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        i++;
      } else {
        literal += '\\';
      }
    } else if (ch === '*' || ch === '?') {
      flush();
      tokens.push(ch === '*' ? STAR : ONE);
    } else {
      literal += ch;
    }
  }
  flush();
  return tokens;
}

export function literalOf(text: string): Token[] {
  return text ? [text] : [];
}

export function isPlainLiteral(tokens: readonly Token[]): boolean {
  return tokens.every((t) => typeof t === 'string');
}

export function joinLiteral(tokens: readonly Token[]): string {
  return tokens.map((t) => (typeof t === 'string' ? t : '')).join('');
}

/** Merges adjacent literals and collapses runs of `*`, so matchers see a canonical form. */
export function normalizeTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (typeof token === 'string') {
      if (!token) continue;
      if (typeof last === 'string') out[out.length - 1] = last + token;
      else out.push(token);
    } else if (
      token.kind === 'star' &&
      last !== undefined &&
      typeof last !== 'string' &&
      last.kind === 'star'
    ) {
      continue;
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Readable form for explanations, with wildcards shown as written. */
export function tokensToDisplay(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      if (typeof t === 'string') return t.replace(/[*?]/g, (c) => `\\${c}`);
      switch (t.kind) {
        case 'star':
          return '*';
        case 'one':
          return '?';
        case 'dash':
          return '[-/–—―]';
        case 'placeholder':
          return `%${t.name}%`;
      }
    })
    .join('');
}

/** Splits `%name%` placeholders out of the literal parts (used by `expand`). */
export function extractPlaceholders(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (typeof token !== 'string') {
      out.push(token);
      continue;
    }
    const re = /%([A-Za-z0-9_.-]+)%/g;
    let last = 0;
    for (let m = re.exec(token); m; m = re.exec(token)) {
      if (m.index > last) out.push(token.slice(last, m.index));
      out.push({ kind: 'placeholder', name: m[1] as string });
      last = m.index + m[0].length;
    }
    if (last < token.length) out.push(token.slice(last));
  }
  return out;
}
