import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Alert } from '../../core/alert';
import type { Diagnostic } from '../../core/diagnostics';
import type { EventLogsource } from '../../core/event';
import type { NormalizedEvent } from '../../core/normalized-event';
import { buildAlert } from '../../alerts/build-alert';
import { parsePlaceholderFile } from '../loading/placeholder-file';
import { readRuleSources } from '../loading/rule-files';
import { parsePipeline } from '../sigma/pipeline/parse-pipeline';
import type { ProcessingPipeline } from '../sigma/pipeline/pipeline-model';
import {
  compileCollection,
  parseRuleSources,
  type FailedRule,
  type RuleCollection,
} from '../sigma/rule-collection';
import { flattenDocument } from './flat-document';
import { ruleAppliesTo } from './logsource-routing';
import { RuleIndex } from './rule-index';

/** What the detector needs to know of a source type: its log sources and its field-mapping pipelines. */
export interface SourceProfile {
  id: string;
  logsources: readonly EventLogsource[];
  /** Pipeline files, relative to `baseDir` unless absolute. */
  pipelines: readonly string[];
}

export interface SourceRuleSetOptions {
  rulePaths: readonly string[];
  placeholderPaths?: readonly string[];
  sources: readonly SourceProfile[];
  /** Where relative pipeline paths are resolved (the package root). */
  baseDir: string;
}

export interface SourceRuleSetSummary {
  rules: number;
  failed: FailedRule[];
  diagnostics: Diagnostic[];
  rulesBySource: Map<string, number>;
}

/**
 * The compiled rules of every source type. A rule is compiled once per source type whose log sources it
 * can match, through that source's field-mapping pipelines, so the same Sigma rule reads `CommandLine`
 * from a Sysmon event and `process.command_line` from an EDR that writes ECS.
 */
export class SourceRuleSets {
  private constructor(
    private readonly indexes: ReadonlyMap<string, RuleIndex>,
    readonly summary: SourceRuleSetSummary,
  ) {}

  static async load(options: SourceRuleSetOptions): Promise<SourceRuleSets> {
    const diagnostics: Diagnostic[] = [];
    const placeholders = new Map<string, string[]>();
    for (const path of options.placeholderPaths ?? []) {
      const parsed = parsePlaceholderFile(await readFile(path, 'utf8'), path);
      diagnostics.push(...parsed.diagnostics);
      for (const [k, v] of parsed.values) placeholders.set(k, v);
    }
    const { sources, diagnostics: fileDiagnostics } = await readRuleSources(options.rulePaths);
    diagnostics.push(...fileDiagnostics);
    const collection = parseRuleSources(sources);
    diagnostics.push(...collection.diagnostics);

    const indexes = new Map<string, RuleIndex>();
    const failed = new Map<string, FailedRule>();
    const rulesBySource = new Map<string, number>();
    const pipelineCache = new Map<string, ProcessingPipeline>();
    for (const source of options.sources) {
      const pipelines: ProcessingPipeline[] = [];
      for (const file of source.pipelines) {
        const path = isAbsolute(file) ? file : join(options.baseDir, file);
        let pipeline = pipelineCache.get(path);
        if (!pipeline) {
          const parsed = parsePipeline(await readFile(path, 'utf8'), path);
          diagnostics.push(...parsed.diagnostics);
          if (!parsed.pipeline) continue;
          pipeline = parsed.pipeline;
          pipelineCache.set(path, pipeline);
        }
        pipelines.push(pipeline);
      }
      const compiled = compileCollection(rulesFor(collection, source), { pipelines, placeholders });
      for (const f of compiled.failed) failed.set(`${f.file}#${f.id ?? f.title}`, f);
      diagnostics.push(...compiled.diagnostics);
      indexes.set(source.id, new RuleIndex(compiled.rules, { flatEvents: true }));
      rulesBySource.set(source.id, compiled.rules.length);
    }
    const distinctRules = new Set(collection.rules.map((r) => r.meta.id ?? r.source.file)).size;
    return new SourceRuleSets(indexes, {
      rules: distinctRules,
      failed: [...failed.values()],
      diagnostics: dedupe(diagnostics),
      rulesBySource,
    });
  }

  /** Evaluates one event with the rules compiled for its source type. */
  detect(event: NormalizedEvent): Alert[] {
    const index = this.indexes.get(event.connector);
    if (!index) return [];
    const detectionEvent = {
      fields: flattenDocument(event.document),
      logsource: event.logsource,
      id: event.id,
      timestamp: event.timestamp,
    };
    return index
      .match(detectionEvent)
      .map((m) => buildAlert(m.rule, m.rule.matchedFields(m.context), detectionEvent));
  }

  /** The rules compiled for one source type, indexed (for tools and tests). */
  indexFor(id: string): RuleIndex | undefined {
    return this.indexes.get(id);
  }

  hasSource(id: string): boolean {
    return this.indexes.has(id);
  }
}

function rulesFor(collection: RuleCollection, source: SourceProfile): RuleCollection {
  return {
    ...collection,
    rules: collection.rules.filter((rule) =>
      source.logsources.some((ls) => ruleAppliesTo(rule.logsource, ls)),
    ),
  };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.location?.file}|${d.location?.line}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
