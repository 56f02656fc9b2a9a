import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import { applyModifiers, type PlaceholderValues } from '../modifiers/apply-modifiers';
import type { DetectionItem } from '../model/rule';
import type { SigmaValue } from '../modifiers/values';
import { FieldValues, type EventContext } from './event-context';
import { ANY_FIELD, NO_REQUIREMENT, requireBoth, type Needle, type Requirement } from './requirement';
import { compileValueTest, RegexError, type ValueTest } from './value-test';

/** A compiled detection item: one field, its values, its modifiers. */
export interface CompiledItem {
  readonly source: DetectionItem;
  test(ctx: EventContext): boolean;
  /** What the item saw, for explanations and the matched fields of an alert. */
  trace(ctx: EventContext): ItemTrace;
  readonly requirement: Requirement;
}

export interface ItemTrace {
  /** The field as the rule names it (null for keywords). */
  field: string | null;
  /** The event fields read (after field mapping). */
  eventFields: string[];
  key: string;
  matched: boolean;
  /** The event's values of the field (trimmed for display), or null if the field is absent. */
  eventValues: unknown[] | null;
  /** Display forms of the rule values that matched (all of them for `all`). */
  matchedValues: string[];
  ruleValues: string[];
}

export interface CompileOptions {
  placeholders: PlaceholderValues;
}

export function compileItem(
  item: DetectionItem,
  options: CompileOptions,
  ruleName: string,
): { item?: CompiledItem; diagnostics: Diagnostic[] } {
  const fail = (code: Parameters<typeof diagnostic>[0], message: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [
      diagnostic(code, `'${item.key}': ${message}`, item.location, { item: ruleName, field: item.key }),
    ],
  });
  const result = applyModifiers(item.modifiers, item.values, options.placeholders);
  if (!result.ok) return fail(result.code, result.message);
  const { flags } = result;
  let tests: ValueTest[];
  try {
    // Fields referenced by `fieldref` were already mapped by the pipelines that produced `item`.
    tests = result.values.map((v) => compileValueTest(keywordAsSubstring(item, v), flags.cased));
  } catch (error) {
    if (error instanceof RegexError) return fail('modifier.bad_value', error.message);
    throw error;
  }
  const field = item.field;
  const targets = field === null ? [] : (item.targets ?? [field]);
  const read = fieldReader(targets);
  const anyOrAll = flags.all
    ? (f: FieldValues, ctx: EventContext) => tests.every((t) => t.test(f, ctx))
    : tests.length === 1
      ? (tests[0] as ValueTest).test
      : (f: FieldValues, ctx: EventContext) => tests.some((t) => t.test(f, ctx));
  const test = flags.neq
    ? (ctx: EventContext) => !anyOrAll(read(ctx), ctx)
    : (ctx: EventContext) => anyOrAll(read(ctx), ctx);

  const compiled: CompiledItem = {
    source: item,
    test,
    requirement: flags.neq
      ? NO_REQUIREMENT
      : requirementOf(field === null ? [ANY_FIELD] : targets, tests, flags.all),
    trace(ctx) {
      const values = read(ctx);
      const matchedValues = tests.filter((t) => t.test(values, ctx)).map((t) => t.display);
      return {
        field,
        eventFields: targets,
        key: item.key,
        matched: test(ctx),
        eventValues: values.present ? values.values.map(trimForDisplay) : null,
        matchedValues,
        ruleValues: tests.map((t) => t.display),
      };
    },
  };
  return { item: compiled, diagnostics: [] };
}

/** Keywords match anywhere in a value unless they already say where with wildcards. */
function keywordAsSubstring(item: DetectionItem, value: SigmaValue): SigmaValue {
  if (item.field !== null || value.kind !== 'string' || item.modifiers.length > 0) return value;
  const isStar = (t: unknown): boolean =>
    typeof t === 'object' && t !== null && (t as { kind: string }).kind === 'star';
  const tokens = [...value.tokens];
  if (!isStar(tokens[0])) tokens.unshift({ kind: 'star' });
  if (!isStar(tokens[tokens.length - 1])) tokens.push({ kind: 'star' });
  return { ...value, tokens };
}

/** Reads the item's field; several mapped targets are read as one field holding all their values. */
function fieldReader(targets: string[]): (ctx: EventContext) => FieldValues {
  if (targets.length === 0) return (ctx) => ctx.everyText();
  if (targets.length === 1) {
    const only = targets[0] as string;
    return (ctx) => ctx.field(only);
  }
  return (ctx) => {
    const parts = targets.map((t) => ctx.field(t)).filter((f) => f.present);
    if (parts.length <= 1) return parts[0] ?? ctx.field(targets[0] as string);
    return new FieldValues(
      true,
      parts.flatMap((p) => p.values),
      parts.flatMap((p) => p.texts),
    );
  };
}

/**
 * Any value may match (OR): one clause holding every value's literal, or nothing if a value has none.
 * All values must match (`all`): each value's literal is a clause of its own.
 */
function requirementOf(targets: string[], tests: ValueTest[], all: boolean): Requirement {
  if (tests.length === 0) return NO_REQUIREMENT;
  const clauseOf = (t: ValueTest): Needle[] => targets.map((field) => ({ field, text: t.needle }));
  if (all)
    return tests
      .filter((t) => t.needle)
      .map((t) => [clauseOf(t)] as Requirement)
      .reduce(requireBoth, NO_REQUIREMENT);
  if (tests.some((t) => !t.needle)) return NO_REQUIREMENT;
  return [tests.flatMap(clauseOf)];
}

function trimForDisplay(value: unknown): unknown {
  return typeof value === 'string' && value.length > 512 ? `${value.slice(0, 512)}…` : value;
}
