import type { IncomingMessage } from '../../ports/event-bus';
import { partitionBatches } from './partition-batches';

interface Fetched {
  topic: string;
  partition: number;
  offset: number;
}

const incoming = (m: Fetched): IncomingMessage => ({
  topic: m.topic,
  partition: m.partition,
  offset: String(m.offset),
  key: null,
  value: null,
  headers: {},
  timestamp: 0,
});

describe('partitionBatches', () => {
  it('splits per topic and partition in offset order, never handing an offset over twice or backwards', () => {
    const fetched: Fetched[] = [
      { topic: 'a', partition: 0, offset: 5 },
      { topic: 'a', partition: 1, offset: 9 },
      { topic: 'a', partition: 0, offset: 6 },
      { topic: 'b', partition: 0, offset: 1 },
      { topic: 'a', partition: 0, offset: 6 },
      { topic: 'a', partition: 0, offset: 4 },
      { topic: 'a', partition: 1, offset: 10 },
    ];
    const batches = partitionBatches(fetched, (m) => BigInt(m.offset), incoming);
    expect(
      batches.map((b) => [b.topic, b.partition, b.batch.messages.map((m) => m.offset), b.last.offset]),
    ).toEqual([
      ['a', 0, ['5', '6'], 6],
      ['a', 1, ['9', '10'], 10],
      ['b', 0, ['1'], 1],
    ]);
    expect(batches.every((b) => b.batch.topic === b.topic && b.batch.partition === b.partition)).toBe(true);
  });
});
