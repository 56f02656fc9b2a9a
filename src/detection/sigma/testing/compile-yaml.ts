import { formatDiagnostic, type Diagnostic } from '../../../core/diagnostics';
import { compileRule, type CompiledRule } from '../compile/compile-rule';
import { EventContext } from '../compile/event-context';
import { parseSigmaDocument } from '../parse/parse-document';
import { parsePipeline } from '../pipeline/parse-pipeline';
import type { ProcessingPipeline } from '../pipeline/pipeline-model';
import { compileCollection, parseRuleSources } from '../rule-collection';
import { parseYamlSource } from '../yaml/yaml-source';

/** Test support: compile rules written inline as YAML, and evaluate them on plain objects. */

export interface InlineOptions {
  pipelines?: string[];
  placeholders?: Record<string, string[]>;
}

export function pipelinesOf(texts: readonly string[]): ProcessingPipeline[] {
  return texts.map((text, i) => {
    const parsed = parsePipeline(text, `pipeline-${i}.yml`);
    if (!parsed.pipeline) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
    return parsed.pipeline;
  });
}

/** Every diagnostic of one inline rule (parsing and compiling). */
export function diagnoseYaml(ruleYaml: string, options: InlineOptions = {}): Diagnostic[] {
  const source = parseYamlSource(ruleYaml, 'inline.yml');
  const doc = source.documents[0];
  if (!doc) return source.diagnostics;
  const parsed = parseSigmaDocument(doc, 'inline.yml');
  if (parsed.document?.kind !== 'rule') return [...source.diagnostics, ...parsed.diagnostics];
  const compiled = compileRule(parsed.document, [], {
    pipelines: pipelinesOf(options.pipelines ?? []),
    placeholders: new Map(Object.entries(options.placeholders ?? {})),
  });
  return [...source.diagnostics, ...parsed.diagnostics, ...compiled.diagnostics];
}

/** Compiles one inline rule, failing loudly with its diagnostics if it does not compile. */
export function compileYaml(ruleYaml: string, options: InlineOptions = {}): CompiledRule {
  const rules = compileYamlSet([ruleYaml], options);
  const rule = rules[0];
  if (!rule) throw new Error('no rule compiled');
  return rule;
}

/** Compiles several inline documents (rules and filters) together, as a rule folder would be. */
export function compileYamlSet(texts: readonly string[], options: InlineOptions = {}): CompiledRule[] {
  const collection = parseRuleSources(texts.map((text, i) => ({ file: `inline-${i}.yml`, text })));
  const compiled = compileCollection(collection, {
    pipelines: pipelinesOf(options.pipelines ?? []),
    placeholders: new Map(Object.entries(options.placeholders ?? {})),
  });
  const errors = [...collection.diagnostics, ...compiled.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map(formatDiagnostic).join('\n'));
  return compiled.rules;
}

export function matches(rule: CompiledRule, event: Record<string, unknown>): boolean {
  return rule.test(new EventContext(event));
}

/** A rule around one detection body, for tables of cases. */
export function ruleWith(
  detection: string,
  logsource = '{ product: windows, category: process_creation }',
): string {
  const body = detection
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `title: Case\nlogsource: ${logsource}\ndetection:\n${body}\n`;
}
