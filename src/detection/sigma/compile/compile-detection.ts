import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type { SearchIdentifier, SigmaDetection } from '../model/rule';
import { collectReferences, resolveOfTarget, type ConditionNode } from '../parse/condition-parser';
import { compileItem, type CompileOptions, type CompiledItem, type ItemTrace } from './compile-item';
import type { EventContext } from './event-context';
import { NEVER, NO_REQUIREMENT, requireBoth, requireEither, type Requirement } from './requirement';

export type EventTest = (ctx: EventContext) => boolean;

interface CompiledIdentifier {
  name: string;
  alternatives: CompiledItem[][];
  test: EventTest;
  requirement: Requirement;
}

export interface IdentifierTrace {
  name: string;
  matched: boolean;
  alternatives: { matched: boolean; items: ItemTrace[] }[];
}

/** A detection section compiled to closures: one test for the whole condition, and traces on demand. */
export interface CompiledDetection {
  test: EventTest;
  requirement: Requirement;
  trace(ctx: EventContext): IdentifierTrace[];
  /** Identifiers that count in favour of a match (not under a `not`), for an alert's matched fields. */
  positiveIdentifiers: ReadonlySet<string>;
}

export function compileDetection(
  detection: SigmaDetection,
  options: CompileOptions,
  ruleName: string,
): { detection?: CompiledDetection; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const identifiers = new Map<string, CompiledIdentifier>();
  for (const identifier of detection.identifiers.values()) {
    const compiled = compileIdentifier(identifier, options, ruleName, diagnostics);
    if (compiled) identifiers.set(identifier.name, compiled);
  }
  const names = [...detection.identifiers.keys()];
  const used = new Set<string>();
  for (const condition of detection.conditions) {
    const refs = collectReferences(condition.ast);
    for (const ref of refs.identifiers) {
      used.add(ref.name);
      if (!detection.identifiers.has(ref.name)) {
        diagnostics.push(
          diagnostic(
            'condition.unknown_identifier',
            `condition names '${ref.name}', which the detection does not define`,
            condition.location,
            { item: ruleName, field: 'detection.condition' },
          ),
        );
      }
    }
    for (const ref of refs.patterns) {
      const matched = resolveOfTarget({ kind: 'pattern', pattern: ref.pattern }, names);
      matched.forEach((n) => used.add(n));
      if (matched.length === 0) {
        diagnostics.push(
          diagnostic(
            'condition.no_match_pattern',
            `'of ${ref.pattern}' matches no search identifier`,
            condition.location,
            { item: ruleName, field: 'detection.condition' },
          ),
        );
      }
    }
    if (refs.usesThem) names.forEach((n) => used.add(n));
  }
  for (const identifier of detection.identifiers.values()) {
    if (!used.has(identifier.name) && detection.conditions.length > 0) {
      diagnostics.push(
        diagnostic(
          'condition.unused_identifier',
          `search identifier '${identifier.name}' is not used by the condition`,
          identifier.location,
          { item: ruleName, field: `detection.${identifier.name}` },
        ),
      );
    }
  }
  if (detection.conditions.length === 0 || diagnostics.some((d) => d.severity === 'error'))
    return { diagnostics };

  const parts = detection.conditions.map((c) => compileCondition(c.ast, identifiers, names));
  const test: EventTest =
    parts.length === 1 ? (parts[0] as Compiled).test : (ctx) => parts.some((p) => p.test(ctx));
  const requirement = parts.map((p) => p.requirement).reduce(requireEither);
  const positive = new Set<string>();
  for (const c of detection.conditions) collectPositive(c.ast, false, names, positive);
  return {
    diagnostics,
    detection: {
      test,
      requirement,
      positiveIdentifiers: positive,
      trace: (ctx) => [...identifiers.values()].map((id) => traceIdentifier(id, ctx)),
    },
  };
}

function compileIdentifier(
  identifier: SearchIdentifier,
  options: CompileOptions,
  ruleName: string,
  diagnostics: Diagnostic[],
): CompiledIdentifier | undefined {
  const alternatives: CompiledItem[][] = [];
  let ok = true;
  for (const alternative of identifier.alternatives) {
    const items: CompiledItem[] = [];
    for (const item of alternative) {
      const compiled = compileItem(item, options, ruleName);
      diagnostics.push(...compiled.diagnostics);
      if (compiled.item) items.push(compiled.item);
      else ok = false;
    }
    alternatives.push(items);
  }
  if (!ok) return undefined;
  const allOf = (items: CompiledItem[]): EventTest =>
    items.length === 1 ? (items[0] as CompiledItem).test : (ctx) => items.every((i) => i.test(ctx));
  const tests = alternatives.map(allOf);
  const test: EventTest = tests.length === 1 ? (tests[0] as EventTest) : (ctx) => tests.some((t) => t(ctx));
  const requirement = alternatives
    .map((items) => items.map((i) => i.requirement).reduce(requireBoth, NO_REQUIREMENT))
    .reduce(requireEither);
  return { name: identifier.name, alternatives, test, requirement };
}

interface Compiled {
  test: EventTest;
  requirement: Requirement;
}

const NEVER_MATCHES: Compiled = { test: () => false, requirement: NEVER };

function compileCondition(
  node: ConditionNode,
  ids: Map<string, CompiledIdentifier>,
  names: string[],
): Compiled {
  switch (node.kind) {
    case 'identifier': {
      const id = ids.get(node.name);
      return id ? { test: id.test, requirement: id.requirement } : NEVER_MATCHES;
    }
    case 'not': {
      const inner = compileCondition(node.operand, ids, names).test;
      return { test: (ctx) => !inner(ctx), requirement: NO_REQUIREMENT };
    }
    case 'and': {
      const parts = node.operands.map((o) => compileCondition(o, ids, names));
      const tests = parts.map((p) => p.test);
      return {
        test:
          tests.length === 2
            ? both(tests[0] as EventTest, tests[1] as EventTest)
            : (ctx) => tests.every((t) => t(ctx)),
        requirement: parts.map((p) => p.requirement).reduce(requireBoth),
      };
    }
    case 'or': {
      const parts = node.operands.map((o) => compileCondition(o, ids, names));
      const tests = parts.map((p) => p.test);
      return {
        test: (ctx) => tests.some((t) => t(ctx)),
        requirement: parts.map((p) => p.requirement).reduce(requireEither),
      };
    }
    case 'of': {
      const members = resolveOfTarget(node.target, names)
        .map((n) => ids.get(n))
        .filter((x): x is CompiledIdentifier => x !== undefined);
      if (members.length === 0) return NEVER_MATCHES;
      const tests = members.map((m) => m.test);
      const reqs = members.map((m) => m.requirement);
      if (node.quantifier === 'all') {
        return { test: (ctx) => tests.every((t) => t(ctx)), requirement: reqs.reduce(requireBoth) };
      }
      const needed = node.quantifier;
      if (needed > members.length) return NEVER_MATCHES;
      if (needed === 1)
        return { test: (ctx) => tests.some((t) => t(ctx)), requirement: reqs.reduce(requireEither) };
      return {
        test: (ctx) => {
          let count = 0;
          for (const t of tests) if (t(ctx) && ++count >= needed) return true;
          return false;
        },
        // At least one member must hold whatever N is, so the union stays necessary.
        requirement: reqs.reduce(requireEither),
      };
    }
  }
}

function both(a: EventTest, b: EventTest): EventTest {
  return (ctx) => a(ctx) && b(ctx);
}

function collectPositive(node: ConditionNode, negated: boolean, names: string[], out: Set<string>): void {
  switch (node.kind) {
    case 'identifier':
      if (!negated) out.add(node.name);
      return;
    case 'not':
      collectPositive(node.operand, !negated, names, out);
      return;
    case 'and':
    case 'or':
      node.operands.forEach((o) => collectPositive(o, negated, names, out));
      return;
    case 'of':
      if (!negated) resolveOfTarget(node.target, names).forEach((n) => out.add(n));
  }
}

function traceIdentifier(id: CompiledIdentifier, ctx: EventContext): IdentifierTrace {
  const alternatives = id.alternatives.map((items) => {
    const traces = items.map((i) => i.trace(ctx));
    return { matched: traces.every((t) => t.matched), items: traces };
  });
  return { name: id.name, matched: alternatives.some((a) => a.matched), alternatives };
}
