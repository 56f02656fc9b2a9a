import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafkaBus } from '../../src/adapters/kafka/kafka-bus';
import { runPipeline } from '../../src/app/pipeline/run-pipeline';
import type { Alert } from '../../src/core/alert';
import { CONNECTOR_TYPES } from '../../src/connectors/registry';
import { describeBehindGate } from '../infra/environment-gate';
import { kafkaClientGates } from './kafka-clients';
import { kafkaPipelineConfig, readTopic, uniqueTopics } from './kafka-test-env';

const ROOT = join(__dirname, '..', '..');

/** Every connector's bundled sample goes connector → Kafka → detector → tripline.alerts, on each client. */
for (const { client, gate } of kafkaClientGates()) {
  describeBehindGate(`samples of every connector through a real Kafka broker (${client})`, gate, () => {
    it('produces exactly the expected alerts on the alerts topic', async () => {
      const topics = uniqueTopics(`samples-${client}`);
      const config = kafkaPipelineConfig(
        topics,
        CONNECTOR_TYPES.map((c) => ({
          name: c.id,
          type: c.id,
          input: { file: { paths: [join(ROOT, 'connectors', 'samples', `${c.id}.ndjson`)] } },
        })),
        3,
      );
      const expected = CONNECTOR_TYPES.flatMap(
        (c) =>
          (
            JSON.parse(
              readFileSync(join(ROOT, 'connectors', 'samples', `${c.id}.expected.json`), 'utf8'),
            ) as { alerts: { rule: string; event: string }[] }
          ).alerts,
      ).map((a) => `${a.rule}/${a.event}`);

      const bus = createKafkaBus(client, config.kafka!, () => undefined);
      const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
      try {
        await pipeline.inputsDone;
        const messages = await readTopic(
          topics.alerts,
          (m) => new Set(m.map((x) => x.key)).size >= expected.length,
        );
        const alerts = messages.map((m) => JSON.parse(m.value) as Alert);
        expect(new Set(alerts.map((a) => `${a.rule.id}/${a.event.id}`))).toEqual(new Set(expected));
        expect(messages.every((m) => m.key === (JSON.parse(m.value) as Alert).id)).toBe(true);
        expect(alerts.every((a) => a.rule.author.length > 0)).toBe(true);
      } finally {
        await pipeline.stop();
        await bus.close();
      }
    });
  });
}
