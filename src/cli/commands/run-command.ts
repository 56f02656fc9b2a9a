import { appendFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MemoryBus } from '../../adapters/embedded/memory-bus';
import { createBus } from '../../app/pipeline/create-bus';
import { demoConfig } from '../../app/pipeline/demo-config';
import { runPipeline, type PipelineRole, type PipelineSummary } from '../../app/pipeline/run-pipeline';
import { loadConfig, type TriplineConfig } from '../../config/load-config';
import type { Alert } from '../../core/alert';
import { CONNECTOR_TYPES } from '../../connectors/registry';
import { EXIT } from '../exit-codes';
import { fixedRow } from '../output/fixed-row';
import { renderTable } from '../output/table';
import { packageRoot } from '../package-root';

interface RunFlags {
  config?: string;
  json?: boolean;
}

const ROLES: readonly PipelineRole[] = ['connector', 'detector', 'all'];
const ALERT_COLUMNS = [24, 8, 46, 20, 28];

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run pipeline stages: connector, detector, or all (embedded default without --config)')
    .argument('[role]', 'connector | detector | all', 'all')
    .option(
      '-c, --config <file>',
      'YAML configuration (without it: the embedded default over the bundled samples)',
    )
    .option('--json', 'print alerts as NDJSON on stdout and the summary as JSON on stderr')
    .action(async (role: string, flags: RunFlags) => {
      process.exitCode = await run(role, flags);
    });
}

export async function run(role: string, flags: RunFlags): Promise<number> {
  if (!(ROLES as readonly string[]).includes(role)) {
    process.stderr.write(`unknown role '${role}' (use ${ROLES.join(', ')})\n`);
    return EXIT.usage;
  }
  const root = packageRoot();
  let config: TriplineConfig;
  try {
    config = flags.config
      ? loadConfig(
          flags.config,
          CONNECTOR_TYPES.map((c) => c.id),
        )
      : demoConfig(root);
  } catch (error) {
    process.stderr.write(`tripline: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const bus = createBus(config, log);
  const printAlert = alertPrinter(flags.json === true, config.output.alerts_file);
  log(
    `tripline run ${role}: ${config.kafka ? `Kafka ${config.kafka.brokers.join(',')}` : 'embedded (in-process bus)'}, config ${config.file}`,
  );
  let pipeline;
  try {
    pipeline = await runPipeline({ config, role: role as PipelineRole, bus, baseDir: root, log });
  } catch (error) {
    log(`tripline: ${(error as Error).message}`);
    await bus.close();
    return EXIT.usage;
  }
  // Alerts are read back from the alerts topic, as any downstream consumer would read them.
  const wantsOutput = config.output.console || config.output.alerts_file !== undefined || flags.json === true;
  const output =
    role === 'connector' || !wantsOutput
      ? undefined
      : await bus.subscribe({
          groupId: 'tripline-alert-output',
          topics: [config.topics.alerts],
          fromBeginning: false,
          eachBatch: async (batch) => {
            for (const m of batch.messages)
              printAlert(JSON.parse(m.value?.toString('utf8') ?? '{}') as Alert);
          },
        });

  const finite = !flags.config || config.connectors.every((c) => c.input.file && !c.input.file.follow);
  if (role !== 'detector' && finite && !config.kafka) {
    await pipeline.inputsDone;
    if (bus instanceof MemoryBus) await bus.whenIdle();
  } else {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
  const summary = pipeline.summary();
  await output?.stop();
  await pipeline.stop();
  await bus.close();
  printSummary(summary, flags.json === true);
  return EXIT.ok;
}

function alertPrinter(json: boolean, file: string | undefined): (alert: Alert) => void {
  let header = false;
  return (alert) => {
    const line = JSON.stringify(alert);
    if (file) appendFileSync(file, `${line}\n`);
    if (json) {
      process.stdout.write(`${line}\n`);
      return;
    }
    if (!header) {
      process.stdout.write(`${fixedRow(ALERT_COLUMNS, ['TIME', 'LEVEL', 'RULE', 'AUTHOR', 'ENTITY'])}\n`);
      header = true;
    }
    const entity = alert.context ? `${alert.context.connector}:${alert.context.entityKey}` : alert.event.id;
    process.stdout.write(
      `${fixedRow(ALERT_COLUMNS, [alert.timestamp, alert.rule.level, alert.rule.title, alert.rule.author, entity])}\n`,
    );
  };
}

function printSummary(summary: PipelineSummary, json: boolean): void {
  if (json) {
    process.stderr.write(`${JSON.stringify({ summary })}\n`);
    return;
  }
  const rows = Object.entries(summary.connectors).map(([name, c]) => [
    name,
    String(c.records),
    String(c.events),
    String(c.deadLetters),
  ]);
  if (rows.length > 0) {
    process.stdout.write(
      `\n${renderTable(
        [
          { header: 'CONNECTOR' },
          { header: 'RECORDS', align: 'right' },
          { header: 'EVENTS', align: 'right' },
          { header: 'DEAD-LETTERED', align: 'right' },
        ],
        rows,
      )}\n`,
    );
  }
  if (summary.detector) {
    const d = summary.detector;
    process.stdout.write(
      `\ndetector: ${d.events} events evaluated, ${d.alerts} alerts, ${d.deadLetters} dead-lettered; ${summary.rules?.loaded ?? 0} rules loaded\n`,
    );
  }
}
