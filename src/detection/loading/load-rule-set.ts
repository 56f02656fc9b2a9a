import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../core/diagnostics';
import { parsePipeline } from '../sigma/pipeline/parse-pipeline';
import type { ProcessingPipeline } from '../sigma/pipeline/pipeline-model';
import {
  compileCollection,
  parseRuleSources,
  type CompiledRuleSet,
  type RuleCollection,
} from '../sigma/rule-collection';
import { parsePlaceholderFile } from './placeholder-file';
import { readRuleSources } from './rule-files';

export interface RuleSetOptions {
  rulePaths: readonly string[];
  pipelinePaths?: readonly string[];
  placeholderPaths?: readonly string[];
}

export interface LoadedRuleSet extends CompiledRuleSet {
  collection: RuleCollection;
  pipelines: ProcessingPipeline[];
  /** Every diagnostic: files, pipelines, placeholders, parsing and compiling. */
  allDiagnostics: Diagnostic[];
}

/** Reads rules, pipelines and placeholder values from disk, then parses and compiles the rules. */
export async function loadRuleSet(options: RuleSetOptions): Promise<LoadedRuleSet> {
  const diagnostics: Diagnostic[] = [];
  const pipelines: ProcessingPipeline[] = [];
  for (const path of options.pipelinePaths ?? []) {
    const text = await readText(path, diagnostics);
    if (text === undefined) continue;
    const parsed = parsePipeline(text, path);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.pipeline) pipelines.push(parsed.pipeline);
  }
  const placeholders = new Map<string, string[]>();
  for (const path of options.placeholderPaths ?? []) {
    const text = await readText(path, diagnostics);
    if (text === undefined) continue;
    const parsed = parsePlaceholderFile(text, path);
    diagnostics.push(...parsed.diagnostics);
    for (const [k, v] of parsed.values) placeholders.set(k, v);
  }
  const { sources, diagnostics: fileDiagnostics } = await readRuleSources(options.rulePaths);
  diagnostics.push(...fileDiagnostics);
  const collection = parseRuleSources(sources);
  const compiled = compileCollection(collection, { pipelines, placeholders });
  return {
    ...compiled,
    collection,
    pipelines,
    allDiagnostics: [...diagnostics, ...collection.diagnostics, ...compiled.diagnostics],
  };
}

async function readText(path: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    diagnostics.push({
      code: 'file.unreadable',
      severity: 'error',
      message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      location: { file: path, line: 1, col: 1 },
    });
    return undefined;
  }
}
