import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../core/diagnostics';
import type { RuleSource } from '../sigma/rule-collection';
import { isTestFile } from '../testing/rule-test-cases';

const RULE_EXTENSIONS = ['.yml', '.yaml'];

/**
 * Reads every YAML file (but rule test files) under the given files and folders (recursively, in sorted order so results
 * are reproducible). An unreadable path becomes a diagnostic, not an exception.
 */
export async function readRuleSources(
  paths: readonly string[],
): Promise<{ sources: RuleSource[]; diagnostics: Diagnostic[] }> {
  const sources: RuleSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      diagnostics.push(unreadable(path, error));
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((e) => !e.startsWith('.')).sort();
      for (const entry of entries) await visit(join(path, entry), false);
      return;
    }
    if (!explicit && (!RULE_EXTENSIONS.some((ext) => path.endsWith(ext)) || isTestFile(path))) return;
    try {
      sources.push({ file: path, text: await readFile(path, 'utf8') });
    } catch (error) {
      diagnostics.push(unreadable(path, error));
    }
  };
  for (const path of paths) await visit(path, true);
  return { sources, diagnostics };
}

function unreadable(path: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return diagnostic('file.unreadable', `cannot read ${path}: ${reason}`, { file: path, line: 1, col: 1 });
}
