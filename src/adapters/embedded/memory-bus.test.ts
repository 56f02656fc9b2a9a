import type { MessageBatch } from '../../ports/event-bus';
import { MemoryBus } from './memory-bus';

describe('MemoryBus', () => {
  it('delivers keyed messages in order per partition and commits after the handler resolves', async () => {
    const bus = new MemoryBus(3);
    await bus.ensureTopics([{ name: 't', partitions: 3, replicationFactor: 1 }]);
    const producer = await bus.producer();
    await producer.send(
      't',
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 5}`, value: String(i) })),
    );
    const seen: string[] = [];
    const consumer = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      eachBatch: async (batch) => {
        for (const m of batch.messages) seen.push(`${m.key?.toString()}:${m.value?.toString()}`);
      },
    });
    await bus.whenIdle();
    await consumer.stop();
    expect(seen).toHaveLength(30);
    for (let k = 0; k < 5; k++) {
      const values = seen.filter((s) => s.startsWith(`k${k}:`)).map((s) => Number(s.split(':')[1]));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('redelivers a batch whose handler failed, to the next consumer of the group', async () => {
    const bus = new MemoryBus(1);
    const producer = await bus.producer();
    await producer.send('t', [
      { key: null, value: 'a' },
      { key: null, value: 'b' },
    ]);
    const crashed: Error[] = [];
    const failing = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      eachBatch: async () => {
        throw new Error('downstream down');
      },
      onCrash: (e) => crashed.push(e),
    });
    await bus.whenIdle();
    await failing.stop();
    expect(crashed.map((e) => e.message)).toEqual(['downstream down']);
    const batches: MessageBatch[] = [];
    const second = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      eachBatch: async (batch) => void batches.push(batch),
    });
    await bus.whenIdle();
    await second.stop();
    expect(batches.flatMap((b) => b.messages.map((m) => m.value?.toString()))).toEqual(['a', 'b']);
  });
});
