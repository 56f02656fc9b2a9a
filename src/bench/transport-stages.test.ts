import type { BusProducer, IncomingMessage, OutgoingMessage } from '../ports/event-bus';
import { ReplayConnector, ReplayDetector } from './transport-stages';

function recordingProducer(): {
  producer: BusProducer;
  sent: { topic: string; messages: OutgoingMessage[] }[];
} {
  const sent: { topic: string; messages: OutgoingMessage[] }[] = [];
  return {
    sent,
    producer: {
      send: async (topic, messages) => void sent.push({ topic, messages: [...messages] }),
      close: async () => undefined,
    },
  };
}

const message = (value: string): OutgoingMessage => ({ key: value, value });
const incoming = (n: number): IncomingMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    topic: 'events',
    partition: 0,
    offset: String(i),
    key: null,
    value: null,
    headers: {},
    timestamp: 0,
  }));

describe('ReplayConnector', () => {
  it('sends one replayed event per record, in turn, in batches of 500', async () => {
    const { producer, sent } = recordingProducer();
    const connector = new ReplayConnector(producer, { events: 'events', deadletter: 'dl' }, [
      message('a'),
      message('b'),
    ]);
    const record = { ok: true as const, value: null, source: 's', position: 'p' };
    await connector.ingest(Array.from({ length: 1_001 }, () => record));
    expect(sent.map((s) => [s.topic, s.messages.length])).toEqual([
      ['events', 500],
      ['events', 500],
      ['events', 1],
    ]);
    expect(sent[0]?.messages.slice(0, 3).map((m) => m.value)).toEqual(['a', 'b', 'a']);
    expect(connector.counts).toEqual({ records: 1_001, events: 1_001, deadLetters: 0 });
  });
});

describe('ReplayDetector', () => {
  it('answers batches with the given number of alerts per event on average, carrying fractions over', async () => {
    const { producer, sent } = recordingProducer();
    const detector = new ReplayDetector(
      producer,
      { alerts: 'alerts', deadletter: 'dl' },
      [message('x'), message('y')],
      0.75,
    );
    await detector.handleBatch({ topic: 'events', partition: 0, messages: incoming(3) });
    await detector.handleBatch({ topic: 'events', partition: 0, messages: incoming(5) });
    expect(sent.map((s) => s.messages.map((m) => m.value))).toEqual([
      ['x', 'y'],
      ['x', 'y', 'x', 'y'],
    ]);
    expect(detector.counts).toEqual({ events: 8, alerts: 6, deadLetters: 0 });
  });
});
