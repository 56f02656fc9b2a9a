import { configSchema } from '../../config/config-schema';
import { slowSink } from '../../alerts/testing/slow-sink';
import type {
  BusConsumer,
  EventBus,
  IncomingMessage,
  MessageBatch,
  SubscribeOptions,
} from '../../ports/event-bus';
import { startTopicSink } from './topic-sink';

function message(partition: number, offset: number): IncomingMessage {
  return {
    topic: 'alerts',
    partition,
    offset: String(offset),
    key: null,
    value: Buffer.from(`{"id":"p${partition}-${offset}"}`),
    headers: {},
    timestamp: 0,
  };
}

/** A bus that hands its subscriber to the test, which delivers batches itself. */
function capturingBus(): EventBus & { subscribed?: SubscribeOptions } {
  const bus: EventBus & { subscribed?: SubscribeOptions } = {
    ensureTopics: async () => undefined,
    producer: async () => ({ send: async () => undefined, close: async () => undefined }),
    subscribe: async (options): Promise<BusConsumer> => {
      bus.subscribed = options;
      return { stop: async () => undefined };
    },
    close: async () => undefined,
  };
  return bus;
}

describe('startTopicSink', () => {
  it('lets the consumer hand over several partitions at once, each batch done only when all of it is stored', async () => {
    const bus = capturingBus();
    const sink = slowSink(10);
    const running = await startTopicSink(bus, await bus.producer(), () => undefined, {
      sink,
      topic: 'alerts',
      groupId: 'g',
      deadletterTopic: 'dl',
      maxBatchDocuments: 10,
      concurrentWrites: 1,
      concurrentPartitions: 2,
      toDocument: (m) => ({ id: m.offset, json: m.value ?? Buffer.alloc(0) }),
    });
    const subscribed = bus.subscribed as SubscribeOptions;
    expect(subscribed.concurrentPartitions).toBe(2);
    const batch = (partition: number): MessageBatch => ({
      topic: 'alerts',
      partition,
      messages: Array.from({ length: 30 }, (_, i) => message(partition, i)),
    });
    await Promise.all([subscribed.eachBatch(batch(0)), subscribed.eachBatch(batch(1))]);
    expect(sink.mostInFlight).toBe(2);
    expect(running.stage.counts.stored).toBe(60);
    await running.stop();
  });

  it('stores two partitions at once by default', () => {
    expect(configSchema.parse({}).sink.concurrent_partitions).toBe(2);
  });
});
