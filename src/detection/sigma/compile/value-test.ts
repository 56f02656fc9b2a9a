import RE2 from 're2';
import { inNetwork, parseNetwork } from '../modifiers/cidr';
import { timePart } from '../modifiers/time-parts';
import type { SigmaValue, StringMode } from '../modifiers/values';
import { tokensToDisplay } from '../model/sigma-string';
import type { EventContext, FieldValues } from './event-context';
import { requiredLiteral } from './regex-literal';
import { indexableLiteral } from './requirement';
import { compileStringPattern } from './string-matcher';

/** One compiled rule value, tested against all values a field holds in an event. */
export interface ValueTest {
  test(field: FieldValues, ctx: EventContext): boolean;
  /** A literal (lowercased) that must occur in the field for the test to pass; '' when there is none. */
  needle: string;
  /** The value as a person reads it in an explanation. */
  display: string;
}

export class RegexError extends Error {}

/** Compiles a final (post-modifier) value. Throws RegexError for a pattern RE2 rejects. */
export function compileValueTest(value: SigmaValue, cased: boolean): ValueTest {
  switch (value.kind) {
    case 'string': {
      const pattern = compileStringPattern(value.tokens, cased);
      const test = pattern.test;
      return {
        needle: pattern.needle,
        display: tokensToDisplay(value.tokens),
        test: cased ? (f) => f.texts.some(test) : (f) => f.lowers.some(test),
      };
    }
    case 'bytes': {
      // Bytes only reach the matcher without base64 (`|wide` alone): the field must equal them, read
      // as latin1 text (one character per byte).
      const text = value.data.toString('latin1');
      const lowered = text.toLowerCase();
      return {
        needle: indexableLiteral(lowered),
        display: JSON.stringify(text),
        test: cased ? (f) => f.texts.includes(text) : (f) => f.lowers.includes(lowered),
      };
    }
    case 'number': {
      const n = value.value;
      const asText = String(n);
      return {
        needle: asText,
        display: asText,
        test: (f) => f.values.some((v) => v === n || (typeof v === 'string' && v.trim() === asText)),
      };
    }
    case 'boolean': {
      const b = value.value;
      const asText = String(b);
      return {
        needle: '',
        display: asText,
        test: (f) => f.values.some((v) => v === b || (typeof v === 'string' && v.toLowerCase() === asText)),
      };
    }
    case 'null':
      return { needle: '', display: 'null', test: (f) => !f.present || f.values.some((v) => v === null) };
    case 'exists': {
      const want = value.value;
      return { needle: '', display: `exists: ${want}`, test: (f) => f.present === want };
    }
    case 'regex':
      return regexTest(value.pattern, value.flags);
    case 'cidr': {
      const network = parseNetwork(value.network);
      if (!network) throw new RegexError(`'${value.network}' is not a CIDR network`);
      return {
        needle: '',
        display: `cidr ${value.network}`,
        test: (f) => f.texts.some((t) => inNetwork(t, network)),
      };
    }
    case 'compare': {
      const { op, value: limit } = value;
      const cmp = comparator(op, limit);
      return { needle: '', display: `${op} ${limit}`, test: (f) => f.values.some((v) => cmp(toNumber(v))) };
    }
    case 'timepart': {
      const inner = value.inner;
      const part = value.part;
      const check: (n: number) => boolean =
        inner.kind === 'compare'
          ? comparator(inner.op, inner.value)
          : (
              (expected: number) => (n: number) =>
                n === expected
            )(Number(inner.kind === 'number' ? inner.value : inner.kind === 'string' ? inner.raw : NaN));
      return {
        needle: '',
        display: `${part} ${inner.kind === 'compare' ? `${inner.op} ${inner.value}` : inner.kind === 'number' ? inner.value : ''}`,
        test: (f) =>
          f.values.some((v) => {
            const n = timePart(v, part);
            return n !== undefined && check(n);
          }),
      };
    }
    case 'fieldref':
      return fieldRefTest(value.field, value.mode, cased);
  }
}

/** Regular expressions are case-sensitive unless their `i` flag says otherwise; `cased` does not apply. */
function regexTest(pattern: string, flags: string): ValueTest {
  let re: RE2;
  const re2Flags =
    (flags.includes('i') ? 'i' : '') + (flags.includes('m') ? 'm' : '') + (flags.includes('s') ? 's' : '');
  try {
    re = new RE2(pattern, re2Flags + 'u');
  } catch (error) {
    throw new RegexError(`regular expression /${pattern}/ is not supported: ${(error as Error).message}`);
  }
  const literal = indexableLiteral(requiredLiteral(pattern));
  const display = `/${pattern}/${re2Flags}`;
  if (!literal) return { needle: '', display, test: (f) => f.texts.some((t) => re.test(t)) };
  // A value without the required literal cannot match: skip RE2 for it (most values, in practice).
  return {
    needle: literal,
    display,
    test: (f) => {
      for (let i = 0; i < f.texts.length; i++) {
        if ((f.lowers[i] as string).includes(literal) && re.test(f.texts[i] as string)) return true;
      }
      return false;
    },
  };
}

function fieldRefTest(other: string, mode: StringMode, cased: boolean): ValueTest {
  const compare = (a: string, b: string): boolean => {
    switch (mode) {
      case 'equals':
        return a === b;
      case 'contains':
        return a.includes(b);
      case 'startswith':
        return a.startsWith(b);
      case 'endswith':
        return a.endsWith(b);
    }
  };
  return {
    needle: '',
    display: `${mode} field ${other}`,
    test: (f, ctx) => {
      const ref = ctx.field(other);
      const left = cased ? f.texts : f.lowers;
      const right = cased ? ref.texts : ref.lowers;
      return left.some((a) => right.some((b) => compare(a, b)));
    },
  };
}

function comparator(op: string, limit: number): (n: number) => boolean {
  switch (op) {
    case 'lt':
      return (n) => n < limit;
    case 'lte':
      return (n) => n <= limit;
    case 'gt':
      return (n) => n > limit;
    default:
      return (n) => n >= limit;
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}
