import { readFileSync } from 'node:fs';
import type { Alert } from '../../core/alert';
import type { ConnectorConfig, TriplineConfig } from '../../config/load-config';
import { connectorType, CONNECTOR_TYPES } from '../../connectors/registry';
import { IngestStage, type IngestCounts } from '../../connectors/ingest/ingest-stage';
import type { InputRecord } from '../../connectors/ingest/input-record';
import { readFileInputs } from '../../connectors/inputs/file-input';
import { startHttpReceiver, type HttpReceiver } from '../../connectors/inputs/http-receiver';
import { DetectorStage, type DetectorCounts } from '../../detection/engine/detector-stage';
import type { BusConsumer, BusProducer, EventBus, IncomingMessage } from '../../ports/event-bus';
import { RuleSetHolder } from './rule-set-holder';
import { pipelineTopics } from './topics';

export type PipelineRole = 'connector' | 'detector' | 'all';

export interface PipelineOptions {
  config: TriplineConfig;
  role: PipelineRole;
  bus: EventBus;
  /** Where relative rule and pipeline paths are resolved (the package root). */
  baseDir: string;
  /** Status lines for people (start-up, reloads, input errors). */
  log(line: string): void;
  /** Every alert the detector raises, as it is raised. */
  onAlert?(alert: Alert): void;
}

export interface PipelineSummary {
  connectors: Record<string, IngestCounts>;
  detector?: DetectorCounts;
  rules?: { loaded: number; failed: number; bySource: Record<string, number> };
}

export interface RunningPipeline {
  /** Resolves when every finite input (files without follow, stdin) is read and acknowledged. */
  inputsDone: Promise<void>;
  /** HTTP receivers by connector name (their URLs). */
  receivers: ReadonlyMap<string, HttpReceiver>;
  summary(): PipelineSummary;
  /** Stops inputs, consumers and producers, in that order. */
  stop(): Promise<void>;
}

/**
 * Starts the stages of a role on a bus: connectors (inputs → normalize → events topic) and/or the
 * detector (events topic → rules → alerts topic). The same code runs on Kafka and on the in-process bus.
 */
export async function runPipeline(options: PipelineOptions): Promise<RunningPipeline> {
  const { config, bus } = options;
  await bus.ensureTopics(pipelineTopics(config));
  const producer = await bus.producer();
  const abort = new AbortController();
  const consumers: BusConsumer[] = [];
  const receivers = new Map<string, HttpReceiver>();
  const ingestStages = new Map<string, IngestStage>();
  const finiteInputs: Promise<void>[] = [];
  let detector: DetectorStage | undefined;
  let holder: RuleSetHolder | undefined;

  if (options.role === 'detector' || options.role === 'all') {
    holder = await RuleSetHolder.load({
      rulePaths: config.detector.rules,
      placeholderPaths: config.detector.placeholders,
      sources: CONNECTOR_TYPES,
      baseDir: options.baseDir,
      onReload: (report) => options.log(report.message),
    });
    const summary = holder.rules.summary;
    options.log(
      `detector: ${summary.rules} rules loaded` +
        (summary.failed.length > 0
          ? `, ${summary.failed.length} could not be compiled (see tripline rules lint)`
          : ''),
    );
    if (config.detector.hot_reload) holder.watch();
    const rules = holder;
    const stage = new DetectorStage(producer, config.topics, () => rules.rules, options.onAlert);
    detector = stage;
    consumers.push(
      await bus.subscribe({
        groupId: config.detector.group_id,
        topics: [config.topics.events],
        fromBeginning: true,
        eachBatch: (batch) => stage.handleBatch(batch),
        concurrentPartitions: config.detector.concurrent_partitions,
        onCrash: (error) => options.log(`detector: consumer stopped: ${error.message}`),
      }),
    );
  }

  if (options.role === 'connector' || options.role === 'all') {
    for (const connector of config.connectors) {
      const stage = new IngestStage({
        producer,
        topics: config.topics,
        connector: connector.type === 'auto' ? undefined : connectorType(connector.type),
        candidates: CONNECTOR_TYPES,
        maxOriginalBytes: connector.max_original_bytes,
      });
      ingestStages.set(connector.name, stage);
      const started = await startInput(connector, stage, {
        bus,
        producer,
        abort: abort.signal,
        log: options.log,
      });
      if (started.finite) finiteInputs.push(started.finite);
      if (started.receiver) receivers.set(connector.name, started.receiver);
      if (started.consumer) consumers.push(started.consumer);
    }
  }

  return {
    inputsDone: Promise.all(finiteInputs).then(() => undefined),
    receivers,
    summary: () => ({
      connectors: Object.fromEntries([...ingestStages].map(([name, stage]) => [name, { ...stage.counts }])),
      ...(detector ? { detector: { ...detector.counts } } : {}),
      ...(holder
        ? {
            rules: {
              loaded: holder.rules.summary.rules,
              failed: holder.rules.summary.failed.length,
              bySource: Object.fromEntries(holder.rules.summary.rulesBySource),
            },
          }
        : {}),
    }),
    stop: async () => {
      abort.abort();
      holder?.close();
      await Promise.all([...receivers.values()].map((r) => r.close()));
      await Promise.allSettled(finiteInputs);
      for (const consumer of consumers) await consumer.stop();
      await producer.close();
    },
  };
}

interface InputContext {
  bus: EventBus;
  producer: BusProducer;
  abort: AbortSignal;
  log(line: string): void;
}

interface StartedInput {
  finite?: Promise<void>;
  receiver?: HttpReceiver;
  consumer?: BusConsumer;
}

async function startInput(
  connector: ConnectorConfig,
  stage: IngestStage,
  ctx: InputContext,
): Promise<StartedInput> {
  const input = connector.input;
  const name = `connector ${connector.name}`;
  if (input.file || input.stdin) {
    const reading = stage
      .ingest(
        readFileInputs({
          paths: input.file ? input.file.paths : ['-'],
          follow: input.file?.follow ?? false,
          maxRecordBytes: connector.max_record_bytes,
          signal: ctx.abort,
        }),
      )
      .catch((error: unknown) => ctx.log(`${name}: input stopped: ${(error as Error).message}`));
    return input.file?.follow ? {} : { finite: reading };
  }
  if (input.http) {
    const [host, port] = splitHostPort(input.http.listen);
    const receiver = await startHttpReceiver({
      host,
      port,
      token: connector.token?.reveal() ?? '',
      maxBodyBytes: input.http.max_body_bytes,
      maxRecordBytes: connector.max_record_bytes,
      ...(input.http.tls
        ? {
            tls: {
              cert: readFileSync(input.http.tls.cert_file, 'utf8'),
              key: readFileSync(input.http.tls.key_file, 'utf8'),
            },
          }
        : {}),
      ingest: (records) => stage.ingest(records),
    });
    ctx.log(`${name}: listening on ${receiver.url}`);
    return { receiver };
  }
  if (input.kafka) {
    const topic = input.kafka.topic;
    const consumer = await ctx.bus.subscribe({
      groupId: input.kafka.group_id,
      topics: [topic],
      fromBeginning: true,
      eachBatch: (batch) =>
        stage.ingest(batch.messages.map((m) => rawTopicRecord(m, connector.max_record_bytes))),
      onCrash: (error) => ctx.log(`${name}: consumer stopped: ${error.message}`),
    });
    return { consumer };
  }
  throw new Error(`${name}: no input configured`);
}

/** A message of a raw topic: one JSON document (or NDJSON text is not expected here). */
function rawTopicRecord(message: IncomingMessage, maxRecordBytes: number): InputRecord {
  const source = `kafka:${message.topic}`;
  const position = `partition ${message.partition}, offset ${message.offset}`;
  const value = message.value ?? Buffer.alloc(0);
  if (value.length > maxRecordBytes) {
    return {
      ok: false,
      source,
      position,
      code: 'record.too_large',
      reason: `record exceeds ${maxRecordBytes} bytes`,
      payload: value,
    };
  }
  const text = value.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text), source, position, text };
  } catch (error) {
    return {
      ok: false,
      source,
      position,
      code: 'record.malformed',
      reason: (error as Error).message,
      payload: value,
    };
  }
}

function splitHostPort(listen: string): [string, number] {
  const at = listen.lastIndexOf(':');
  return [listen.slice(0, at) || '0.0.0.0', Number(listen.slice(at + 1))];
}
