/**
 * `npm run bench:pipeline`: the whole pipeline on a real Kafka broker, for each EventBus adapter —
 * raw Windows event records → connector stage (IngestStage, `windows-sysmon`) → events topic → detector stage
 * (DetectorStage in a consumer group, every SigmaHQ Windows rule plus the bundled detections) → alerts topic.
 *
 * Events: the engine bench's varied Sysmon corpus (sysmon-event-corpus.ts), each serialized as an EVTX-JSON
 * record and parsed again from that text on the way in, as an input would.
 *
 * Three measurements per client, each on fresh topics and a fresh consumer group:
 *  - throughput: N records pushed through the connector as fast as it takes them while the detector
 *    consumes; events/s = N / (first record handed to the connector → the broker holds the group's
 *    committed offsets at the end of every events partition, i.e. the detector finished and committed all);
 *  - latency: records handed to the connector at a fixed rate; each events message carries (header
 *    tripline-bench-t0) the time its record was due, and its latency runs from then to the moment the
 *    detector finished the message's batch — the batch's alerts and dead letters acknowledged by the broker
 *    (acks=all), just before its offsets are committed. Every event counts, alerting or not;
 *  - transport: the throughput run with both stages replaced by stand-ins (transport-stages.ts) that put
 *    the same events and alerts on Kafka and do nothing else: what the Kafka traffic alone costs.
 * Each run also reports the CPU time per event of the Node processes, and of the whole machine with how busy
 * its CPUs were (machine-cpu.ts): the broker's share, and whether the run was bound by the machine.
 *
 * Options: --client kafkajs|platformatic|rdkafka|all, or a comma-separated list (default all: rdkafka only
 * where its optional addon is built), --events <n> (200000), --rate <events/s>
 * (5000), --duration <s> (20), --partitions <n> (6), --detectors <n> detector instances (1; 0 runs
 * the detector on the connector's thread), --detector-placement process|thread (process, as deployed;
 * rdkafka runs in processes only), --inputs <n> connector inputs feeding the stage in parallel
 * (1), --only throughput|latency|transport, --compression lz4|snappy|gzip|none (lz4, the config default),
 * --concurrent-partitions <n> batches a detector handles at once (4, the config default),
 * --fetch-min-bytes <n> and --fetch-max-wait-ms <ms> for the consumers' fetches (the config defaults,
 * 262144 and 100), --sigma-dir <path>,
 * --json. The broker: KAFKA_BROKERS, else a local one started with test/infra/kafka/start-local-broker.sh.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { createKafkaBus } from '../adapters/kafka/kafka-bus';
import {
  DEFAULT_FETCH,
  KAFKA_CLIENTS,
  KAFKA_COMPRESSIONS,
  type KafkaCompression,
  type KafkaFetch,
} from '../adapters/kafka/kafka-connection';
import { rdkafkaAvailable } from '../adapters/kafka/rdkafka-module';
import { renderTable, type TableColumn } from '../cli/output/table';
import { packageRoot } from '../cli/package-root';
import type { IngestStage } from '../connectors/ingest/ingest-stage';
import type { InputRecord } from '../connectors/ingest/input-record';
import type { BusProducer, EventBus, OutgoingMessage, TopicSpec } from '../ports/event-bus';
import { benchBroker, type BenchBroker } from './pipeline-broker';
import {
  corpusEventMessages,
  sysmonIngestStage,
  STAMP_HEADER,
  type DetectorRun,
  type BusClient,
  type DetectorRunReport,
  type PipelineTopics,
  type RulesReport,
} from './pipeline-detector';
import { startDetectors, type DetectorHandle, type DetectorPlacement } from './pipeline-detector-pool';
import { loadRegressionEvents, varyEvents } from './sysmon-event-corpus';
import { machineCpuBetween, sampleMachineCpu } from './machine-cpu';
import { ReplayConnector } from './transport-stages';

interface Options {
  clients: BusClient[];
  events: number;
  rate: number;
  duration: number;
  partitions: number;
  detectors: number;
  placement: DetectorPlacement;
  inputs: number;
  runs: RunKind[];
  compression: KafkaCompression;
  /** The consumers' fetch sizing (the config's kafka.fetch_min_bytes and kafka.fetch_max_wait_ms). */
  fetch: KafkaFetch;
  concurrentPartitions: number;
  sigmaDir: string;
  json: boolean;
}

/** What a run cost in CPU time. */
interface RunCost {
  /**
   * CPU time of the bench process (connector, detector threads, Kafka clients, their native threads; not
   * the broker) per event, from the first record to the final commit, plus that of detector processes
   * from their subscription to their stop: what a run costs, however busy the machine is.
   */
  cpuMicrosPerEvent: number;
  /**
   * CPU time of the whole machine per event over the same interval: every process, the broker included
   * (undefined without /proc/stat). With `machineBusyShare` near 1, the run was bound by the machine's CPUs.
   */
  machineCpuMicrosPerEvent: number | undefined;
  machineBusyShare: number | undefined;
}

/** Where every event and alert of a run went. */
interface Accounting {
  /** Offsets of the events topic the detectors finished more than once (redeliveries). */
  duplicates: number;
  /** Offsets below the end of the events topic no detector finished. */
  missing: number;
  alertsRaised: number;
  alertsOnTopic: number;
  deadLetters: number;
  crashes: string[];
  errors: string[];
}

type Delivery = RunCost & Accounting;

interface ThroughputResult extends Delivery {
  client: BusClient;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Until the connector's last send was acknowledged. */
  produceSeconds: number;
  /** From the last acknowledged send until the detector's final commit was seen. */
  drainSeconds: number;
}

interface LatencyResult extends Delivery {
  client: BusClient;
  targetRate: number;
  events: number;
  achievedRate: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p50 and p99 of the latency's parts (see DetectorRunReport.parts). */
  parts: Record<'connector' | 'queued' | 'batch', { p50Ms: number; p99Ms: number }>;
}

const CONNECTOR_CLIENT_ID = 'tripline-bench-connector';
const DETECTOR_CLIENT_ID = 'tripline-bench-detector';
const COMMIT_TIMEOUT_MS = 10 * 60_000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const log = (line: string): void => void process.stderr.write(`[bench:pipeline] ${line}\n`);

/** How a placement is named in the report, singular and plural. */
const DETECTOR_PLACES: Record<DetectorPlacement, [string, string]> = {
  thread: ['worker thread', 'worker threads'],
  process: ['child process', 'child processes'],
};

type RunKind = 'throughput' | 'latency' | 'transport';
const RUN_KINDS: readonly RunKind[] = ['throughput', 'latency', 'transport'];

function placement(name: string, clients: readonly BusClient[]): DetectorPlacement {
  if (name !== 'thread' && name !== 'process') throw new Error('--detector-placement is thread or process');
  // A native addon that is not context-aware loads in one thread of a process only.
  if (name === 'thread' && clients.includes('rdkafka'))
    throw new Error(
      '--detector-placement thread cannot run rdkafka (node-rdkafka does not load in worker threads)',
    );
  return name;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}`);
    return n;
  };
  const client = value('--client') ?? 'all';
  const clients: BusClient[] =
    client === 'all'
      ? KAFKA_CLIENTS.filter((c) => c !== 'rdkafka' || rdkafkaAvailable())
      : client.split(',').map((name) => {
          if (!(KAFKA_CLIENTS as readonly string[]).includes(name))
            throw new Error(`--client is all or a list of ${KAFKA_CLIENTS.join(', ')}`);
          return name as BusClient;
        });
  const only = value('--only');
  if (only !== undefined && !(RUN_KINDS as readonly string[]).includes(only))
    throw new Error(`--only is one of ${RUN_KINDS.join(', ')}`);
  const compression = (value('--compression') ?? 'lz4') as KafkaCompression;
  if (!KAFKA_COMPRESSIONS.includes(compression))
    throw new Error(`--compression is one of ${KAFKA_COMPRESSIONS.join(', ')}`);
  return {
    clients,
    events: int('--events', 200_000, 1),
    rate: int('--rate', 5_000, 1),
    duration: int('--duration', 20, 1),
    partitions: int('--partitions', 6, 1),
    detectors: int('--detectors', 1, 0),
    placement: placement(value('--detector-placement') ?? 'process', clients),
    inputs: int('--inputs', 1, 1),
    runs: only ? [only as RunKind] : [...RUN_KINDS],
    compression,
    fetch: {
      minBytes: int('--fetch-min-bytes', DEFAULT_FETCH.minBytes, 1),
      maxWaitMs: int('--fetch-max-wait-ms', DEFAULT_FETCH.maxWaitMs, 0),
    },
    concurrentPartitions: int('--concurrent-partitions', 4, 1),
    sigmaDir: resolve(value('--sigma-dir') ?? resolve(packageRoot(), '..', 'shared', 'sigma')),
    json: argv.includes('--json'),
  };
}

/** What withRun feeds: IngestStage, or the ReplayConnector of `transport` runs. */
type ConnectorStage = Pick<IngestStage, 'ingest' | 'counts'>;

/** Distinct events a `transport` run replays in turn (the connector's output for as many corpus records). */
const REPLAYED_EVENTS = 20_000;

/** Everything a run shares: the broker, the corpus, the detectors and a neutral observer (kafkajs admin). */
class Bench {
  constructor(
    readonly options: Options,
    readonly brokers: string[],
    readonly lines: readonly string[],
    readonly detectors: readonly DetectorHandle[],
    readonly admin: Admin,
  ) {}

  private replayed: Promise<OutgoingMessage[]> | undefined;

  /** The connector's serialized events for `transport` runs, made once (not measured). */
  private eventMessages(): Promise<OutgoingMessage[]> {
    this.replayed ??= corpusEventMessages(this.options.sigmaDir, REPLAYED_EVENTS, 11);
    return this.replayed;
  }

  /**
   * N records through the pipeline as fast as it takes them. With `transport`, the stages are replaced by
   * ReplayConnector and ReplayDetector: the same events and alerts cross Kafka, and nothing else is done.
   */
  async throughput(client: BusClient, work: DetectorRun['work'] = 'rules'): Promise<ThroughputResult> {
    const count = this.options.events;
    const { inputs } = this.options;
    const run =
      work === 'rules'
        ? {
            kind: 'throughput' as const,
            records: (k: number) => inputRecords(this.lines, k, count, inputs),
            how: { work },
          }
        : {
            kind: 'transport' as const,
            records: (k: number) => placeholders(k, count, inputs),
            how: {
              work,
              stage: async (producer: BusProducer, topics: PipelineTopics) =>
                new ReplayConnector(producer, topics, await this.eventMessages()),
            },
          };
    return this.withRun(
      client,
      run.kind,
      async (connector) => {
        const start = performance.now();
        await Promise.all(Array.from({ length: inputs }, (_, k) => connector.ingest(run.records(k))));
        return { start, produced: performance.now() };
      },
      run.how,
    ).then(({ start, produced, committed, delivery }) => ({
      client,
      events: count,
      seconds: (committed - start) / 1000,
      eventsPerSecond: Math.round((count * 1000) / (committed - start)),
      produceSeconds: (produced - start) / 1000,
      drainSeconds: (committed - produced) / 1000,
      ...delivery,
    }));
  }

  async latency(client: BusClient): Promise<LatencyResult> {
    const { rate, duration } = this.options;
    const count = Math.min(this.lines.length, rate * duration);
    let stamp: string | undefined;
    const stamping = (producer: BusProducer, eventsTopic: string): BusProducer => ({
      send: (topic, messages) =>
        producer.send(
          topic,
          topic === eventsTopic && stamp !== undefined
            ? messages.map((m) => ({ ...m, headers: { ...m.headers, [STAMP_HEADER]: stamp as string } }))
            : messages,
        ),
      close: () => producer.close(),
    });
    return this.withRun(
      client,
      'latency',
      async (stage) => {
        // Wall-clock time: the detectors (other threads) read the stamps with Date.now().
        const start = Date.now();
        const startMono = performance.now();
        let sent = 0;
        while (sent < count) {
          const elapsed = Date.now() - start;
          const due = Math.min(count, Math.floor((elapsed * rate) / 1000) + 1);
          if (due <= sent) {
            await sleep(Math.max(1, Math.ceil(start + (sent * 1000) / rate - Date.now())));
            continue;
          }
          // The chunk's messages carry the time its first record was due: the earliest, so never flattering.
          stamp = String(start + (sent * 1000) / rate);
          await stage.ingest(inputRecords(this.lines, sent, due, 1));
          sent = due;
        }
        return { start: startMono, produced: performance.now() };
      },
      { wrap: stamping },
    ).then(({ start, produced, delivery, reports }) => {
      const latencies = Float64Array.from(reports.flatMap((r) => r.latencies)).sort();
      return {
        client,
        targetRate: rate,
        events: count,
        achievedRate: Math.round((count * 1000) / (produced - start)),
        samples: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies.length > 0 ? (latencies[latencies.length - 1] as number) : 0,
        parts: {
          connector: partPercentiles(reports.map((r) => r.parts.connector)),
          queued: partPercentiles(reports.map((r) => r.parts.queued)),
          batch: partPercentiles(reports.map((r) => r.parts.batch)),
        },
        ...delivery,
      };
    });
  }

  /**
   * One run on fresh topics and a fresh group: topics created through the client under test, detectors
   * subscribed and the group stable, then `produce` feeds the connector stage; the run ends when the
   * broker holds the group's commits at the end of every events partition.
   */
  private async withRun(
    client: BusClient,
    kind: string,
    produce: (stage: ConnectorStage) => Promise<{ start: number; produced: number }>,
    how: {
      /** Wraps the connector's producer (the latency run stamps its messages). */
      wrap?: (producer: BusProducer, eventsTopic: string) => BusProducer;
      /** The connector stage on the run's producer: the windows-sysmon IngestStage unless given. */
      stage?: (producer: BusProducer, topics: PipelineTopics) => Promise<ConnectorStage>;
      work?: DetectorRun['work'];
    } = {},
  ): Promise<{
    start: number;
    produced: number;
    committed: number;
    delivery: Delivery;
    reports: DetectorRunReport[];
  }> {
    const suffix = `${kind}-${client}-${randomBytes(4).toString('hex')}`;
    const topics: PipelineTopics = {
      events: `bench.events.${suffix}`,
      alerts: `bench.alerts.${suffix}`,
      deadletter: `bench.deadletter.${suffix}`,
    };
    const groupId = `bench-detector-${suffix}`;
    const specs: TopicSpec[] = [
      { name: topics.events, partitions: this.options.partitions, replicationFactor: 1 },
      { name: topics.alerts, partitions: this.options.partitions, replicationFactor: 1 },
      { name: topics.deadletter, partitions: 1, replicationFactor: 1 },
    ];
    const bus: EventBus = createKafkaBus(client, {
      brokers: this.brokers,
      clientId: CONNECTOR_CLIENT_ID,
      compression: this.options.compression,
      fetch: this.options.fetch,
    });
    const errors: string[] = [];
    let started = false;
    try {
      await bus.ensureTopics(specs);
      await Promise.all(
        this.detectors.map((d) =>
          d.start({
            client,
            brokers: this.brokers,
            compression: this.options.compression,
            fetch: this.options.fetch,
            topics,
            groupId,
            clientId: DETECTOR_CLIENT_ID,
            concurrentPartitions: this.options.concurrentPartitions,
            work: how.work ?? 'rules',
          }),
        ),
      );
      started = true;
      await this.waitForStableGroup(groupId);
      const producer = await bus.producer();
      const wrapped = how.wrap ? how.wrap(producer, topics.events) : producer;
      const stage = how.stage ? await how.stage(wrapped, topics) : sysmonIngestStage(wrapped, topics);
      log(`${client} ${kind}: producing`);
      let times = { start: performance.now(), produced: performance.now() };
      const cpu = process.cpuUsage();
      const machineAtStart = sampleMachineCpu();
      try {
        times = await produce(stage);
      } catch (error) {
        errors.push(`connector: ${(error as Error).message}`);
      }
      const committed = await this.waitForCommits(groupId, topics.events, stage.counts.events);
      const used = process.cpuUsage(cpu);
      const machine = machineCpuBetween(machineAtStart, sampleMachineCpu());
      if (committed === undefined) errors.push('the detectors did not commit every event in time');
      await producer.close().catch((error: Error) => errors.push(`producer close: ${error.message}`));
      const reports = await Promise.all(this.detectors.map((d) => d.stop()));
      const detectorProcessesCpu =
        this.options.placement === 'process' && this.options.detectors > 0
          ? reports.reduce((sum, r) => sum + r.processCpuMicros, 0)
          : 0;
      const perEvent = (micros: number): number => Math.round(micros / Math.max(1, stage.counts.records));
      const benchCpu = used.user + used.system;
      log(
        `${client} ${kind}: CPU per event ${perEvent(benchCpu)} µs in the bench process (connector), ` +
          `${perEvent(detectorProcessesCpu)} µs in detector processes`,
      );
      const cpuMicrosPerEvent = perEvent(benchCpu + detectorProcessesCpu);
      started = false;
      const delivery = {
        cpuMicrosPerEvent,
        machineCpuMicrosPerEvent: machine && perEvent(machine.busyMicros),
        machineBusyShare: machine?.busyShare,
        ...(await this.delivery(topics, reports, stage.counts.deadLetters, errors)),
      };
      return { ...times, committed: committed ?? performance.now(), delivery, reports };
    } finally {
      if (started) await Promise.allSettled(this.detectors.map((d) => d.stop()));
      await bus.close().catch(() => undefined);
      await this.admin
        .deleteTopics({ topics: specs.map((s) => s.name), timeout: 30_000 })
        .catch((error: Error) => log(`could not delete the run's topics: ${error.message}`));
    }
  }

  private async waitForStableGroup(groupId: string): Promise<void> {
    const members = this.detectors.length;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { groups } = await this.admin.describeGroups([groupId]);
      const group = groups[0];
      if (group?.state === 'Stable' && group.members.length === members) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} is not stable with ${members} members`);
      await sleep(100);
    }
  }

  /** Polls until the group's committed offsets reach the end of every events partition; the time seen. */
  private async waitForCommits(groupId: string, topic: string, events: number): Promise<number | undefined> {
    const deadline = Date.now() + COMMIT_TIMEOUT_MS;
    for (;;) {
      const [ends, [committed]] = await Promise.all([
        this.admin.fetchTopicOffsets(topic),
        this.admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const now = performance.now();
      const total = ends.reduce((sum, o) => sum + Number(o.high), 0);
      const done = ends.every((end) => {
        const c = committed?.partitions.find((p) => p.partition === end.partition);
        return c !== undefined && Number(c.offset) >= Number(end.high);
      });
      if (done && total >= events) return now;
      if (Date.now() > deadline) return undefined;
      await sleep(20);
    }
  }

  /** What arrived where: per-offset accounting of the events topic, and the alerts topic's length. */
  private async delivery(
    topics: PipelineTopics,
    reports: readonly DetectorRunReport[],
    connectorDeadLetters: number,
    errors: string[],
  ): Promise<Accounting> {
    const ends = await this.admin.fetchTopicOffsets(topics.events);
    let duplicates = 0;
    let missing = 0;
    for (const end of ends) {
      const high = Number(end.high);
      const seen = new Uint8Array(high);
      for (const report of reports) {
        for (const offset of report.finished[end.partition] ?? []) {
          if (offset >= high) continue;
          if ((seen[offset] as number) > 0) duplicates++;
          seen[offset] = 1;
        }
      }
      for (let i = 0; i < high; i++) if (seen[i] === 0) missing++;
    }
    const alerts = await this.admin.fetchTopicOffsets(topics.alerts);
    return {
      duplicates,
      missing,
      alertsRaised: reports.reduce((n, r) => n + r.counts.alerts, 0),
      alertsOnTopic: alerts.reduce((n, o) => n + Number(o.high), 0),
      deadLetters: connectorDeadLetters + reports.reduce((n, r) => n + r.counts.deadLetters, 0),
      crashes: reports.flatMap((r) => r.crashes),
      errors,
    };
  }
}

/** As many records as inputRecords would give, without content: a ReplayConnector does not read them. */
function* placeholders(from: number, to: number, step: number): Iterable<InputRecord> {
  const record: InputRecord = { ok: true, value: null, text: '', source: 'bench', position: 'replayed' };
  for (let i = from; i < to; i += step) yield record;
}

/** Records lines[from], lines[from + step], ... below `to`, parsed from their text as an input does. */
function* inputRecords(
  lines: readonly string[],
  from: number,
  to: number,
  step: number,
): Iterable<InputRecord> {
  for (let i = from; i < to; i += step) {
    const text = lines[i] as string;
    yield {
      ok: true,
      value: JSON.parse(text) as unknown,
      text,
      source: 'bench',
      position: `record ${i + 1}`,
    };
  }
}

function partPercentiles(values: readonly number[][]): { p50Ms: number; p99Ms: number } {
  const sorted = Float64Array.from(values.flat()).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = packageRoot();
  let broker: BenchBroker | undefined;
  let detectors: DetectorHandle[] = [];
  let admin: Admin | undefined;
  try {
    broker = await benchBroker(root, log);
    log(`broker ${broker.brokers.join(',')} (${broker.origin})`);
    const sources = await loadRegressionEvents(resolve(options.sigmaDir, 'regression_data'));
    const needed = Math.max(
      options.runs.includes('throughput') ? options.events : 0,
      options.rate * options.duration,
    );
    const lines = varyEvents(sources, needed).map((event) => JSON.stringify(event));
    const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    log(
      `corpus: ${lines.length} records (${(bytes / 1024 / 1024).toFixed(1)} MiB) from ${sources.length} regression events`,
    );
    log(`loading rules in ${Math.max(1, options.detectors)} detector(s)`);
    detectors = await startDetectors(options.detectors, options.placement, {
      sigmaDir: options.sigmaDir,
      baseDir: root,
      warmupEvents: 3_000,
    });
    await warmUpConnector(lines);
    const kafka = new Kafka({
      clientId: 'tripline-bench-observer',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
    const bench = new Bench(options, broker.brokers, lines, detectors, admin);

    const throughput: ThroughputResult[] = [];
    const latency: LatencyResult[] = [];
    const transport: ThroughputResult[] = [];
    for (const client of options.clients) {
      if (options.runs.includes('throughput')) {
        const result = await bench.throughput(client);
        log(`${client} throughput: ${result.eventsPerSecond} events/s`);
        throughput.push(result);
      }
      if (options.runs.includes('latency')) {
        const result = await bench.latency(client);
        log(`${client} latency: p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms`);
        latency.push(result);
      }
      if (options.runs.includes('transport')) {
        const result = await bench.throughput(client, 'transport');
        log(
          `${client} transport: ${result.eventsPerSecond} events/s, ${result.cpuMicrosPerEvent} µs of CPU each`,
        );
        transport.push(result);
      }
    }
    const rules = detectors[0]?.rules as RulesReport;
    const summary = {
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpuModel(),
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      broker: { brokers: broker.brokers, origin: broker.origin },
      partitions: options.partitions,
      compression: options.compression,
      fetch: options.fetch,
      detectors: options.detectors,
      detectorPlacement: options.placement,
      connectorInputs: options.inputs,
      rules,
      corpus: { records: lines.length, mebibytes: Number((bytes / 1024 / 1024).toFixed(1)) },
      throughput,
      latency,
      transport,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(renderReport(summary, options));
    }
    const failed = [...throughput, ...latency, ...transport].some(
      (r) => r.errors.length > 0 || r.crashes.length > 0 || r.missing > 0,
    );
    if (failed) process.exitCode = 2;
  } finally {
    await admin?.disconnect().catch(() => undefined);
    await Promise.allSettled(detectors.map((d) => d.close()));
    await broker?.stop();
  }
}

/** The connector's hot path (parsing, normalizing, serializing) before the first measured record. */
async function warmUpConnector(lines: readonly string[]): Promise<void> {
  const sink: BusProducer = { send: async () => undefined, close: async () => undefined };
  const stage = sysmonIngestStage(sink, { events: 'warmup', deadletter: 'warmup' });
  await stage.ingest(inputRecords(lines, 0, Math.min(lines.length, 3_000), 1));
}

/** The CPUs' model and clock as the OS reports them: machines of one size can differ in speed. */
function cpuModel(): string {
  const [first] = cpus();
  if (first === undefined) return 'unknown model';
  return first.speed > 0 ? `${first.model.trim()} at ${first.speed} MHz` : first.model.trim();
}

function renderReport(
  summary: {
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverageAtEnd: number[];
    broker: { brokers: string[]; origin: string };
    rules: RulesReport;
    corpus: { records: number; mebibytes: number };
    throughput: ThroughputResult[];
    latency: LatencyResult[];
    transport: ThroughputResult[];
  },
  options: Options,
): string {
  const out: string[] = [];
  const detectorsText =
    options.detectors === 0
      ? 'the detector on the connector thread'
      : `${options.detectors} detector ${DETECTOR_PLACES[options.placement][options.detectors > 1 ? 1 : 0]} (one consumer group)`;
  out.push(
    `tripline pipeline benchmark (${summary.node}, ${summary.cpus} CPUs: ${summary.cpuModel}, broker included)`,
  );
  out.push(`broker: ${summary.broker.brokers.join(',')} — ${summary.broker.origin}`);
  out.push(
    `rules: ${summary.rules.windowsRulesCompiled} compiled for windows-sysmon (${summary.rules.rulesLoaded} loaded, ` +
      `${summary.rules.rulesFailed} failed) from ${options.sigmaDir}/rules/windows + detections/ in ${summary.rules.compileMs} ms`,
  );
  out.push(
    `topics: ${options.partitions} partitions, ${options.compression}; fetches wait for ${Math.round(options.fetch.minBytes / 1024)} KiB or ${options.fetch.maxWaitMs} ms; connector: windows-sysmon, ${options.inputs} input(s); ${detectorsText}, ${options.concurrentPartitions} partitions at once each`,
  );
  out.push('');
  // The delivery columns both tables end with, and their cells.
  const DELIVERY_COLUMNS: TableColumn[] = [
    { header: 'CPU/EVENT', align: 'right' },
    { header: 'MACHINE CPU/EVENT', align: 'right' },
    { header: 'BUSY', align: 'right' },
    { header: 'ALERTS RAISED / ON TOPIC', align: 'right' },
    { header: 'DUPLICATES', align: 'right' },
    { header: 'MISSING', align: 'right' },
    { header: 'DEAD LETTERS', align: 'right' },
    { header: 'ERRORS', maxWidth: 60 },
  ];
  const delivered = (r: Delivery): string[] => [
    `${r.cpuMicrosPerEvent} µs`,
    r.machineCpuMicrosPerEvent === undefined ? 'n/a' : `${r.machineCpuMicrosPerEvent} µs`,
    r.machineBusyShare === undefined ? 'n/a' : `${Math.round(r.machineBusyShare * 100)}%`,
    `${r.alertsRaised} / ${r.alertsOnTopic}`,
    String(r.duplicates),
    String(r.missing),
    String(r.deadLetters),
    [...r.crashes, ...r.errors].join('; ') || 'none',
  ];
  const throughputTable = (results: readonly ThroughputResult[]): string =>
    renderTable(
      [
        { header: 'CLIENT' },
        { header: 'EVENTS/S', align: 'right' },
        { header: 'TOTAL', align: 'right' },
        { header: 'PRODUCED IN', align: 'right' },
        { header: 'DRAIN AFTER', align: 'right' },
        ...DELIVERY_COLUMNS,
      ],
      results.map((r) => [
        r.client,
        String(r.eventsPerSecond),
        `${r.seconds.toFixed(2)} s`,
        `${r.produceSeconds.toFixed(2)} s`,
        `${r.drainSeconds.toFixed(2)} s`,
        ...delivered(r),
      ]),
    );
  if (summary.throughput.length > 0) {
    out.push(
      `(a) throughput: ${options.events} records, first record in → last event committed by the detector`,
    );
    out.push(throughputTable(summary.throughput));
    out.push('');
  }
  if (summary.latency.length > 0) {
    out.push(
      `(b) latency at ${options.rate} events/s for ${options.duration} s: record due at the connector → ` +
        `detector's batch done (alerts acknowledged), every event`,
    );
    out.push(
      renderTable(
        [
          { header: 'CLIENT' },
          { header: 'EVENTS', align: 'right' },
          { header: 'RATE', align: 'right' },
          { header: 'P50', align: 'right' },
          { header: 'P99', align: 'right' },
          { header: 'MAX', align: 'right' },
          { header: 'P50|P99 CONNECTOR · KAFKA · BATCH', align: 'right' },
          ...DELIVERY_COLUMNS,
        ],
        summary.latency.map((r) => [
          r.client,
          `${r.samples}/${r.events}`,
          `${r.achievedRate}/s`,
          `${r.p50Ms.toFixed(0)} ms`,
          `${r.p99Ms.toFixed(0)} ms`,
          `${r.maxMs.toFixed(0)} ms`,
          (['connector', 'queued', 'batch'] as const)
            .map((k) => `${r.parts[k].p50Ms.toFixed(0)}|${r.parts[k].p99Ms.toFixed(0)}`)
            .join(' · '),
          ...delivered(r),
        ]),
      ),
    );
    out.push('');
  }
  if (summary.transport.length > 0) {
    out.push(
      `(c) Kafka traffic alone: the same ${options.events} events and their alerts produced, consumed and ` +
        'committed, with no parsing, normalizing or rules (what the stages leave of the machine)',
    );
    out.push(throughputTable(summary.transport));
    out.push('');
  }
  if (summary.latency.length > 0)
    out.push(
      'Latency parts (ms): due → Kafka create time (connector) · → batch start (Kafka, consumer) · → batch done (rules, alerts acked).',
    );
  out.push(
    'CPU/EVENT: CPU time per event of the bench process (all its threads) and of detector processes, first record → final commit; not the broker.',
  );
  out.push(
    'MACHINE CPU/EVENT: CPU time per event of the whole machine (every process, the broker included) over the same interval; BUSY: its share of all CPUs.',
  );
  out.push(`load average at the end: ${summary.loadAverageAtEnd.join(' ')}`);
  return `${out.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:pipeline failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
