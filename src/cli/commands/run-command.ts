import type { Command } from 'commander';
import { MemoryBus } from '../../adapters/embedded/memory-bus';
import { createBus } from '../../app/pipeline/create-bus';
import { demoConfig } from '../../app/pipeline/demo-config';
import { runPipeline, type PipelineRole, type PipelineSummary } from '../../app/pipeline/run-pipeline';
import { loadConfig, type TriplineConfig } from '../../config/load-config';
import { startSinks } from '../../app/pipeline/start-sinks';
import { documentLine, type SinkDocument } from '../../ports/document-sink';
import { CONNECTOR_TYPES } from '../../connectors/registry';
import { EXIT } from '../exit-codes';
import { fixedRow } from '../output/fixed-row';
import { renderTable } from '../output/table';
import { packageRoot } from '../package-root';

interface RunFlags {
  config?: string;
  json?: boolean;
}

const ROLES: readonly string[] = ['connector', 'detector', 'sink', 'all'];
const ALERT_COLUMNS = [24, 8, 46, 20, 28];

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run pipeline stages: connector, detector, or all (embedded default without --config)')
    .argument('[role]', 'connector | detector | sink | all', 'all')
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
  log(
    `tripline run ${role}: ${config.kafka ? `Kafka ${config.kafka.brokers.join(',')}` : 'embedded (in-process bus)'}, config ${config.file}`,
  );
  let pipeline;
  try {
    pipeline =
      role === 'sink'
        ? undefined
        : await runPipeline({ config, role: role as PipelineRole, bus, baseDir: root, log });
  } catch (error) {
    log(`tripline: ${(error as Error).message}`);
    await bus.close();
    return EXIT.usage;
  }
  // Alerts are read back from the alerts topic by the sink stage, as in production: into Elasticsearch when
  // configured, else the console and the NDJSON file, with the documents Elasticsearch would store.
  const wantsOutput =
    config.elasticsearch !== undefined ||
    config.output.console ||
    config.output.alerts_file !== undefined ||
    flags.json === true;
  const sinks =
    (role === 'all' || role === 'sink') && wantsOutput
      ? await startSinks({
          config,
          bus,
          log,
          ...(config.output.console || flags.json ? { print: documentPrinter(flags.json === true) } : {}),
        })
      : undefined;
  const finite = !flags.config || config.connectors.every((c) => c.input.file && !c.input.file.follow);
  if (pipeline && role !== 'detector' && finite && !config.kafka) {
    await pipeline.inputsDone;
    if (bus instanceof MemoryBus) await bus.whenIdle();
  } else {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
  const summary = pipeline?.summary() ?? { connectors: {} };
  await sinks?.stop();
  await pipeline?.stop();
  await bus.close();
  printSummary(summary, flags.json === true);
  return EXIT.ok;
}

function documentPrinter(json: boolean): (document: SinkDocument) => void {
  let header = false;
  return (document) => {
    if (json) {
      process.stdout.write(`${documentLine(document)}\n`);
      return;
    }
    const body = JSON.parse(document.json.toString('utf8')) as Record<string, unknown>;
    if (!header) {
      process.stdout.write(`${fixedRow(ALERT_COLUMNS, ['TIME', 'SEVERITY', 'RULE', 'AUTHOR', 'ENTITY'])}\n`);
      header = true;
    }
    const rule = body['rule'] as { name: string; author: string[] };
    const kibana = body['kibana'] as { alert: { severity: string } };
    const event = (body['tripline'] as { event: { connector?: string; entity_key?: string; id: string } })
      .event;
    const entity = event.connector ? `${event.connector}:${event.entity_key ?? ''}` : event.id;
    process.stdout.write(
      `${fixedRow(ALERT_COLUMNS, [String(body['@timestamp']), kibana.alert.severity, rule.name, rule.author.join(', '), entity])}\n`,
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
