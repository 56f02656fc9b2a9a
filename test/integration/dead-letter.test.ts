import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaBus } from '../../src/adapters/kafka/kafka-bus';
import { runPipeline } from '../../src/app/pipeline/run-pipeline';
import type { Alert } from '../../src/core/alert';
import type { DeadLetter } from '../../src/core/dead-letter';
import { describeBehindGate } from '../infra/environment-gate';
import { cloudTrailRecord } from './cloudtrail-stream';
import { kafkaClientGates } from './kafka-clients';
import { kafkaPipelineConfig, readTopic, uniqueTopics } from './kafka-test-env';

const ROOT = join(__dirname, '..', '..');

/**
 * Bad records go to the dead-letter topic with a reason, and the records after them still flow: on each
 * Kafka client.
 */
for (const { client, gate } of kafkaClientGates())
  describeBehindGate(`bad input on a real broker (${client})`, gate, () => {
    it('dead-letters each bad record with its reason while the pipeline keeps running', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tripline-bad-input-'));
      const line = (i: number, extra: Record<string, unknown> = {}): string =>
        JSON.stringify({ ...cloudTrailRecord(i), ...extra });
      writeFileSync(join(dir, '1-before.ndjson'), `${line(1)}\n`);
      writeFileSync(join(dir, '2-truncated.json'), line(2).slice(0, 120));
      writeFileSync(
        join(dir, '3-binary.json'),
        Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x1f]), randomBytes(4096)]),
      );
      writeFileSync(
        join(dir, '4-huge.json'),
        JSON.stringify({ ...cloudTrailRecord(4), padding: 'x'.repeat(20 * 1024 * 1024) }),
      );
      const withoutTime = cloudTrailRecord(5);
      delete withoutTime['eventTime'];
      writeFileSync(join(dir, '5-no-timestamp.json'), JSON.stringify(withoutTime));
      writeFileSync(
        join(dir, '6-wrong-vendor.json'),
        JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get' }),
      );
      writeFileSync(join(dir, '7-after.ndjson'), `${line(10)}\n${line(11)}\n`); // record 10 raises an alert

      const topics = uniqueTopics(`badinput-${client}`);
      const config = kafkaPipelineConfig(
        topics,
        [{ name: 'trail', type: 'aws-cloudtrail', input: { file: { paths: [dir] } } }],
        2,
      );
      const bus = createKafkaBus(client, config.kafka!, () => undefined);
      const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
      try {
        await pipeline.inputsDone;
        const letters = (
          await readTopic(
            topics.deadletter,
            (m) => new Set(m.map((x) => (JSON.parse(x.value) as DeadLetter).source)).size >= 5,
          )
        ).map((m) => JSON.parse(m.value) as DeadLetter);
        const byFile = new Map(letters.map((l) => [l.source.replace(`${dir}/`, ''), l]));
        expect([...byFile.keys()].sort()).toEqual([
          '2-truncated.json',
          '3-binary.json',
          '4-huge.json',
          '5-no-timestamp.json',
          '6-wrong-vendor.json',
        ]);
        expect(byFile.get('2-truncated.json')).toMatchObject({
          code: 'record.malformed',
          position: 'line 1',
          stage: 'connector',
        });
        expect(byFile.get('2-truncated.json')?.reason).toMatch(/incomplete JSON/);
        expect(byFile.get('3-binary.json')).toMatchObject({ code: 'record.malformed' });
        expect(byFile.get('4-huge.json')).toMatchObject({
          code: 'record.too_large',
          reason: 'record exceeds 1048576 bytes',
        });
        expect(byFile.get('4-huge.json')?.payload.excerpt.length).toBeLessThanOrEqual(16 * 1024);
        expect(byFile.get('5-no-timestamp.json')).toMatchObject({
          code: 'record.rejected',
          reason: 'eventTime is missing',
          connector: 'aws-cloudtrail',
        });
        expect(byFile.get('6-wrong-vendor.json')).toMatchObject({
          code: 'record.wrong_source',
          connector: 'aws-cloudtrail',
        });

        // The records after the bad ones were normalized and evaluated.
        const alerts = (await readTopic(topics.alerts, (m) => m.length >= 1)).map(
          (m) => JSON.parse(m.value) as Alert,
        );
        // At-least-once: a rebalance may redeliver, but only ever as the same alert id.
        expect([...new Set(alerts.map((a) => `${a.id} ${a.event.id}`))]).toHaveLength(1);
        expect(alerts[0]?.event.id).toBe('evt-stream-10');
        const counts = pipeline.summary().connectors['trail'];
        expect(counts?.events).toBe(3);
        expect(counts?.deadLetters).toBe(letters.length);
      } finally {
        await pipeline.stop();
        await bus.close();
      }
    });
  });
