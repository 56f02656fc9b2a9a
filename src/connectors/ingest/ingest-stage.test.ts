import type { DeadLetter } from '../../core/dead-letter';
import type { BusProducer, OutgoingMessage } from '../../ports/event-bus';
import { awsCloudTrailConnector } from '../aws-cloudtrail';
import { IngestStage } from './ingest-stage';
import type { InputRecord } from './input-record';

function recordingProducer(): BusProducer & { sent: Map<string, OutgoingMessage[]> } {
  const sent = new Map<string, OutgoingMessage[]>();
  return {
    sent,
    send: async (topic, messages) => void sent.set(topic, [...(sent.get(topic) ?? []), ...messages]),
    close: async () => undefined,
  };
}

const trail = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventTime: '2026-11-20T10:00:00Z',
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'InvokeModel',
  awsRegion: 'us-east-1',
  eventID: 'e-1',
  userIdentity: { accessKeyId: 'AKIAEXAMPLE' },
  ...extra,
});

const ok = (value: unknown, line = 1): InputRecord => ({
  ok: true,
  value,
  source: 'f.json',
  position: `line ${line}`,
});

/** A CloudTrail connector stage sending `batchSize` records per produce call. */
const cloudTrailStage = (producer: BusProducer, batchSize: number): IngestStage =>
  new IngestStage({
    producer,
    topics: { events: 'ev', deadletter: 'dl' },
    connector: awsCloudTrailConnector,
    candidates: [awsCloudTrailConnector],
    maxOriginalBytes: 1024,
    batchSize,
  });

describe('IngestStage', () => {
  it('sends normalized events keyed by entity and dead-letters what it cannot normalize', async () => {
    const producer = recordingProducer();
    const stage = new IngestStage({
      producer,
      topics: { events: 'ev', deadletter: 'dl' },
      connector: awsCloudTrailConnector,
      candidates: [awsCloudTrailConnector],
      maxOriginalBytes: 1024,
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    await stage.ingest([
      ok({ Records: [trail(), trail({ eventID: 'e-2', eventTime: undefined })] }, 1),
      {
        ok: false,
        source: 'f.json',
        position: 'line 2',
        code: 'record.malformed',
        reason: 'Unexpected end of JSON input',
        payload: '{"Records": [',
      },
      ok(
        {
          operationName: 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION',
          time: '2026-01-01T00:00:00Z',
        },
        3,
      ),
      ok('just a string', 4),
    ]);
    const events = producer.sent.get('ev') ?? [];
    expect(events.map((m) => m.key)).toEqual(['AKIAEXAMPLE']);
    const letters = (producer.sent.get('dl') ?? []).map((m) => JSON.parse(String(m.value)) as DeadLetter);
    expect(letters.map((l) => [l.code, l.position])).toEqual([
      ['record.rejected', 'line 1, record 2'],
      ['record.malformed', 'line 2'],
      ['record.wrong_source', 'line 3'],
      ['record.not_object', 'line 4'],
    ]);
    expect(letters[0]?.connector).toBe('aws-cloudtrail');
    expect(letters[1]?.reason).toBe('Unexpected end of JSON input');
    expect(stage.counts).toEqual({ records: 4, events: 1, deadLetters: 4 });
  });

  it('detects the vendor of each record in auto mode', async () => {
    const producer = recordingProducer();
    const stage = new IngestStage({
      producer,
      topics: { events: 'ev', deadletter: 'dl' },
      candidates: [awsCloudTrailConnector],
      maxOriginalBytes: 1024,
    });
    await stage.ingest([ok(trail()), ok({ hello: 'world' })]);
    expect(producer.sent.get('ev')).toHaveLength(1);
    const letter = JSON.parse(String(producer.sent.get('dl')?.[0]?.value)) as DeadLetter;
    expect(letter.code).toBe('record.unknown_source');
    expect(letter.payload).toEqual({
      excerpt: '{"hello":"world"}',
      encoding: 'utf8',
      bytes: 17,
      truncated: false,
    });
  });

  it('sends the next batch while the previous one waits, and resolves only after every acknowledgement', async () => {
    const acks: (() => void)[] = [];
    const sent: string[][] = [];
    const producer: BusProducer = {
      send: (_topic, messages) =>
        new Promise<void>((resolve) => {
          sent.push(messages.map((m) => String(m.key)));
          acks.push(resolve);
        }),
      close: async () => undefined,
    };
    const stage = cloudTrailStage(producer, 2);
    const records = Array.from({ length: 5 }, (_, i) =>
      ok(trail({ eventID: `e-${i}`, userIdentity: { accessKeyId: `AKIA${i}` } }), i + 1),
    );
    let done = false;
    const ingesting = stage.ingest(records).then(() => (done = true));
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await settle();
    // Batch 1 is on its way, batch 2 was sent too, and the stage waits for batch 1 before a third.
    expect(sent).toHaveLength(2);
    acks.shift()?.();
    await settle();
    expect(sent).toHaveLength(3);
    expect(done).toBe(false);
    while (acks.length > 0) {
      acks.shift()?.();
      await settle();
    }
    await ingesting;
    expect(done).toBe(true);
    expect(sent.flat()).toEqual(['AKIA0', 'AKIA1', 'AKIA2', 'AKIA3', 'AKIA4']);
  });

  it('rejects when a send fails, even one that failed while the next batch was being read', async () => {
    let calls = 0;
    const producer: BusProducer = {
      send: async () => {
        calls++;
        if (calls === 1) throw new Error('broker unavailable');
      },
      close: async () => undefined,
    };
    const stage = cloudTrailStage(producer, 1);
    await expect(stage.ingest([ok(trail(), 1), ok(trail(), 2), ok(trail(), 3)])).rejects.toThrow(
      'broker unavailable',
    );
  });
});
