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
import type { IncomingMessage } from '../ports/event-bus';

/**
 * `npm run bench:sink`: alerts/s through the sink stage into Elasticsearch — alert messages parsed, turned
 * into alert documents and bulk-created by id — for several bulk sizes. Uses ELASTICSEARCH_URL, else starts
 * the local single node of the test harness (test/infra/elasticsearch/start-local-es.sh) and stops it after.
 * BENCH_ALERTS (100000), BENCH_BULK_SIZES (500,1000,2000,5000), BENCH_CONCURRENT_WRITES (3, the
 * sink.concurrent_writes default) and BENCH_KAFKA_BATCH (alerts per consumed batch, 30000) change the run.
 * A pass of 50,000 alerts before the measured ones warms up the node and this process.
 *
 * The batches are what the sink's consumer hands over when alerts are waiting: with 4 MiB per partition
 * and fetch, both Kafka clients deliver 30,000-35,000 of these alerts (~860 bytes, LZ4) per batch from the
 * local broker. The stage finishes a batch before the next one (its offsets are committed after that), so
 * smaller batches leave the node idle at each batch's end: BENCH_KAFKA_BATCH=5000 shows that cost.
 */
const ALERTS = Number(process.env['BENCH_ALERTS'] ?? 100_000);
const BULK_SIZES = (process.env['BENCH_BULK_SIZES'] ?? '500,1000,2000,5000').split(',').map(Number);
const CONCURRENT_WRITES = Number(process.env['BENCH_CONCURRENT_WRITES'] ?? 3);
const KAFKA_BATCH = Number(process.env['BENCH_KAFKA_BATCH'] ?? 30_000);
const WARMUP = Math.min(ALERTS, 50_000);

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const server = await elasticsearch();
  const client = new Client({ node: server.url, maxRetries: 0, requestTimeout: 120_000 });
  try {
    await installTemplates(client, await clusterCapabilities(client));
    const messages = alertMessages(ALERTS);
    const rows: {
      bulk: number;
      alertsPerSecond: number;
      seconds: number;
      requests: number;
      stored: number;
    }[] = [];
    // A first pass into a throwaway index, not measured: the node's JIT and this process's reach their
    // steady state, so the first bulk size measured is not the one that paid for the warm-up.
    await run(client, messages.slice(0, WARMUP), 1000);
    for (const bulk of BULK_SIZES) {
      const { seconds, requests, stored } = await run(client, messages, bulk);
      rows.push({
        bulk,
        alertsPerSecond: Math.round(ALERTS / seconds),
        seconds: Number(seconds.toFixed(2)),
        requests,
        stored,
      });
    }
    if (json) {
      const settings = { concurrentWrites: CONCURRENT_WRITES, kafkaBatch: KAFKA_BATCH };
      process.stdout.write(
        `${JSON.stringify({ alerts: ALERTS, server: server.description, ...settings, rows })}\n`,
      );
    } else {
      process.stdout.write(
        `sink benchmark: ${ALERTS} alerts into ${server.description}, ${CONCURRENT_WRITES} bulk requests in flight, ` +
          `${KAFKA_BATCH} alerts per consumed batch, after a warm-up pass of ${WARMUP}\n\n`,
      );
      process.stdout.write('BULK SIZE  ALERTS/S  SECONDS  REQUESTS  STORED\n');
      for (const r of rows) {
        process.stdout.write(
          `${String(r.bulk).padStart(9)}  ${String(r.alertsPerSecond).padStart(8)}  ${r.seconds.toFixed(2).padStart(7)}  ${String(r.requests).padStart(8)}  ${String(r.stored).padStart(6)}\n`,
        );
      }
    }
  } finally {
    await client.close();
    await server.stop();
  }
}

/** One pass of `messages` through a fresh sink stage into a fresh index, deleted afterwards. */
async function run(
  client: Client,
  messages: readonly IncomingMessage[],
  bulk: number,
): Promise<{ seconds: number; requests: number; stored: number }> {
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
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += KAFKA_BATCH) {
    await stage.handleBatch({ topic: 'alerts', partition: 0, messages: messages.slice(i, i + KAFKA_BATCH) });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.indices.refresh({ index });
  const stored = (await client.count({ index })).count;
  await client.indices.delete({ index });
  return { seconds, requests: stage.counts.writeSizes.length, stored };
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
  const child = spawn(join(root, 'test', 'infra', 'elasticsearch', 'start-local-es.sh'), [run], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, ES_LOCAL_JVM_OPTS: '', ES_LOCAL_HEAP: '4g', ES_LOCAL_PROCESSORS: '2' },
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
          description: `local Elasticsearch (${found})`,
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
