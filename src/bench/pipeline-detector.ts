/**
 * One detector instance of the pipeline bench: all Windows rules compiled for the `windows-sysmon`
 * connector, a DetectorStage on a real Kafka bus, subscribed to the events topic in a consumer group. It runs
 * in a worker thread (pipeline-detector-worker.ts) or on the bench's own thread; both use this class.
 *
 * Besides the stage's own counts it records, per run, every (partition, offset) it finished (to find
 * duplicates and gaps across instances) and, for messages stamped by the bench, the time from the stamp to
 * the moment the stage's batch was done: its alerts and dead letters acknowledged by the broker.
 */
import { join } from 'node:path';
import { createKafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaClient, KafkaCompression, KafkaFetch } from '../adapters/kafka/kafka-connection';
import { IngestStage, type IngestTopics } from '../connectors/ingest/ingest-stage';
import { windowsSysmonConnector } from '../connectors/windows-sysmon';
import { DetectorStage, type DetectorCounts } from '../detection/engine/detector-stage';
import { SourceRuleSets } from '../detection/engine/source-rule-sets';
import type {
  BusConsumer,
  BusProducer,
  EventBus,
  IncomingMessage,
  OutgoingMessage,
} from '../ports/event-bus';
import { loadRegressionEvents, varyEvents } from './sysmon-event-corpus';
import { ReplayDetector } from './transport-stages';

export type BusClient = KafkaClient;

/** Header the bench puts on events messages: when the record was due to enter the connector (epoch ms). */
export const STAMP_HEADER = 'tripline-bench-t0';

export interface PipelineTopics {
  events: string;
  alerts: string;
  deadletter: string;
}

/** What a detector needs to load its rules (plain data: it crosses to worker threads). */
export interface DetectorSetup {
  sigmaDir: string;
  /** The package root: bundled detections and the connector's pipeline files. */
  baseDir: string;
  /** Events run through the stage (without a bus) before the first run, so V8 has optimised the hot path. */
  warmupEvents: number;
}

export interface DetectorRun {
  client: BusClient;
  /** Plaintext connection only: Secret values do not cross to worker threads. */
  brokers: string[];
  compression: KafkaCompression;
  fetch: KafkaFetch;
  topics: PipelineTopics;
  groupId: string;
  clientId: string;
  /** Partitions whose batches the detector handles at once (the detector config's concurrent_partitions). */
  concurrentPartitions: number;
  /**
   * `rules`: the DetectorStage. `transport`: no stage work, only the alerts the rules would raise (a
   * ReplayDetector with the alerts of the warm-up), to measure what the Kafka traffic alone costs.
   */
  work: 'rules' | 'transport';
}

export interface DetectorRunReport {
  counts: DetectorCounts;
  batches: number;
  /** Offsets whose batch the stage finished, per partition of the events topic (in the order finished). */
  finished: Record<number, number[]>;
  /** Milliseconds from STAMP_HEADER to the end of the message's batch, for stamped messages. */
  latencies: number[];
  /**
   * The same latencies in three parts: STAMP_HEADER → the message's Kafka timestamp (its producer's create
   * time: the connector stage), → the start of its batch (Kafka and the consumer), → the batch done (rules,
   * alerts acknowledged).
   */
  parts: { connector: number[]; queued: number[]; batch: number[] };
  crashes: string[];
  /**
   * CPU time (µs) of this detector's process from its subscription to its stop; counted by the bench only
   * for detectors in child processes (a worker thread's CPU is already in the bench process's own).
   */
  processCpuMicros: number;
}

export interface RulesReport {
  rulesLoaded: number;
  rulesFailed: number;
  compileMs: number;
  windowsRulesCompiled: number;
}

export function rulePaths(setup: Pick<DetectorSetup, 'sigmaDir' | 'baseDir'>): string[] {
  return [join(setup.sigmaDir, 'rules', 'windows'), join(setup.baseDir, 'detections')];
}

export class BenchDetector {
  private bus: EventBus | undefined;
  private producer: BusProducer | undefined;
  private consumer: BusConsumer | undefined;
  private report: DetectorRunReport | undefined;
  private cpuAtStart: NodeJS.CpuUsage | undefined;
  /** The alerts the rules raised on the warm-up events, and how many per event: what `transport` replays. */
  private readonly warmUpAlerts: OutgoingMessage[] = [];
  private alertsPerEvent = 0;

  private constructor(
    private readonly rules: SourceRuleSets,
    readonly rulesReport: RulesReport,
  ) {}

  static async load(setup: DetectorSetup): Promise<BenchDetector> {
    const start = process.hrtime.bigint();
    const rules = await SourceRuleSets.load({
      rulePaths: rulePaths(setup),
      sources: [windowsSysmonConnector],
      baseDir: setup.baseDir,
    });
    const compileMs = Number(process.hrtime.bigint() - start) / 1e6;
    const detector = new BenchDetector(rules, {
      rulesLoaded: rules.summary.rules,
      rulesFailed: rules.summary.failed.length,
      compileMs: Math.round(compileMs),
      windowsRulesCompiled: rules.summary.rulesBySource.get(windowsSysmonConnector.id) ?? 0,
    });
    await detector.warmUp(setup);
    return detector;
  }

  /** Subscribes a fresh stage to the run's events topic; resolves once subscribed. */
  async start(run: DetectorRun): Promise<void> {
    const bus = createKafkaBus(run.client, {
      brokers: run.brokers,
      clientId: run.clientId,
      compression: run.compression,
      fetch: run.fetch,
    });
    this.bus = bus;
    const producer = await bus.producer();
    this.producer = producer;
    const report = emptyReport();
    this.report = report;
    this.cpuAtStart = process.cpuUsage();
    const rules = this.rules;
    const stage =
      run.work === 'rules'
        ? new DetectorStage(producer, run.topics, () => rules)
        : new ReplayDetector(producer, run.topics, this.warmUpAlerts, this.alertsPerEvent);
    this.consumer = await bus.subscribe({
      groupId: run.groupId,
      topics: [run.topics.events],
      fromBeginning: true,
      concurrentPartitions: run.concurrentPartitions,
      eachBatch: async (batch) => {
        const begun = Date.now();
        await stage.handleBatch(batch);
        const done = Date.now();
        report.batches++;
        const offsets = (report.finished[batch.partition] ??= []);
        for (const message of batch.messages) {
          offsets.push(Number(message.offset));
          const stamp = message.headers[STAMP_HEADER];
          if (stamp === undefined) continue;
          report.latencies.push(done - Number(stamp));
          report.parts.connector.push(message.timestamp - Number(stamp));
          report.parts.queued.push(begun - message.timestamp);
          report.parts.batch.push(done - begun);
        }
        report.counts = { ...stage.counts };
      },
      onCrash: (error) => report.crashes.push(error.message),
    });
  }

  /** Stops the consumer (its batch in progress finishes and commits) and closes the bus. */
  async stop(): Promise<DetectorRunReport> {
    await this.consumer?.stop().catch((error: Error) => this.report?.crashes.push(`stop: ${error.message}`));
    await this.producer?.close().catch(() => undefined);
    await this.bus?.close().catch(() => undefined);
    const report = this.report ?? emptyReport();
    const cpu = process.cpuUsage(this.cpuAtStart);
    report.processCpuMicros = cpu.user + cpu.system;
    this.bus = undefined;
    this.producer = undefined;
    this.consumer = undefined;
    this.report = undefined;
    return report;
  }

  /**
   * The stage's hot path (JSON parsing, rule evaluation, alert building) on events from the corpus, with a
   * producer that acknowledges at once: nothing reaches Kafka. Its alerts are kept for `transport` runs.
   */
  private async warmUp(setup: DetectorSetup): Promise<void> {
    if (setup.warmupEvents <= 0) return;
    const sink: BusProducer = {
      send: async (topic, messages) =>
        void (topic === 'warmup.alerts' && this.warmUpAlerts.push(...messages)),
      close: async () => undefined,
    };
    const messages = await corpusEventMessages(setup.sigmaDir, setup.warmupEvents, 7);
    const rules = this.rules;
    const stage = new DetectorStage(sink, { alerts: 'warmup.alerts', deadletter: 'warmup' }, () => rules);
    for (let i = 0; i < messages.length; i += 500) {
      await stage.handleBatch({
        topic: 'warmup',
        partition: 0,
        messages: messages.slice(i, i + 500).map((m, j) => incomingOf(m, i + j)),
      });
    }
    this.alertsPerEvent = this.warmUpAlerts.length / messages.length;
  }
}

/** The bench's connector stage: windows-sysmon records, `event.original` capped at 16 KiB. */
export function sysmonIngestStage(producer: BusProducer, topics: IngestTopics): IngestStage {
  return new IngestStage({
    producer,
    topics,
    connector: windowsSysmonConnector,
    candidates: [windowsSysmonConnector],
    maxOriginalBytes: 16 * 1024,
  });
}

function emptyReport(): DetectorRunReport {
  return {
    counts: { events: 0, alerts: 0, deadLetters: 0 },
    batches: 0,
    finished: {},
    latencies: [],
    parts: { connector: [], queued: [], batch: [] },
    crashes: [],
    processCpuMicros: 0,
  };
}

/** Corpus records as the connector stage turns them into events messages (no bus involved). */
export async function corpusEventMessages(
  sigmaDir: string,
  count: number,
  seed: number,
): Promise<OutgoingMessage[]> {
  const sources = await loadRegressionEvents(join(sigmaDir, 'regression_data'));
  const messages: OutgoingMessage[] = [];
  const sink: BusProducer = {
    send: async (_topic, batch) => void messages.push(...batch),
    close: async () => undefined,
  };
  const stage = sysmonIngestStage(sink, { events: 'warmup', deadletter: 'warmup' });
  const records = varyEvents(sources, count, seed).map((value, i) => {
    const text = JSON.stringify(value);
    return {
      ok: true as const,
      value: JSON.parse(text) as unknown,
      text,
      source: 'warmup',
      position: `${i}`,
    };
  });
  await stage.ingest(records);
  return messages;
}

function incomingOf(message: OutgoingMessage, offset: number): IncomingMessage {
  return {
    topic: 'warmup',
    partition: 0,
    offset: String(offset),
    key: message.key === null ? null : Buffer.from(message.key),
    value: Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value),
    headers: { ...message.headers },
    timestamp: Date.now(),
  };
}
