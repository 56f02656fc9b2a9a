import { diagnostic, type Diagnostic } from '../../core/diagnostics';
import { compileRule, type CompiledRule, type RuleCompileOptions } from './compile/compile-rule';
import type { SigmaCorrelation, SigmaFilter, SigmaRule } from './model/rule';
import { parseSigmaDocument } from './parse/parse-document';
import { parseYamlSource } from './yaml/yaml-source';

export interface RuleSource {
  file: string;
  text: string;
}

/** Everything parsed from a set of rule files, with every diagnostic found on the way. */
export interface RuleCollection {
  rules: SigmaRule[];
  filters: SigmaFilter[];
  correlations: SigmaCorrelation[];
  diagnostics: Diagnostic[];
  /** Diagnostics found while parsing each document, so compilation can refuse rules with errors. */
  documentDiagnostics: Map<SigmaRule | SigmaFilter | SigmaCorrelation, Diagnostic[]>;
}

export function parseRuleSources(sources: readonly RuleSource[]): RuleCollection {
  const collection: RuleCollection = {
    rules: [],
    filters: [],
    correlations: [],
    diagnostics: [],
    documentDiagnostics: new Map(),
  };
  for (const { file, text } of sources) {
    const yaml = parseYamlSource(text, file);
    collection.diagnostics.push(...yaml.diagnostics);
    for (const doc of yaml.documents) {
      const parsed = parseSigmaDocument(doc, file);
      collection.diagnostics.push(...parsed.diagnostics);
      const document = parsed.document;
      if (!document) continue;
      collection.documentDiagnostics.set(document, parsed.diagnostics);
      if (document.kind === 'rule') collection.rules.push(document);
      else if (document.kind === 'filter') collection.filters.push(document);
      else collection.correlations.push(document);
    }
  }
  collection.diagnostics.push(...crossChecks(collection));
  return collection;
}

/** Checks that need the whole collection: duplicate ids, filters and correlations naming missing rules. */
function crossChecks(collection: RuleCollection): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, SigmaRule | SigmaCorrelation>();
  for (const doc of [...collection.rules, ...collection.correlations]) {
    const id = doc.meta.id;
    if (!id) continue;
    const first = byId.get(id);
    if (first) {
      out.push(
        diagnostic(
          'rule.duplicate_id',
          `id ${id} is already used by '${first.meta.title}' (${first.source.file})`,
          doc.source.document.locate(['id']),
          { item: id },
        ),
      );
    } else {
      byId.set(id, doc);
    }
  }
  const known = new Set<string>();
  for (const doc of [...collection.rules, ...collection.correlations]) {
    if (doc.meta.id) known.add(doc.meta.id);
    if (doc.meta.name) known.add(doc.meta.name);
  }
  for (const filter of collection.filters) {
    filter.targets.forEach((target, index) => {
      if (!known.has(target)) {
        out.push(
          diagnostic(
            'filter.unknown_rule',
            `filter '${filter.meta.title}' names rule '${target}', which is not loaded`,
            filter.source.document.locate(['filter', 'rules', index]),
            { item: filter.meta.id ?? filter.meta.title },
          ),
        );
      }
    });
  }
  for (const correlation of collection.correlations) {
    const item = correlation.meta.id ?? correlation.meta.title;
    correlation.rules.forEach((target, index) => {
      if (!known.has(target)) {
        out.push(
          diagnostic(
            'correlation.unknown_rule',
            `correlation '${correlation.meta.title}' refers to rule '${target}', which is not loaded`,
            correlation.source.document.locate(['correlation', 'rules', index]),
            { item },
          ),
        );
      }
    });
    out.push(
      diagnostic(
        'correlation.not_evaluated',
        `correlation '${correlation.meta.title}' is checked here and evaluated by the stateful stage`,
        correlation.source.document.locate(['correlation']),
        { item },
      ),
    );
  }
  return out;
}

export interface FailedRule {
  file: string;
  id?: string;
  title: string;
  diagnostics: Diagnostic[];
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  failed: FailedRule[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles every rule of a collection with the filters that name it. A rule with any error (from parsing
 * or compiling) is not loaded but listed in `failed` with its reasons; warnings do not stop a rule.
 */
export function compileCollection(collection: RuleCollection, options: RuleCompileOptions): CompiledRuleSet {
  const result: CompiledRuleSet = { rules: [], failed: [], diagnostics: [] };
  const filtersByTarget = new Map<string, SigmaFilter[]>();
  for (const filter of collection.filters) {
    for (const target of filter.targets) {
      filtersByTarget.set(target, [...(filtersByTarget.get(target) ?? []), filter]);
    }
  }
  for (const rule of collection.rules) {
    const filters = [
      ...new Set([
        ...(filtersByTarget.get(rule.meta.id ?? '') ?? []),
        ...(filtersByTarget.get(rule.meta.name ?? '') ?? []),
      ]),
    ];
    const parseErrors = (collection.documentDiagnostics.get(rule) ?? []).filter(
      (d) => d.severity === 'error',
    );
    const compiled = compileRule(rule, filters, options);
    result.diagnostics.push(...compiled.diagnostics);
    if (compiled.rule && parseErrors.length === 0) {
      result.rules.push(compiled.rule);
    } else {
      result.failed.push({
        file: rule.source.file,
        id: rule.meta.id,
        title: rule.meta.title,
        diagnostics: [...parseErrors, ...compiled.diagnostics.filter((d) => d.severity === 'error')],
      });
    }
  }
  return result;
}
