import type { DeadLetter } from '../core/dead-letter';
import type { DocumentSink, SinkDocument, SinkItemResult } from '../ports/document-sink';
import type { BusProducer, IncomingMessage, OutgoingMessage } from '../ports/event-bus';
import { SinkStage } from './sink-stage';
import { slowSink } from './testing/slow-sink';

function message(offset: number, value: string): IncomingMessage {
  return {
    topic: 'alerts',
    partition: 0,
    offset: String(offset),
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: 0,
  };
}

function producer(): BusProducer & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return { sent, send: async (_t, m) => void sent.push(...m), close: async () => undefined };
}

/** A sink scripted per call: each call answers with the next function's results. */
function scriptedSink(
  script: ((docs: readonly SinkDocument[]) => SinkItemResult[])[],
): DocumentSink & { calls: number } {
  const sink = {
    name: 'scripted',
    calls: 0,
    write: async (docs: readonly SinkDocument[]) => {
      const step = script[Math.min(sink.calls, script.length - 1)] as (
        d: readonly SinkDocument[],
      ) => SinkItemResult[];
      sink.calls++;
      return step(docs);
    },
    close: async () => undefined,
  };
  return sink;
}

const toDocument = (m: IncomingMessage): SinkDocument | string => {
  const text = m.value?.toString() ?? '';
  return text.startsWith('{')
    ? { id: (JSON.parse(text) as { id: string }).id, json: Buffer.from(text) }
    : 'not JSON';
};

describe('SinkStage', () => {
  it('keeps up to concurrentWrites requests in flight and resolves once every document is stored', async () => {
    const sink = slowSink(5);
    const dl = producer();
    const stage = new SinkStage({
      sink,
      producer: dl,
      deadletterTopic: 'dl',
      toDocument,
      maxBatchDocuments: 2,
      concurrentWrites: 3,
      log: () => undefined,
    });
    const messages = Array.from({ length: 13 }, (_, i) =>
      message(i, i === 6 ? 'garbage' : JSON.stringify({ id: `a${i}` })),
    );
    await stage.handleBatch({ topic: 'alerts', partition: 0, messages });
    expect(sink.mostInFlight).toBe(3);
    expect(sink.inFlight).toBe(0);
    expect(sink.stored.sort()).toEqual(
      Array.from({ length: 13 }, (_, i) => `a${i}`)
        .filter((id) => id !== 'a6')
        .sort(),
    );
    expect(stage.counts.stored).toBe(12);
    expect(stage.counts.writeSizes.reduce((a, b) => a + b, 0)).toBe(12);
    expect(dl.sent.map((m) => (JSON.parse(m.value as string) as DeadLetter).position)).toEqual([
      'partition 0, offset 6',
    ]);
  });

  it('retries what the sink asks to retry, dead-letters what it rejects, and counts duplicates', async () => {
    const sink = scriptedSink([
      (docs) =>
        docs.map((d) =>
          d.id === 'a'
            ? { id: d.id, status: 'created' }
            : d.id === 'b'
              ? { id: d.id, status: 'retry', reason: '429 too many requests' }
              : { id: d.id, status: 'rejected', reason: 'mapper_parsing_exception' },
        ),
      (docs) => docs.map((d) => ({ id: d.id, status: 'duplicate' })),
    ]);
    const dl = producer();
    const logs: string[] = [];
    const stage = new SinkStage({
      sink,
      producer: dl,
      deadletterTopic: 'dl',
      toDocument,
      retry: { initialMs: 1, maxMs: 2 },
      log: (l) => logs.push(l),
    });
    await stage.handleBatch({
      topic: 'alerts',
      partition: 0,
      messages: [
        message(0, '{"id":"a"}'),
        message(1, '{"id":"b"}'),
        message(2, '{"id":"c"}'),
        message(3, 'junk'),
      ],
    });
    expect(sink.calls).toBe(2);
    expect(stage.counts).toMatchObject({
      stored: 1,
      duplicates: 1,
      deadLetters: 2,
      retries: 1,
      writeSizes: [3, 1],
    });
    const letters = dl.sent.map((m) => JSON.parse(String(m.value)) as DeadLetter);
    expect(letters.map((l) => [l.code, l.position])).toEqual([
      ['event.malformed', 'partition 0, offset 3'],
      ['sink.rejected', 'partition 0, offset 2'],
    ]);
    expect(logs[0]).toMatch(/1 documents will be retried \(attempt 1\): 429 too many requests/);
  });

  it('keeps the batch (never resolves) while the sink is down, then stores it when the sink returns', async () => {
    let down = true;
    const sink: DocumentSink = {
      name: 'flaky',
      write: async (docs) => {
        if (down) throw new Error('connect ECONNREFUSED');
        return docs.map((d) => ({ id: d.id, status: 'created' }));
      },
      close: async () => undefined,
    };
    const stage = new SinkStage({
      sink,
      producer: producer(),
      deadletterTopic: 'dl',
      toDocument,
      retry: { initialMs: 5, maxMs: 10 },
      log: () => undefined,
    });
    let done = false;
    const handling = stage
      .handleBatch({ topic: 'alerts', partition: 0, messages: [message(0, '{"id":"a"}')] })
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(done).toBe(false);
    down = false;
    await handling;
    expect(stage.counts.stored).toBe(1);
    expect(stage.counts.retries).toBeGreaterThan(2);
  });

  it('gives the batch up without committing when stopped during retries', async () => {
    const sink = scriptedSink([(docs) => docs.map((d) => ({ id: d.id, status: 'retry', reason: '503' }))]);
    const stage = new SinkStage({
      sink,
      producer: producer(),
      deadletterTopic: 'dl',
      toDocument,
      retry: { initialMs: 5, maxMs: 5 },
      log: () => undefined,
    });
    const handling = stage.handleBatch({
      topic: 'alerts',
      partition: 0,
      messages: [message(0, '{"id":"a"}')],
    });
    setTimeout(() => stage.stop(), 20);
    await expect(handling).rejects.toThrow(/stopping with 1 documents not stored/);
  });
});
