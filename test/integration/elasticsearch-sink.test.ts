import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { ElasticsearchDocumentSink } from '../../src/adapters/elasticsearch/es-document-sink';
import { clusterCapabilities, installTemplates } from '../../src/adapters/elasticsearch/index-templates';
import { KafkajsBus } from '../../src/adapters/kafka/kafkajs-bus';
import { AlertDocumentWriter } from '../../src/alerts/document/alert-document';
import { MemoryBus } from '../../src/adapters/embedded/memory-bus';
import { startAlertOutput } from '../../src/app/pipeline/alert-output';
import { runPipeline } from '../../src/app/pipeline/run-pipeline';
import { startSinks } from '../../src/app/pipeline/start-sinks';
import { configSchema } from '../../src/config/config-schema';
import type { TriplineConfig } from '../../src/config/load-config';
import type { Alert } from '../../src/core/alert';
import type { DeadLetter } from '../../src/core/dead-letter';
import type { SinkDocument } from '../../src/ports/document-sink';
import { elasticsearchUrl, testClient } from './es-test-env';
import { plainConnection, readTopic, uniqueTopics } from './kafka-test-env';
import { TcpOutageProxy } from './tcp-outage-proxy';

const ROOT = join(__dirname, '..', '..');

function sampleAlert(i: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id: `${randomBytes(16).toString('hex')}${String(i).padStart(8, '0')}`,
    timestamp: new Date(Date.UTC(2026, 10, 20, 10) + i * 1000).toISOString(),
    rule: {
      id: '9a2e6c1d-4b7f-4e08-8d3a-71c5f0b2e9a4',
      title: 'Bedrock Model Invocation Logging Disabled',
      level: i % 2 === 0 ? 'high' : 'critical',
      author: 'tripline',
      description: 'Model invocation logging was turned off.',
      tags: ['attack.defense-evasion', 'attack.t1562.008', 'atlas.aml.t0034', 'owasp.llm10'],
      references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html'],
      falsepositives: [],
      file: 'detections/cloud/aws/aws_bedrock_invocation_logging_disabled.yml',
    },
    event: { id: `evt-${i}`, logsource: { product: 'aws', categories: [], services: ['cloudtrail'] } },
    matched: [
      {
        field: 'aws.cloudtrail.raw.eventName',
        value: 'DeleteModelInvocationLoggingConfiguration',
        matchedBy: 'equals',
      },
    ],
    context: {
      connector: 'aws-cloudtrail',
      entityKey: `AKIAEXAMPLE${i % 7}`,
      entity: {
        user: { name: `svc-${i % 7}` },
        source: { ip: `198.51.100.${i % 250}` },
        cloud: { account: { id: '111122223333' } },
      },
      action: 'DeleteModelInvocationLoggingConfiguration',
    },
    ...overrides,
  };
}

const writer = new AlertDocumentWriter({ redactPrompts: true });

function sinkDocument(alert: Alert): SinkDocument {
  return { id: alert.id, json: Buffer.from(writer.json(alert, new Date().toISOString())) };
}

function uniqueIndex(): string {
  return `logs-tripline.alerts-test${randomBytes(4).toString('hex')}`;
}

async function count(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  return (await client.count({ index, ignore_unavailable: true, allow_no_indices: true })).count;
}

let client: Client;
beforeAll(async () => {
  client = testClient();
  await installTemplates(client, await clusterCapabilities(client));
});
afterAll(() => client.close());

/** The sink's bulk size and requests in flight in the outage test: what may land after the cut. */
const BULK = 100;
const IN_FLIGHT = 2;

describe('alerts in Elasticsearch', () => {
  it('are indexed through the installed template with the expected field types, and searchable', async () => {
    const index = uniqueIndex();
    const sink = new ElasticsearchDocumentSink(testClient(), index);
    const document = sinkDocument(sampleAlert(1));
    const _id = document.id;
    expect(await sink.write([document])).toEqual([{ id: _id, status: 'created' }]);
    const mapping = (await client.indices.getMapping({ index }))[index]?.mappings as {
      properties: Record<string, unknown>;
    };
    const typeOf = (path: string): unknown =>
      path.split('.').reduce<Record<string, unknown> | undefined>((node, key, i, all) => {
        const next = (node?.[key] ?? undefined) as Record<string, unknown> | undefined;
        return i < all.length - 1 ? (next?.['properties'] as Record<string, unknown>) : next;
      }, mapping.properties)?.['type'];
    expect(typeOf('@timestamp')).toBe('date');
    expect(typeOf('event.kind')).toBe('keyword');
    expect(typeOf('event.severity')).toBe('long');
    expect(typeOf('kibana.alert.risk_score')).toBe('float');
    expect(typeOf('kibana.alert.workflow_status')).toBe('keyword');
    expect(typeOf('rule.author')).toBe('keyword');
    expect(typeOf('rule.description')).toBe('text');
    expect(typeOf('source.ip')).toBe('ip');
    expect(typeOf('related.ip')).toBe('ip');
    expect(typeOf('threat.technique.id')).toBe('keyword');
    await client.indices.refresh({ index });
    const found = await client.search({
      index,
      query: {
        bool: {
          filter: [
            { term: { 'kibana.alert.workflow_status': 'open' } },
            { term: { 'threat.framework': 'MITRE ATLAS' } },
            { term: { 'source.ip': '198.51.100.0/24' } },
            { term: { 'rule.author': 'tripline' } },
          ],
        },
      },
    });
    expect(found.hits.hits.map((h) => h._id)).toEqual([_id]);
    await sink.close();
    await client.indices.delete({ index });
  });

  it('never become a second document when an alert is delivered again', async () => {
    const index = uniqueIndex();
    const sink = new ElasticsearchDocumentSink(testClient(), index);
    const document = sinkDocument(sampleAlert(2));
    expect((await sink.write([document]))[0]?.status).toBe('created');
    expect((await sink.write([document, document])).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await count(client, index)).toBe(1);
    await sink.close();
    await client.indices.delete({ index });
  });
});

describe('the alert sink on Kafka while Elasticsearch goes down and comes back', () => {
  it('stores every alert exactly once and dead-letters the one Elasticsearch rejects', async () => {
    const TOTAL = 3000;
    const index = uniqueIndex();
    const topics = uniqueTopics('es-outage');
    const bus = new KafkajsBus(plainConnection(), () => undefined);
    await bus.ensureTopics([
      { name: topics.alerts, partitions: 3, replicationFactor: 1 },
      { name: topics.deadletter, partitions: 1, replicationFactor: 1 },
    ]);
    const producer = await bus.producer();
    const alerts = Array.from({ length: TOTAL }, (_, i) => sampleAlert(i));
    // One alert Elasticsearch must refuse: `source.ip` is mapped as ip.
    const bad = sampleAlert(TOTAL, {
      context: { connector: 'x', entityKey: 'k', entity: { source: { ip: 'not-an-address' } } },
    });
    for (let i = 0; i < alerts.length; i += 500) {
      await producer.send(
        topics.alerts,
        alerts.slice(i, i + 500).map((a) => ({ key: a.id, value: JSON.stringify(a) })),
      );
    }
    await producer.send(topics.alerts, [{ key: bad.id, value: JSON.stringify(bad) }]);

    const url = new URL(elasticsearchUrl());
    const proxy = new TcpOutageProxy(url.hostname, Number(url.port));
    await proxy.up();
    await proxy.down(); // Elasticsearch is down when the sink starts: the sink must wait, not drop or crash.
    const logs: string[] = [];
    const sinkClient = testClient(proxy.url);
    const output = await startAlertOutput({
      bus,
      producer,
      sink: new ElasticsearchDocumentSink(sinkClient, index),
      groupId: `sink-${topics.suffix}`,
      alertsTopic: topics.alerts,
      deadletterTopic: topics.deadletter,
      redactPrompts: true,
      fromBeginning: true,
      maxBatchDocuments: BULK,
      concurrentWrites: IN_FLIGHT,
      log: (l) => logs.push(l),
    });
    try {
      await waitFor(async () => logs.length > 0, 60_000);
      expect(await count(client, index)).toBe(0);
      expect(logs.join('\n')).toMatch(
        /documents will be retried \(attempt 1\): .*(ECONNREFUSED|connect|Connection)/i,
      );
      await proxy.up();
      await waitFor(async () => (await count(client, index)) >= 300, 60_000);
      await proxy.down();
      const atOutage = await count(client, index);
      await new Promise((r) => setTimeout(r, 4000));
      const duringOutage = await count(client, index);
      // At most the requests in flight when the connection was cut land.
      expect(duringOutage - atOutage).toBeLessThanOrEqual(IN_FLIGHT * BULK);
      expect(duringOutage).toBeLessThan(TOTAL);
      await proxy.up();
      await waitFor(async () => (await count(client, index)) >= TOTAL, 120_000);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await count(client, index)).toBe(TOTAL);

      const letters = (await readTopic(topics.deadletter, (m) => m.length >= 1, 30_000)).map(
        (m) => JSON.parse(m.value) as DeadLetter,
      );
      // At-least-once: a batch redelivered after the outage may dead-letter the same record again.
      expect(new Set(letters.map((l) => `${l.source} ${l.position}`)).size).toBe(1);
      expect(letters[0]).toMatchObject({ stage: 'sink', code: 'sink.rejected' });
      expect(letters[0]?.reason).toMatch(/^400 (document_parsing_exception|mapper_parsing_exception)/);
    } finally {
      await output.stop();
      await producer.close();
      await bus.close();
      await proxy.down();
      await client.indices.delete({ index, ignore_unavailable: true });
    }
  });
});

describe('tripline alerts list|show|ack|close', () => {
  it('finds alerts and changes their status with who and why', async () => {
    const index = uniqueIndex();
    const sink = new ElasticsearchDocumentSink(testClient(), index);
    const docs = [sampleAlert(10), sampleAlert(11)].map(sinkDocument);
    await sink.write(docs);
    await sink.close();
    await client.indices.refresh({ index });
    const dir = mkdtempSync(join(tmpdir(), 'tripline-alerts-cli-'));
    const config = join(dir, 'tripline.yml');
    writeFileSync(config, `elasticsearch:\n  url: ${elasticsearchUrl()}\n  alerts_index: ${index}\n`);
    const cli = (...args: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'alerts', ...args, '-c', config], {
        encoding: 'utf8',
      });

    const listed = cli('list', '--status', 'open', '--json');
    expect(listed.status).toBe(0);
    const ids = String(listed.stdout)
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { _id: string })._id);
    expect(ids.filter((id) => docs.some((d) => d.id === id)).sort()).toEqual(docs.map((d) => d.id).sort());

    const target = docs[0]?.id as string;
    const acked = cli('ack', target, '--reason', 'looking into it', '--by', 'analyst-1');
    expect(acked.status).toBe(0);
    const closed = cli('close', target, '--reason', 'rotation of a test key', '--by', 'analyst-2', '--json');
    expect(closed.status).toBe(0);
    const shown = cli('show', target, '--json');
    const alert = JSON.parse(String(shown.stdout)) as {
      kibana: { alert: { workflow_status: string; workflow_user: string } };
      tripline: { workflow: { history: { status: string; by: string; reason: string }[] } };
    };
    expect(alert.kibana.alert).toMatchObject({ workflow_status: 'closed', workflow_user: 'analyst-2' });
    expect(alert.tripline.workflow.history.map((h) => [h.status, h.by, h.reason])).toEqual([
      ['acknowledged', 'analyst-1', 'looking into it'],
      ['closed', 'analyst-2', 'rotation of a test key'],
    ]);
    const table = cli('list', '--status', 'closed');
    expect(String(table.stdout)).toMatch(/SEVERITY\s+STATUS\s+RULE/);
    expect(String(table.stdout)).toContain(target);
    expect(cli('show', 'no-such-alert').status).toBe(1);
    await client.indices.delete({ index });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the optional event sink', () => {
  it('indexes normalized events and dead letters beside the alerts, for pivoting', async () => {
    const suffix = randomBytes(4).toString('hex');
    const raw = configSchema.parse({
      elasticsearch: {
        url: elasticsearchUrl(),
        alerts_index: `logs-tripline.alerts-t${suffix}`,
        events_index: `logs-tripline.events-t${suffix}`,
        deadletter_index: `logs-tripline.deadletter-t${suffix}`,
      },
      sink: { index_events: true },
      connectors: [
        {
          name: 'trail',
          type: 'aws-cloudtrail',
          input: { file: { paths: [join(ROOT, 'connectors', 'samples', 'aws-cloudtrail.ndjson')] } },
        },
      ],
      detector: { rules: [join(ROOT, 'detections')], hot_reload: false },
      topics: { partitions: 1 },
    });
    const config: TriplineConfig = {
      ...raw,
      kafka: undefined,
      elasticsearch: {
        url: elasticsearchUrl(),
        requestTimeoutMs: 30_000,
        alertsIndex: raw.elasticsearch?.alerts_index as string,
        eventsIndex: raw.elasticsearch?.events_index as string,
        deadletterIndex: raw.elasticsearch?.deadletter_index as string,
      },
      file: 'test',
    };
    const bus = new MemoryBus(1);
    const sinks = await startSinks({ config, bus, log: () => undefined });
    const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
    await pipeline.inputsDone;
    const producer = await bus.producer();
    await producer.send(config.topics.deadletter, [
      {
        key: null,
        value: JSON.stringify({
          stage: 'connector',
          code: 'record.malformed',
          reason: 'test',
          source: 'x',
          position: 'line 1',
          at: '2026-11-20T10:00:00.000Z',
          payload: { excerpt: '{', encoding: 'utf8', bytes: 1, truncated: false },
        }),
      },
    ]);
    await bus.whenIdle();
    const events = config.elasticsearch?.eventsIndex as string;
    expect(await count(client, events)).toBe(6);
    expect(await count(client, config.elasticsearch?.alertsIndex as string)).toBe(2);
    expect(await count(client, config.elasticsearch?.deadletterIndex as string)).toBe(1);
    // The vendor record is one flattened field: its keys are searchable without mapping each one.
    const byRaw = await client.search({
      index: events,
      query: { term: { 'aws.cloudtrail.raw.eventName': 'DeleteModelInvocationLoggingConfiguration' } },
    });
    expect(byRaw.hits.hits.map((h) => h._id).sort()).toEqual(['evt-22292143', 'evt-53479762']);
    await pipeline.stop();
    await sinks.stop();
    await bus.close();
    for (const index of [
      events,
      config.elasticsearch?.alertsIndex as string,
      config.elasticsearch?.deadletterIndex as string,
    ]) {
      await client.indices.delete({ index, ignore_unavailable: true });
    }
  });
});
