import type { Command } from 'commander';
import { formatLocation, type Diagnostic, type Severity } from '../../core/diagnostics';
import { loadRuleSet } from '../../detection/loading/load-rule-set';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { addRuleLoadOptions, type RuleLoadFlags } from './rule-options';

interface LintFlags extends RuleLoadFlags {
  json?: boolean;
  severity: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function registerLint(rules: Command): void {
  addRuleLoadOptions(
    rules
      .command('lint')
      .description('Load and compile rules; report every diagnostic with file:line, code and severity')
      .argument('<paths...>', 'rule files or folders'),
  )
    .option('--json', 'print diagnostics as NDJSON and a final summary object')
    .option('--severity <level>', 'lowest severity to show: error, warning or info', 'warning')
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await lint(paths, flags);
    });
}

async function lint(paths: string[], flags: LintFlags): Promise<number> {
  if (!(flags.severity in SEVERITY_RANK)) {
    process.stderr.write(`--severity: '${flags.severity}' is not one of error, warning, info\n`);
    return EXIT.usage;
  }
  const threshold = SEVERITY_RANK[flags.severity as Severity];
  const loaded = await loadRuleSet({
    rulePaths: paths,
    pipelinePaths: flags.pipeline,
    placeholderPaths: flags.placeholders,
  });
  const shown = dedupe(loaded.allDiagnostics)
    .filter((d) => SEVERITY_RANK[d.severity] <= threshold)
    .sort(byLocation);
  const count = (s: Severity): number => loaded.allDiagnostics.filter((d) => d.severity === s).length;
  const summary = {
    files: new Set(loaded.collection.rules.map((r) => r.source.file)).size,
    rules: loaded.collection.rules.length,
    compiled: loaded.rules.length,
    failed: loaded.failed.length,
    filters: loaded.collection.filters.length,
    correlations: loaded.collection.correlations.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };
  if (flags.json) {
    for (const d of shown) process.stdout.write(`${JSON.stringify(d)}\n`);
    process.stdout.write(
      `${JSON.stringify({ summary, failed: loaded.failed.map((f) => ({ file: f.file, id: f.id, title: f.title, reasons: f.diagnostics.map((d) => `${d.code}: ${d.message}`) })) })}\n`,
    );
  } else {
    if (shown.length > 0) {
      const rows = shown.map((d) => [
        formatLocation(d.location),
        d.severity,
        d.code,
        d.item ?? '',
        d.message,
      ]);
      process.stdout.write(
        `${renderTable([{ header: 'LOCATION', maxWidth: 72, keep: 'end' }, { header: 'SEVERITY' }, { header: 'CODE' }, { header: 'RULE', maxWidth: 36 }, { header: 'MESSAGE' }], rows)}\n\n`,
      );
    }
    const pct = summary.rules > 0 ? ((summary.compiled / summary.rules) * 100).toFixed(2) : '100.00';
    process.stdout.write(
      `${summary.rules} rules in ${summary.files} files: ${summary.compiled} compiled (${pct}%), ${summary.failed} failed; ` +
        `${summary.filters} filters, ${summary.correlations} correlations; ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} notes\n`,
    );
  }
  return summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

/** A filter applied to several rules reports the same problem once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${formatLocation(d.location)}|${d.code}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byLocation(a: Diagnostic, b: Diagnostic): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.col - b.location.col
  );
}
