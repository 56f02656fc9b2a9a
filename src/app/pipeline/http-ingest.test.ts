import { join } from 'node:path';
import { MemoryBus } from '../../adapters/embedded/memory-bus';
import { configSchema } from '../../config/config-schema';
import { Secret } from '../../config/secret';
import type { TriplineConfig } from '../../config/load-config';
import type { Alert } from '../../core/alert';
import type { DeadLetter } from '../../core/dead-letter';
import { runPipeline } from './run-pipeline';

const ROOT = join(__dirname, '..', '..', '..');

describe('an HTTP push connector in the pipeline', () => {
  it('answers after the records are on the bus, and they reach the detector', async () => {
    const raw = configSchema.parse({
      connectors: [
        { name: 'push', type: 'auto', input: { http: { listen: '127.0.0.1:0', token: 'placeholder' } } },
      ],
      detector: { rules: [join(ROOT, 'detections')], hot_reload: false },
      topics: { partitions: 1 },
    });
    const config: TriplineConfig = {
      ...raw,
      kafka: undefined,
      connectors: raw.connectors.map((c) => ({ ...c, token: new Secret('push-secret') })),
      elasticsearch: undefined,
      file: 'test',
    };
    const bus = new MemoryBus(1);
    const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
    const url = pipeline.receivers.get('push')?.url as string;
    const body = [
      JSON.stringify({
        eventTime: '2026-11-20T10:00:00Z',
        eventSource: 'bedrock.amazonaws.com',
        eventName: 'DeleteModelInvocationLoggingConfiguration',
        awsRegion: 'us-east-1',
        eventID: 'pushed-1',
        userIdentity: { accessKeyId: 'AKIAEXAMPLEPUSH' },
      }),
      '{"not": "a known vendor"}',
    ].join('\n');
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer push-secret', 'content-type': 'application/x-ndjson' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, rejected: 0 });
    // Acknowledged means on the bus: the event and the dead letter are there already.
    expect(bus.messages(config.topics.events)).toHaveLength(1);
    const letter = JSON.parse(String(bus.messages(config.topics.deadletter)[0]?.value)) as DeadLetter;
    expect(letter).toMatchObject({
      code: 'record.unknown_source',
      source: 'http request 1',
      position: 'line 2',
    });
    await bus.whenIdle();
    const alerts = bus.messages(config.topics.alerts).map((m) => JSON.parse(String(m.value)) as Alert);
    expect(alerts.map((a) => a.event.id)).toEqual(['pushed-1']);
    await pipeline.stop();
    await bus.close();
  });
});
