/**
 * Parser for Sigma 2 detection conditions, e.g. `selection and not 1 of filter_*`.
 *
 * Grammar (least to most binding):
 *   or-expr   := and-expr ('or' and-expr)*
 *   and-expr  := unary ('and' unary)*
 *   unary     := 'not' unary | primary
 *   primary   := '(' or-expr ')' | quantifier 'of' target | identifier
 *   quantifier:= 'all' | positive integer
 *   target    := 'them' | identifier pattern (may contain '*')
 * Keywords are case-insensitive. Tokenizing and parsing are single passes without regular expressions.
 */

export type OfTarget = { kind: 'them' } | { kind: 'pattern'; pattern: string };

export type ConditionNode =
  | { kind: 'and'; operands: ConditionNode[] }
  | { kind: 'or'; operands: ConditionNode[] }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'identifier'; name: string; offset: number }
  | { kind: 'of'; quantifier: 'all' | number; target: OfTarget; offset: number };

export interface ConditionSyntaxError {
  message: string;
  /** 0-based character index into the condition text. */
  offset: number;
}

export type ParseConditionResult =
  { ok: true; ast: ConditionNode } | { ok: false; error: ConditionSyntaxError };

const AGGREGATION_MESSAGE =
  "aggregation expressions ('| count()') are not part of Sigma 2; write a correlation rule instead";

/** Deep enough for any hand-written rule, shallow enough to never overflow the call stack. */
const MAX_NESTING = 256;

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'all', 'them']);

type Token =
  | { kind: 'word'; text: string; offset: number }
  | { kind: 'lparen' | 'rparen'; offset: number }
  | { kind: 'end'; offset: number };

class ConditionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseCondition(text: string): ParseConditionResult {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) throw new ConditionError('the condition is empty', 0);
    return { ok: true, ast: new Parser(tokens).parseCondition() };
  } catch (error) {
    if (error instanceof ConditionError)
      return { ok: false, error: { message: error.message, offset: error.offset } };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

function isWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2d || // -
    code === 0x2a // * (only valid in 'of' patterns; the parser checks where it appears)
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
    } else if (code === 0x28) {
      tokens.push({ kind: 'lparen', offset: i++ });
    } else if (code === 0x29) {
      tokens.push({ kind: 'rparen', offset: i++ });
    } else if (code === 0x7c) {
      // '|' only ever introduced Sigma 1.0 aggregations (`| count() by x > 5`, `| near ...`).
      throw new ConditionError(AGGREGATION_MESSAGE, i);
    } else if (isWordChar(code)) {
      const start = i;
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), offset: start });
    } else {
      const char = String.fromCodePoint(text.codePointAt(i) ?? code);
      throw new ConditionError(`unexpected character '${char}' at offset ${i}`, i);
    }
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

function keywordOf(token: Token): string | undefined {
  if (token.kind !== 'word') return undefined;
  const lower = token.text.toLowerCase();
  return KEYWORDS.has(lower) ? lower : undefined;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `'${token.text}'`;
    case 'lparen':
      return "'('";
    case 'rparen':
      return "')'";
    case 'end':
      return 'the end of the condition';
  }
}

function isPositiveIntegerText(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

class Parser {
  private position = 0;
  private depth = 0;
  /** Offsets of the '(' tokens not yet closed, to report which one is unbalanced. */
  private readonly openParens: number[] = [];

  constructor(private readonly tokens: Token[]) {}

  parseCondition(): ConditionNode {
    const ast = this.parseOr(undefined);
    const next = this.peek();
    if (next.kind === 'rparen') {
      throw new ConditionError(
        `unbalanced parentheses: ')' at offset ${next.offset} has no matching '('`,
        next.offset,
      );
    }
    if (next.kind !== 'end') {
      throw new ConditionError(
        `expected 'and', 'or' or the end of the condition at offset ${next.offset}, found ${describe(next)}`,
        next.offset,
      );
    }
    return ast;
  }

  private peek(): Token {
    // The token list always ends with an 'end' token and the parser never advances past it.
    return this.tokens[this.position] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  /** `after` is the token preceding the expression, named in the error when an operand is missing. */
  private parseOr(after: Token | undefined): ConditionNode {
    const operands = [this.parseAnd(after)];
    while (keywordOf(this.peek()) === 'or') {
      const keyword = this.advance();
      operands.push(this.parseAnd(keyword));
    }
    return combine('or', operands);
  }

  private parseAnd(after: Token | undefined): ConditionNode {
    const operands = [this.parseUnary(after)];
    while (keywordOf(this.peek()) === 'and') {
      const keyword = this.advance();
      operands.push(this.parseUnary(keyword));
    }
    return combine('and', operands);
  }

  private parseUnary(after: Token | undefined): ConditionNode {
    this.enter();
    try {
      const token = this.peek();
      if (keywordOf(token) === 'not') {
        this.advance();
        return { kind: 'not', operand: this.parseUnary(token) };
      }
      return this.parsePrimary(after);
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(after: Token | undefined): ConditionNode {
    const token = this.peek();
    if (token.kind === 'lparen') return this.parseGroup();
    if (token.kind === 'word') {
      const keyword = keywordOf(token);
      if (keyword === 'all' || (keyword === undefined && this.startsOfExpression())) return this.parseOf();
      if (keyword === undefined) {
        this.advance();
        return this.identifier(token);
      }
      if (keyword === 'them') {
        throw new ConditionError(
          `'${token.text}' at offset ${token.offset} can only follow '1 of' or 'all of'`,
          token.offset,
        );
      }
    }
    // `(` directly followed by the end of the text.
    if (token.kind === 'end' && after?.kind === 'lparen') throw this.unclosedParen();
    const context = after ? ` after ${describe(after)}` : '';
    const found = token.kind === 'end' ? '' : `, found ${describe(token)}`;
    throw new ConditionError(
      `expected an identifier or '('${context} at offset ${token.offset}${found}`,
      token.offset,
    );
  }

  private parseGroup(): ConditionNode {
    const open = this.advance();
    this.openParens.push(open.offset);
    const inner = this.parseOr(open);
    const close = this.peek();
    if (close.kind === 'end') throw this.unclosedParen();
    if (close.kind !== 'rparen') {
      throw new ConditionError(
        `expected 'and', 'or' or ')' at offset ${close.offset}, found ${describe(close)}`,
        close.offset,
      );
    }
    this.advance();
    this.openParens.pop();
    return inner;
  }

  private unclosedParen(): ConditionError {
    const offset = this.openParens[this.openParens.length - 1] ?? 0;
    return new ConditionError(`unbalanced parentheses: '(' at offset ${offset} is never closed`, offset);
  }

  /** A number directly followed by `of` is a quantifier; otherwise it is an (unusual) identifier. */
  private startsOfExpression(): boolean {
    const token = this.peek();
    const next = this.tokens[this.position + 1];
    return (
      token.kind === 'word' &&
      isPositiveIntegerText(token.text) &&
      next !== undefined &&
      keywordOf(next) === 'of'
    );
  }

  private parseOf(): ConditionNode {
    const quantifierToken = this.advance() as Extract<Token, { kind: 'word' }>;
    const quantifier = this.quantifier(quantifierToken);
    const ofToken = this.peek();
    if (keywordOf(ofToken) !== 'of') {
      const found = ofToken.kind === 'end' ? '' : `, found ${describe(ofToken)}`;
      throw new ConditionError(
        `expected 'of' after ${describe(quantifierToken)} at offset ${ofToken.offset}${found}`,
        ofToken.offset,
      );
    }
    this.advance();
    const targetToken = this.peek();
    const targetKeyword = keywordOf(targetToken);
    if (targetToken.kind !== 'word' || (targetKeyword !== undefined && targetKeyword !== 'them')) {
      const found = targetToken.kind === 'end' ? '' : `, found ${describe(targetToken)}`;
      throw new ConditionError(
        `expected 'them' or an identifier pattern after 'of' at offset ${targetToken.offset}${found}`,
        targetToken.offset,
      );
    }
    this.advance();
    const target: OfTarget =
      targetKeyword === 'them' ? { kind: 'them' } : { kind: 'pattern', pattern: targetToken.text };
    return { kind: 'of', quantifier, target, offset: quantifierToken.offset };
  }

  private quantifier(token: Extract<Token, { kind: 'word' }>): 'all' | number {
    if (keywordOf(token) === 'all') return 'all';
    const count = Number(token.text);
    if (count === 0) {
      throw new ConditionError(
        `'${token.text} of' at offset ${token.offset} can never match; the count must be a positive integer`,
        token.offset,
      );
    }
    if (!Number.isSafeInteger(count)) {
      throw new ConditionError(
        `the count '${token.text}' at offset ${token.offset} is too large`,
        token.offset,
      );
    }
    return count;
  }

  private identifier(token: Extract<Token, { kind: 'word' }>): ConditionNode {
    const star = token.text.indexOf('*');
    if (star >= 0) {
      const offset = token.offset + star;
      throw new ConditionError(
        `wildcard '*' at offset ${offset} is only allowed in the pattern of '1 of' or 'all of'` +
          ` (did you mean '1 of ${token.text}'?)`,
        offset,
      );
    }
    return { kind: 'identifier', name: token.text, offset: token.offset };
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) {
      const offset = this.peek().offset;
      throw new ConditionError(`the condition is nested too deeply at offset ${offset}`, offset);
    }
  }
}

/** Builds an n-ary node, flattening operands of the same kind (`a and (b and c)` → `and(a, b, c)`). */
function combine(kind: 'and' | 'or', operands: ConditionNode[]): ConditionNode {
  if (operands.length === 1) return operands[0] as ConditionNode;
  const flat: ConditionNode[] = [];
  for (const operand of operands) {
    if (operand.kind === kind) flat.push(...operand.operands);
    else flat.push(operand);
  }
  return { kind, operands: flat };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers for later stages

/**
 * Names among `identifiers` that an `of` target selects: `them` = all names not starting with `_`; a
 * pattern uses `*` as wildcard (only wildcard), matched against the whole name, case-sensitive. Keeps the
 * order of `identifiers`.
 */
export function resolveOfTarget(target: OfTarget, identifiers: readonly string[]): string[] {
  if (target.kind === 'them') return identifiers.filter((name) => !name.startsWith('_'));
  const segments = target.pattern.split('*');
  return identifiers.filter((name) => matchesSegments(segments, name));
}

/**
 * Glob match where `segments` is the pattern split on `*`: the first segment must be a prefix, the last a
 * suffix, and the ones between must occur in order. Taking the leftmost occurrence of each middle segment
 * is always optimal, so no backtracking is needed.
 */
function matchesSegments(segments: string[], name: string): boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return name === first;
  const last = segments[segments.length - 1] ?? '';
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last))
    return false;
  let position = first.length;
  const limit = name.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? '';
    const found = name.indexOf(segment, position);
    if (found < 0 || found + segment.length > limit) return false;
    position = found + segment.length;
  }
  return true;
}

/** All identifiers and patterns the AST refers to (for semantic checks), in order of appearance. */
export function collectReferences(ast: ConditionNode): {
  identifiers: { name: string; offset: number }[];
  patterns: { pattern: string; offset: number; quantifier: 'all' | number }[];
  usesThem: boolean;
} {
  const identifiers: { name: string; offset: number }[] = [];
  const patterns: { pattern: string; offset: number; quantifier: 'all' | number }[] = [];
  let usesThem = false;
  // Iterative walk: ASTs from parseCondition are shallow, but hand-built ones need not be.
  const stack: ConditionNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as ConditionNode;
    switch (node.kind) {
      case 'and':
      case 'or':
        for (let i = node.operands.length - 1; i >= 0; i--) stack.push(node.operands[i] as ConditionNode);
        break;
      case 'not':
        stack.push(node.operand);
        break;
      case 'identifier':
        identifiers.push({ name: node.name, offset: node.offset });
        break;
      case 'of':
        if (node.target.kind === 'them') usesThem = true;
        else
          patterns.push({ pattern: node.target.pattern, offset: node.offset, quantifier: node.quantifier });
        break;
    }
  }
  return { identifiers, patterns, usesThem };
}
