/**
 * Bench-only option (--kafkajs-resolve-offsets): makes kafkajs consumers resolve each batch's last offset
 * once the handler's eachBatch has resolved.
 *
 * Why: KafkajsBus runs kafkajs with `eachBatchAutoResolve: false` and commits with `commitOffsets`, but never
 * calls `resolveOffset`. kafkajs fetches from its *resolved* offsets (OffsetManager.nextOffset), not from the
 * committed ones, so every fetch starts again at the first offset the member was assigned: each batch is
 * handed over again and again until a rebalance resets the position. The patch lets the bench show what the
 * kafkajs adapter does once that is fixed in the adapter (one `resolveOffset(batch.lastOffset())` call); it
 * changes nothing else and is a no-op once the adapter resolves offsets itself.
 */
import { Kafka, type Consumer, type ConsumerRunConfig, type EachBatchPayload } from 'kafkajs';

let applied = false;

export function resolveKafkajsBatchOffsets(): void {
  if (applied) return;
  applied = true;
  const createConsumer = Kafka.prototype.consumer;
  Kafka.prototype.consumer = function consumer(
    this: Kafka,
    ...args: Parameters<Kafka['consumer']>
  ): Consumer {
    const created = createConsumer.apply(this, args);
    const run = created.run.bind(created);
    created.run = (config?: ConsumerRunConfig) => {
      const eachBatch = config?.eachBatch;
      if (!eachBatch) return run(config);
      return run({
        ...config,
        eachBatch: async (payload: EachBatchPayload) => {
          await eachBatch(payload);
          if (payload.isRunning() && !payload.isStale() && payload.batch.messages.length > 0)
            payload.resolveOffset(payload.batch.lastOffset());
        },
      });
    };
    return created;
  };
}
