import {
  extractPlaceholders,
  isPlainLiteral,
  joinLiteral,
  parseSigmaString,
  STAR,
  type Token,
} from '../model/sigma-string';
import type { RawValue } from '../model/rule';
import { parseNetwork } from './cidr';
import { base64, base64Offsets, utf16be, utf16le, utf16WithBom } from './encodings';
import { isKnownModifier, MODIFIERS } from './modifier-registry';
import type { CompareOp, SigmaValue, StringMode, TimePart } from './values';
import { describeValue } from './values';
import { applyWindash } from './windash';

/** Placeholder name → values, as configured (pipelines or a placeholder file). */
export interface PlaceholderValues {
  get(name: string): readonly string[] | undefined;
}

export interface ModifierFlags {
  all: boolean;
  cased: boolean;
  neq: boolean;
}

export type ModifierResult =
  | { ok: true; values: SigmaValue[]; flags: ModifierFlags }
  | {
      ok: false;
      code:
        | 'modifier.unknown'
        | 'modifier.invalid_chain'
        | 'modifier.bad_value'
        | 'placeholder.unresolved'
        | 'modifier.all_single_value';
      message: string;
    };

class ModifierFailure extends Error {
  constructor(
    readonly code: Exclude<ModifierResult, { ok: true }>['code'],
    message: string,
  ) {
    super(message);
  }
}

const TIME_PARTS = new Set<string>(['minute', 'hour', 'day', 'week', 'month', 'year']);
const COMPARE_OPS = new Set<string>(['lt', 'lte', 'gt', 'gte']);

/**
 * Runs a detection item's modifier chain over its values, left to right as written, and returns the
 * final values with the item-level flags. Every misuse becomes a result the loader reports with the
 * item's location; nothing here throws past this function.
 */
export function applyModifiers(
  modifiers: readonly string[],
  rawValues: readonly RawValue[],
  placeholders: PlaceholderValues,
): ModifierResult {
  try {
    const flags: ModifierFlags = { all: false, cased: false, neq: false };
    for (const name of modifiers) {
      if (!isKnownModifier(name)) throw new ModifierFailure('modifier.unknown', `unknown modifier '${name}'`);
    }
    for (const name of modifiers) {
      const role = MODIFIERS[name]?.role;
      if (role === 'flag') flags[name as keyof ModifierFlags] = true;
      if (role === 'regex-flag' && !modifiers.includes('re')) {
        throw new ModifierFailure('modifier.invalid_chain', `modifier '${name}' only applies after 're'`);
      }
    }
    if (flags.all && rawValues.length < 2) {
      throw new ModifierFailure(
        'modifier.all_single_value',
        "'all' needs a list of two or more values; for one value drop 'all'",
      );
    }
    let values: SigmaValue[] = rawValues.map(initialValue);
    const regexFlags = modifiers.filter((m) => MODIFIERS[m]?.role === 'regex-flag').join('');
    for (const name of modifiers) {
      if (MODIFIERS[name]?.role !== 'transform') continue;
      values = values.flatMap((v) => transform(name, v, regexFlags, placeholders));
    }
    return { ok: true, values, flags };
  } catch (error) {
    if (error instanceof ModifierFailure) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

function initialValue(raw: RawValue): SigmaValue {
  if (raw === null) return { kind: 'null' };
  if (typeof raw === 'number') return { kind: 'number', value: raw };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  return { kind: 'string', tokens: parseSigmaString(raw), raw };
}

function transform(
  name: string,
  value: SigmaValue,
  regexFlags: string,
  placeholders: PlaceholderValues,
): SigmaValue[] {
  const fail = (what: string): never => {
    throw new ModifierFailure('modifier.invalid_chain', `modifier '${name}' cannot apply to ${what}`);
  };
  if (value.kind === 'timepart' && name !== 'expand') {
    return transform(name, value.inner, regexFlags, placeholders).map((inner) => ({ ...value, inner }));
  }
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith':
      return [wrap(name, value, fail)];
    case 'windash': {
      const s = asString(value, fail);
      return [{ ...s, tokens: applyWindash(s.tokens) }];
    }
    case 're': {
      const s = asString(value, fail);
      return [{ kind: 'regex', pattern: s.raw, flags: regexFlags }];
    }
    case 'base64':
    case 'base64offset': {
      const bytes = toBytes(value, name, fail);
      const encoded = name === 'base64' ? [base64(bytes)] : base64Offsets(bytes);
      return encoded.map((text) => ({ kind: 'string', tokens: text ? [text] : [], raw: text }));
    }
    case 'utf16le':
    case 'wide':
    case 'utf16be':
    case 'utf16': {
      const text = literalText(value, name, fail);
      const encode = name === 'utf16be' ? utf16be : name === 'utf16' ? utf16WithBom : utf16le;
      return [{ kind: 'bytes', data: encode(text) }];
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return [{ kind: 'compare', op: name as CompareOp, value: toNumber(value, name) }];
    case 'cidr': {
      const s = asString(value, fail);
      if (!parseNetwork(s.raw))
        throw new ModifierFailure('modifier.bad_value', `'${s.raw}' is not a CIDR network`);
      return [{ kind: 'cidr', network: s.raw }];
    }
    case 'exists':
      if (value.kind !== 'boolean') {
        throw new ModifierFailure('modifier.bad_value', "'exists' takes true or false");
      }
      return [{ kind: 'exists', value: value.value }];
    case 'expand':
      return expand(value, placeholders, fail);
    case 'fieldref': {
      const s = asString(value, fail);
      return [{ kind: 'fieldref', field: s.raw, mode: 'equals' }];
    }
    default:
      if (TIME_PARTS.has(name)) {
        if (value.kind !== 'number' && value.kind !== 'string') fail(describeValue(value));
        return [{ kind: 'timepart', part: name as TimePart, inner: value }];
      }
      if (COMPARE_OPS.has(name)) fail(describeValue(value));
      throw new ModifierFailure('modifier.unknown', `unknown modifier '${name}'`);
  }
}

function wrap(
  name: 'contains' | 'startswith' | 'endswith',
  value: SigmaValue,
  fail: (w: string) => never,
): SigmaValue {
  if (value.kind === 'fieldref') {
    if (value.mode !== 'equals') fail('a field reference that already has a position');
    return { ...value, mode: name as StringMode };
  }
  const s = asString(value, fail);
  const tokens: Token[] = [...s.tokens];
  const starAt = (i: number): boolean => {
    const t = tokens[i];
    return t !== undefined && typeof t !== 'string' && t.kind === 'star';
  };
  if (name !== 'startswith' && !starAt(0)) tokens.unshift(STAR);
  if (name !== 'endswith' && !starAt(tokens.length - 1)) tokens.push(STAR);
  return { ...s, tokens };
}

/** Numbers and booleans become strings when a string modifier applies (`EventID|startswith: 46`). */
function asString(value: SigmaValue, fail: (w: string) => never): Extract<SigmaValue, { kind: 'string' }> {
  if (value.kind === 'string') return value;
  if (value.kind === 'number' || value.kind === 'boolean') {
    const raw = String(value.value);
    return { kind: 'string', tokens: [raw], raw };
  }
  return fail(describeValue(value));
}

function literalText(value: SigmaValue, name: string, fail: (w: string) => never): string {
  const s = asString(value, fail);
  if (!isPlainLiteral(s.tokens)) {
    throw new ModifierFailure('modifier.invalid_chain', `'${name}' cannot encode a value with wildcards`);
  }
  return joinLiteral(s.tokens);
}

function toBytes(value: SigmaValue, name: string, fail: (w: string) => never): Buffer {
  if (value.kind === 'bytes') return value.data;
  return Buffer.from(literalText(value, name, fail), 'utf8');
}

function toNumber(value: SigmaValue, name: string): number {
  const n = value.kind === 'number' ? value.value : value.kind === 'string' ? Number(value.raw) : NaN;
  if (value.kind === 'string' && value.raw.trim() === '')
    throw new ModifierFailure('modifier.bad_value', `'${name}' needs a number`);
  if (!Number.isFinite(n)) throw new ModifierFailure('modifier.bad_value', `'${name}' needs a number`);
  return n;
}

function expand(
  value: SigmaValue,
  placeholders: PlaceholderValues,
  fail: (w: string) => never,
): SigmaValue[] {
  const s = asString(value, fail);
  let variants: { tokens: Token[]; raw: string }[] = [{ tokens: [], raw: s.raw }];
  for (const token of extractPlaceholders(s.tokens)) {
    if (typeof token !== 'string' && token.kind === 'placeholder') {
      const replacements = placeholders.get(token.name);
      if (!replacements || replacements.length === 0) {
        throw new ModifierFailure(
          'placeholder.unresolved',
          `placeholder %${token.name}% has no configured values`,
        );
      }
      variants = variants.flatMap((v) =>
        replacements.map((r) => ({
          tokens: [...v.tokens, ...parseSigmaString(r)],
          raw: v.raw.replace(`%${token.name}%`, r),
        })),
      );
    } else {
      variants = variants.map((v) => ({ ...v, tokens: [...v.tokens, token] }));
    }
  }
  return variants.map((v) => ({ kind: 'string', tokens: v.tokens, raw: v.raw }));
}
