import type { Command } from 'commander';
import type { Alert } from '../../core/alert';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostics';
import type { EventLogsource } from '../../core/event';
import { resolve } from 'node:path';
import { runHunt, type HuntSummary } from '../../app/hunt/hunt-runner';
import { parseLogsourceOption } from '../../app/hunt/normalize-record';
import { RuleIndex } from '../../detection/engine/rule-index';
import { loadRuleSet } from '../../detection/loading/load-rule-set';
import { EXIT } from '../exit-codes';
import { fixedRow } from '../output/fixed-row';
import { ProgressLine } from '../output/progress';
import { renderTable } from '../output/table';
import { addRuleLoadOptions, type RuleLoadFlags } from './rule-options';
import { connectorEvaluator } from '../../app/hunt/connector-evaluator';
import { sigmaFieldEvaluator, type RecordEvaluator } from '../../app/hunt/hunt-runner';
import { CONNECTOR_TYPES, connectorType } from '../../connectors/registry';
import { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import { packageRoot } from '../package-root';

export interface HuntFlags extends RuleLoadFlags {
  rules: string[];
  json?: boolean;
  logsource?: string;
  source?: string;
  maxRecordBytes: string;
  progress: boolean;
  quiet?: boolean;
}

const ALERT_COLUMNS = [24, 8, 44, 22];

export function registerHunt(program: Command): void {
  addRuleLoadOptions(
    program
      .command('hunt')
      .description('Run rules over JSON, NDJSON or EVTX-as-JSON files, folders (recursive, .gz) or stdin')
      .requiredOption('-r, --rules <paths...>', 'rule files or folders')
      .argument('[inputs...]', 'input files or folders; - or nothing reads standard input'),
  )
    .option('--json', 'print alerts as NDJSON on stdout and the summary as JSON on stderr')
    .option('--logsource <spec>', 'log source of non-Windows records, e.g. product=aws,service=cloudtrail')
    .option(
      '--source <type>',
      `read records through a connector (ECS + its field mapping): auto, or one of ${CONNECTOR_TYPES.map((c) => c.id).join(', ')}`,
    )
    .option(
      '--max-record-bytes <n>',
      'largest record accepted; larger ones are reported and skipped',
      '1048576',
    )
    .option('--no-progress', 'do not show the progress line')
    .option('-q, --quiet', 'print only alerts and the summary (no skipped-record or rule-load messages)')
    .action(async (inputs: string[], flags: HuntFlags) => {
      process.exitCode = await hunt(inputs, flags);
    });
}

export async function hunt(inputs: string[], flags: HuntFlags): Promise<number> {
  const maxRecordBytes = Number(flags.maxRecordBytes);
  if (!Number.isInteger(maxRecordBytes) || maxRecordBytes <= 0) {
    process.stderr.write(`--max-record-bytes: '${flags.maxRecordBytes}' is not a positive integer\n`);
    return EXIT.usage;
  }
  let logsource;
  try {
    logsource = flags.logsource ? parseLogsourceOption(flags.logsource) : undefined;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const chosen = await chooseEvaluator(flags, logsource);
  if (typeof chosen === 'number') return chosen;
  const { evaluator, rulesLoaded, rulesFailed } = chosen;
  const progress = new ProgressLine(process.stderr);
  let header = false;
  const onAlert = (alert: Alert): void => {
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(alert)}\n`);
      return;
    }
    if (!header) {
      process.stdout.write(`${fixedRow(ALERT_COLUMNS, ['TIME', 'LEVEL', 'RULE', 'AUTHOR', 'MATCHED'])}\n`);
      header = true;
    }
    const matched = alert.matched.map((m) => `${m.field}=${display(m.value)}`).join(' ');
    process.stdout.write(
      `${fixedRow(ALERT_COLUMNS, [alert.timestamp, alert.rule.level, alert.rule.title, alert.rule.author, matched])}\n`,
    );
  };
  let summary: HuntSummary;
  try {
    summary = await runHunt({
      evaluator,
      inputs,
      maxRecordBytes,
      onAlert,
      onBadRecord: (bad) => {
        if (!flags.quiet) process.stderr.write(`skipped ${bad.source}:${bad.line}: ${bad.reason}\n`);
      },
      onProgress: flags.progress
        ? (p) => progress.update(`${p.records} records, ${p.alerts} alerts — ${p.file}`)
        : undefined,
    });
  } catch (error) {
    progress.done();
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  progress.done();
  printSummary(summary, rulesLoaded, rulesFailed, flags.json === true);
  return summary.alerts > 0 ? EXIT.findings : EXIT.ok;
}

interface ChosenEvaluator {
  evaluator: RecordEvaluator;
  rulesLoaded: number;
  rulesFailed: number;
}

/**
 * Without --source, records are read with Sigma's field names (Windows, CloudTrail, --logsource); with
 * --source, through a connector and its field mapping, as the pipeline would. Returns an exit code
 * when nothing can be hunted.
 */
async function chooseEvaluator(
  flags: HuntFlags,
  logsource: EventLogsource | undefined,
): Promise<ChosenEvaluator | number> {
  const report = (errors: Diagnostic[], failed: number): void => {
    if (flags.quiet || errors.length === 0) return;
    process.stderr.write(`${failed} rule(s) not loaded (run 'tripline rules lint' for all details):\n`);
    for (const d of errors.slice(0, 10)) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    if (errors.length > 10) process.stderr.write(`  … and ${errors.length - 10} more\n`);
  };
  if (flags.source) {
    const connector = flags.source === 'auto' ? undefined : connectorType(flags.source);
    if (flags.source !== 'auto' && !connector) {
      process.stderr.write(
        `--source: unknown connector type '${flags.source}' (known: auto, ${CONNECTOR_TYPES.map((c) => c.id).join(', ')})\n`,
      );
      return EXIT.usage;
    }
    const extraPipelines = (flags.pipeline ?? []).map((p) => resolve(p));
    const rules = await SourceRuleSets.load({
      rulePaths: flags.rules,
      placeholderPaths: flags.placeholders ?? [],
      sources: (connector ? [connector] : CONNECTOR_TYPES).map((c) => ({
        ...c,
        pipelines: [...c.pipelines, ...extraPipelines],
      })),
      baseDir: packageRoot(),
    });
    const summary = rules.summary;
    report(
      summary.diagnostics.filter((d) => d.severity === 'error'),
      summary.failed.length,
    );
    if ([...summary.rulesBySource.values()].every((n) => n === 0)) {
      process.stderr.write(
        `no rule applies to the log sources of ${flags.source === 'auto' ? 'any connector' : flags.source}; nothing to hunt with\n`,
      );
      return EXIT.usage;
    }
    return {
      evaluator: connectorEvaluator(rules, connector, CONNECTOR_TYPES),
      rulesLoaded: summary.rules - summary.failed.length,
      rulesFailed: summary.failed.length,
    };
  }
  const loaded = await loadRuleSet({
    rulePaths: flags.rules,
    pipelinePaths: flags.pipeline,
    placeholderPaths: flags.placeholders,
  });
  report(
    loaded.allDiagnostics.filter((d) => d.severity === 'error'),
    loaded.failed.length,
  );
  if (loaded.rules.length === 0) {
    process.stderr.write('no rule could be loaded; nothing to hunt with\n');
    return EXIT.usage;
  }
  return {
    evaluator: sigmaFieldEvaluator(new RuleIndex(loaded.rules), logsource),
    rulesLoaded: loaded.rules.length,
    rulesFailed: loaded.failed.length,
  };
}

function printSummary(summary: HuntSummary, rules: number, failed: number, json: boolean): void {
  const perRule = [...summary.alertsByRule.entries()].sort((a, b) => b[1].count - a[1].count);
  if (json) {
    const body = {
      summary: {
        files: summary.files,
        records: summary.records,
        badRecords: summary.badRecords,
        alerts: summary.alerts,
        rulesLoaded: rules,
        rulesFailed: failed,
        elapsedMs: summary.elapsedMs,
        alertsByRule: perRule.map(([id, r]) => ({ id, ...r })),
      },
    };
    process.stderr.write(`${JSON.stringify(body)}\n`);
    return;
  }
  const rate =
    summary.elapsedMs > 0 ? Math.round((summary.records / summary.elapsedMs) * 1000) : summary.records;
  process.stdout.write(
    `\n${summary.alerts} alert(s) from ${summary.records} record(s) in ${summary.files} file(s); ${summary.badRecords} skipped; ${rules} rules loaded${failed ? `, ${failed} failed` : ''}; ${(summary.elapsedMs / 1000).toFixed(2)} s (${rate} records/s)\n`,
  );
  if (perRule.length > 0) {
    const rows = perRule.map(([id, r]) => [String(r.count), r.level, r.title, r.author, id]);
    process.stdout.write(
      `\n${renderTable([{ header: 'ALERTS', align: 'right' }, { header: 'LEVEL' }, { header: 'RULE', maxWidth: 60 }, { header: 'AUTHOR', maxWidth: 30 }, { header: 'RULE ID' }], rows)}\n`,
    );
  }
}

function display(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
