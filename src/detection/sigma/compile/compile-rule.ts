import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type { PlaceholderValues } from '../modifiers/apply-modifiers';
import type { SigmaFilter, SigmaLogsource, SigmaRule, SigmaRuleMeta } from '../model/rule';
import { applyPipelines } from '../pipeline/apply-pipeline';
import type { ProcessingPipeline } from '../pipeline/pipeline-model';
import { compileDetection, type CompiledDetection, type IdentifierTrace } from './compile-detection';
import type { EventContext } from './event-context';
import type { Requirement } from './requirement';

/** A field that contributed to a match, as shown in alerts. */
export interface MatchedField {
  field: string;
  value: unknown;
  /** The rule value (display form) that matched. */
  matchedBy: string;
}

/** A rule compiled for one set of pipelines: closures only, no YAML left on the hot path. */
export interface CompiledRule {
  readonly meta: SigmaRuleMeta;
  readonly logsource: SigmaLogsource;
  readonly file: string;
  readonly line: number;
  readonly requirement: Requirement;
  /** Ids (or titles) of the filters that were applied to this rule. */
  readonly filters: readonly string[];
  test(ctx: EventContext): boolean;
  explain(ctx: EventContext): RuleExplanation;
  matchedFields(ctx: EventContext): MatchedField[];
}

export interface RuleExplanation {
  matched: boolean;
  conditions: string[];
  identifiers: IdentifierTrace[];
  filters: { id: string; matched: boolean; identifiers: IdentifierTrace[] }[];
}

export interface RuleCompileOptions {
  pipelines: readonly ProcessingPipeline[];
  /** Placeholder values from configuration (e.g. `--placeholders`); pipelines may add more. */
  placeholders: ReadonlyMap<string, readonly string[]>;
}

export function compileRule(
  rule: SigmaRule,
  filters: readonly SigmaFilter[],
  options: RuleCompileOptions,
): { rule?: CompiledRule; diagnostics: Diagnostic[] } {
  const name = rule.meta.id ?? rule.meta.title;
  const mapped = applyPipelines(rule, options.pipelines);
  const placeholders = placeholderLookup(
    options.placeholders,
    mapped.placeholders,
    mapped.wildcardPlaceholders,
  );
  const main = compileDetection(mapped.rule.detection, { placeholders }, name);
  const diagnostics = [...main.diagnostics];
  const compiledFilters: { id: string; detection: CompiledDetection }[] = [];
  for (const filter of filters) {
    const filterName = filter.meta.id ?? filter.meta.title;
    if (!logsourceCompatible(filter.logsource, rule.logsource)) {
      diagnostics.push(
        diagnostic(
          'filter.logsource_mismatch',
          `filter '${filter.meta.title}' has a log source that does not fit rule '${rule.meta.title}'`,
          filter.source.document.locate(['logsource']),
          { item: filterName },
        ),
      );
      continue;
    }
    const asRule: SigmaRule = {
      kind: 'rule',
      meta: rule.meta,
      logsource: rule.logsource,
      detection: filter.detection,
      source: filter.source,
    };
    const mappedFilter = applyPipelines(asRule, options.pipelines);
    const compiled = compileDetection(mappedFilter.rule.detection, { placeholders }, filterName);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.detection) compiledFilters.push({ id: filterName, detection: compiled.detection });
  }
  if (!main.detection || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const detection = main.detection;
  const filterTests = compiledFilters.map((f) => f.detection.test);
  // Filters are `rule and not filter` (filters specification).
  const test =
    filterTests.length === 0
      ? detection.test
      : (ctx: EventContext) => detection.test(ctx) && !filterTests.some((f) => f(ctx));
  return {
    diagnostics,
    rule: {
      meta: rule.meta,
      logsource: mapped.rule.logsource,
      file: rule.source.file,
      line: rule.source.document.locate([]).line,
      requirement: detection.requirement,
      filters: compiledFilters.map((f) => f.id),
      test,
      explain: (ctx) => ({
        matched: test(ctx),
        conditions: rule.detection.conditions.map((c) => c.text),
        identifiers: detection.trace(ctx),
        filters: compiledFilters.map((f) => ({
          id: f.id,
          matched: f.detection.test(ctx),
          identifiers: f.detection.trace(ctx),
        })),
      }),
      matchedFields: (ctx) => matchedFieldsOf(detection, ctx),
    },
  };
}

function matchedFieldsOf(detection: CompiledDetection, ctx: EventContext): MatchedField[] {
  const out: MatchedField[] = [];
  const seen = new Set<string>();
  for (const identifier of detection.trace(ctx)) {
    if (!identifier.matched || !detection.positiveIdentifiers.has(identifier.name)) continue;
    const alternative = identifier.alternatives.find((a) => a.matched);
    for (const item of alternative?.items ?? []) {
      const field = item.eventFields.join('|') || item.field || '(keywords)';
      if (seen.has(field) || item.eventValues === null) continue;
      seen.add(field);
      const value = item.eventValues.length === 1 ? item.eventValues[0] : item.eventValues;
      out.push({ field, value, matchedBy: item.matchedValues.join(', ') });
    }
  }
  return out;
}

/** A filter written for `product: windows` fits a rule for windows/process_creation, not one for linux. */
export function logsourceCompatible(filter: SigmaLogsource, rule: SigmaLogsource): boolean {
  return (['product', 'category', 'service'] as const).every(
    (k) => filter[k] === undefined || filter[k] === rule[k],
  );
}

function placeholderLookup(
  configured: ReadonlyMap<string, readonly string[]>,
  fromPipelines: ReadonlyMap<string, readonly string[]>,
  wildcard: boolean,
): PlaceholderValues {
  return {
    get: (name) => fromPipelines.get(name) ?? configured.get(name) ?? (wildcard ? ['*'] : undefined),
  };
}
