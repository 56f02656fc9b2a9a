import type { IncomingMessage, MessageBatch } from '../../ports/event-bus';

/** One partition's share of what a consumer fetched, with the client's own last message (for its commit). */
export interface PartitionBatch<M> {
  topic: string;
  partition: number;
  batch: MessageBatch;
  last: M;
}

/**
 * Splits what a consumer took from Kafka per partition, keeping offset order inside each (clients never
 * reorder a partition) and never handing an offset over twice or backwards.
 */
export function partitionBatches<M extends { topic: string; partition: number }>(
  messages: readonly M[],
  offsetOf: (message: M) => bigint,
  incoming: (message: M) => IncomingMessage,
): PartitionBatch<M>[] {
  const byPartition = new Map<string, PartitionBatch<M> & { lastOffset: bigint }>();
  for (const message of messages) {
    const id = `${message.topic}\u0000${message.partition}`;
    const offset = offsetOf(message);
    let entry = byPartition.get(id);
    if (!entry) {
      entry = {
        topic: message.topic,
        partition: message.partition,
        batch: { topic: message.topic, partition: message.partition, messages: [] },
        last: message,
        lastOffset: -1n,
      };
      byPartition.set(id, entry);
    }
    if (offset <= entry.lastOffset) continue;
    entry.batch.messages.push(incoming(message));
    entry.last = message;
    entry.lastOffset = offset;
  }
  return [...byPartition.values()].map(({ lastOffset: _, ...batch }) => batch);
}
