import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { ElasticsearchDocumentSink } from '../adapters/elasticsearch/es-document-sink';
import { clusterCapabilities, installTemplates } from '../adapters/elasticsearch/index-templates';
import { SinkStage } from '../alerts/sink-stage';
import { alertMessageDocuments } from '../app/pipeline/alert-output';
import type { Alert } from '../core/alert';
import { renderTable, type TableColumn } from '../cli/output/table';
import { inLanes } from '../core/async/in-lanes';
import type { IncomingMessage } from '../ports/event-bus';
import { newestJdk } from './newest-jdk';

/**
 * `npm run bench:sink`: alerts/s through the sink stage into Elasticsearch — alert messages parsed, turned
 * into alert documents and bulk-created by id — for several bulk sizes. Uses ELASTICSEARCH_URL, else starts
 * the local single node of the test harness (test/infra/elasticsearch/start-local-es.sh) and stops it after.
 * BENCH_ALERTS (100000), BENCH_BULK_SIZES (500,1000,2000,5000), BENCH_CONCURRENT_WRITES (3, the
 * sink.concurrent_writes default), BENCH_KAFKA_BATCH (alerts per consumed batch, 30000) and
 * BENCH_CONCURRENT_PARTITIONS (2, the sink.concurrent_partitions default) change the run. Passes of
 * BENCH_WARMUP alerts (300000) before the measured ones bring the node and this process to their steady
 * state: after 50,000 the node's JIT was still at work, and the first bulk sizes measured came out a third
 * slower than the same sizes measured again later in the run.
 *
 * The alerts arrive as the sink's consumer hands them over when alerts are waiting on a topic of several
 * partitions: with 4 MiB per partition and fetch, both Kafka clients deliver 30,000-35,000 of these alerts
 * (~860 bytes, LZ4) per batch from the local broker, and the stage stores the batches of
 * BENCH_CONCURRENT_PARTITIONS partitions at once, each partition's one after the other (a batch's offsets
 * are committed once all of it is stored). With one partition at a time the stage waits for the last
 * requests of each batch before it starts the next: BENCH_CONCURRENT_PARTITIONS=1 measures that.
 */
const ALERTS = Number(process.env['BENCH_ALERTS'] ?? 100_000);
const BULK_SIZES = (process.env['BENCH_BULK_SIZES'] ?? '500,1000,2000,5000').split(',').map(Number);
const CONCURRENT_WRITES = Number(process.env['BENCH_CONCURRENT_WRITES'] ?? 3);
const KAFKA_BATCH = Number(process.env['BENCH_KAFKA_BATCH'] ?? 30_000);
const CONCURRENT_PARTITIONS = Number(process.env['BENCH_CONCURRENT_PARTITIONS'] ?? 2);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 300_000);

interface Row {
  bulk: number;
  alertsPerSecond: number;
  seconds: number;
  requests: number;
  stored: number;
  /** CPU time of this process (parsing alert messages, writing documents, HTTP) per alert. */
  sinkCpuMicros: number;
  /** CPU time of the Elasticsearch node per alert, from its own process statistics. */
  nodeCpuMicros: number;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const server = await elasticsearch();
  const client = new Client({ node: server.url, maxRetries: 0, requestTimeout: 120_000 });
  try {
    await installTemplates(client, await clusterCapabilities(client));
    const messages = alertMessages(ALERTS);
    const rows: Row[] = [];
    // Passes into throwaway indices, not measured: the node's JIT and this process's reach their steady
    // state, so the first bulk size measured is not the one that paid for the warm-up.
    for (let warmed = 0; warmed < WARMUP; warmed += ALERTS)
      await run(client, messages.slice(0, Math.min(ALERTS, WARMUP - warmed)), 1000);
    for (const bulk of BULK_SIZES) rows.push(await run(client, messages, bulk));
    if (json) {
      const settings = {
        concurrentWrites: CONCURRENT_WRITES,
        kafkaBatch: KAFKA_BATCH,
        concurrentPartitions: CONCURRENT_PARTITIONS,
        warmup: WARMUP,
      };
      process.stdout.write(
        `${JSON.stringify({ alerts: ALERTS, server: server.description, ...settings, rows })}\n`,
      );
    } else {
      process.stdout.write(
        `sink benchmark: ${ALERTS} alerts into ${server.description}, ${CONCURRENT_WRITES} bulk requests in flight, ` +
          `batches of ${KAFKA_BATCH} alerts from ${CONCURRENT_PARTITIONS} partitions at once, after a warm-up of ${WARMUP}\n\n`,
      );
      const right = (header: string): TableColumn => ({ header, align: 'right' });
      const table = renderTable(
        ['BULK SIZE', 'ALERTS/S', 'SECONDS', 'REQUESTS', 'STORED', 'SINK CPU/ALERT', 'NODE CPU/ALERT'].map(
          right,
        ),
        rows.map((r) => [
          String(r.bulk),
          String(r.alertsPerSecond),
          r.seconds.toFixed(2),
          String(r.requests),
          String(r.stored),
          `${r.sinkCpuMicros} µs`,
          `${r.nodeCpuMicros} µs`,
        ]),
      );
      process.stdout.write(`${table}\n`);
    }
  } finally {
    await client.close();
    await server.stop();
  }
}

/** One pass of `messages` through a fresh sink stage into a fresh index, deleted afterwards. */
async function run(client: Client, messages: readonly IncomingMessage[], bulk: number): Promise<Row> {
  const index = `logs-tripline.alerts-bench${randomBytes(3).toString('hex')}`;
  const stage = new SinkStage({
    sink: new ElasticsearchDocumentSink(client, index),
    producer: { send: async () => undefined, close: async () => undefined },
    deadletterTopic: 'unused',
    toDocument: alertMessageDocuments(true),
    maxBatchDocuments: bulk,
    concurrentWrites: CONCURRENT_WRITES,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const perPartition = Math.ceil(messages.length / CONCURRENT_PARTITIONS);
  const partitions = Array.from({ length: CONCURRENT_PARTITIONS }, (_, partition) => ({
    partition,
    messages: messages.slice(partition * perPartition, (partition + 1) * perPartition),
  }));
  const nodeCpuBefore = await nodeCpuMillis(client);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await inLanes(partitions, CONCURRENT_PARTITIONS, async ({ partition, messages: queue }) => {
    for (let i = 0; i < queue.length; i += KAFKA_BATCH) {
      await stage.handleBatch({ topic: 'alerts', partition, messages: queue.slice(i, i + KAFKA_BATCH) });
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpu = (await nodeCpuMillis(client)) - nodeCpuBefore;
  await client.indices.refresh({ index });
  const stored = (await client.count({ index })).count;
  await client.indices.delete({ index });
  return {
    bulk,
    alertsPerSecond: Math.round(messages.length / seconds),
    seconds: Number(seconds.toFixed(2)),
    requests: stage.counts.writeSizes.length,
    stored,
    sinkCpuMicros: Math.round((cpu.user + cpu.system) / messages.length),
    nodeCpuMicros: Math.round((nodeCpu * 1000) / messages.length),
  };
}

/** How long the node reuses its process statistics (`monitor.process.refresh_interval`), with a margin. */
const NODE_STATS_CACHE_MS = 1200;
let lastNodeStatsRead = 0;

/**
 * The node's process CPU time so far (the OS's count, which the node reports in its statistics). A read
 * within a second of the last one would get the cached figure, so it waits until the cache has expired.
 */
async function nodeCpuMillis(client: Client): Promise<number> {
  const wait = lastNodeStatsRead + NODE_STATS_CACHE_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastNodeStatsRead = Date.now();
  const stats = await client.nodes.stats({ metric: 'process' });
  return Object.values(stats.nodes).reduce((sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0), 0);
}

function alertMessages(n: number): IncomingMessage[] {
  const out: IncomingMessage[] = [];
  for (let i = 0; i < n; i++) {
    const alert: Alert = {
      id: randomBytes(20).toString('hex'),
      timestamp: new Date(Date.UTC(2026, 10, 20) + i * 100).toISOString(),
      rule: {
        id: `rule-${i % 40}`,
        title: `Bench rule ${i % 40}`,
        level: ['low', 'medium', 'high', 'critical'][i % 4] as string,
        author: 'tripline',
        tags: ['attack.credential-access', 'attack.t1552.001', 'atlas.aml.t0055', 'owasp.llm02'],
        references: ['https://example.org/rule'],
        falsepositives: [],
        file: 'detections/bench.yml',
      },
      event: { id: `evt-${i}`, logsource: { product: 'aws', categories: [], services: ['cloudtrail'] } },
      matched: [{ field: 'aws.cloudtrail.raw.eventName', value: 'CreateAccessKey', matchedBy: 'equals' }],
      context: {
        connector: 'aws-cloudtrail',
        entityKey: `AKIA${i % 500}`,
        entity: {
          user: { name: `user-${i % 500}` },
          source: { ip: `10.0.${(i >> 8) & 255}.${i & 255}` },
          cloud: { account: { id: '111122223333' } },
        },
        action: 'CreateAccessKey',
        originalExcerpt: JSON.stringify({
          eventName: 'CreateAccessKey',
          eventID: `evt-${i}`,
          awsRegion: 'us-east-1',
        }),
      },
    };
    out.push({
      topic: 'alerts',
      partition: 0,
      offset: String(i),
      key: Buffer.from(alert.id),
      value: Buffer.from(JSON.stringify(alert)),
      headers: {},
      timestamp: 0,
    });
  }
  return out;
}

async function elasticsearch(): Promise<{ url: string; description: string; stop(): Promise<void> }> {
  const url = process.env['ELASTICSEARCH_URL'];
  if (url) return { url, description: url, stop: async () => undefined };
  const root = join(__dirname, '..', '..');
  const run = mkdtempSync(join(tmpdir(), 'tripline-bench-es-'));
  // A benchmark wants the server's steady state: full JIT and both cores (the test harness trades them for a
  // faster start and room for Kafka), and a 4 GiB heap (a default install sizes it itself to half the RAM,
  // 12 GiB on a 24 GiB machine; 4 leaves room for Kafka). With 1 GiB the node flushes and merges more
  // often.
  // And a current JDK, as an install runs on the one it bundles (24 or later since 8.18); the integ-test zip
  // bundles none, and the harness runs it on Java 17.
  const javaHome = process.env['ES_JAVA_HOME'] ?? newestJdk();
  const child = spawn(join(root, 'test', 'infra', 'elasticsearch', 'start-local-es.sh'), [run], {
    stdio: 'ignore',
    detached: true,
    env: {
      ...process.env,
      ES_LOCAL_JVM_OPTS: '',
      ES_LOCAL_HEAP: '4g',
      ES_LOCAL_PROCESSORS: '2',
      ...(javaHome ? { ES_JAVA_HOME: javaHome } : {}),
    },
  });
  const env = join(run, 'env');
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (existsSync(env)) {
      const found = /ELASTICSEARCH_URL=(\S+)/.exec(readFileSync(env, 'utf8'))?.[1];
      if (
        found &&
        (await new Client({ node: found }).cluster.health({ wait_for_status: 'yellow', timeout: '1s' }).then(
          () => true,
          () => false,
        ))
      ) {
        return {
          url: found,
          description: `local Elasticsearch (${found}, ${javaHome ?? 'the harness JDK'})`,
          stop: async () => void process.kill(-(child.pid as number), 'SIGTERM'),
        };
      }
    }
    if (Date.now() > deadline) throw new Error(`local Elasticsearch did not start; see ${run}/logs`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
