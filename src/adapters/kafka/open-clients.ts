import type { BusConsumer } from '../../ports/event-bus';

interface Closable {
  close(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * The producers and consumers a bus has handed out and not yet seen closed, so that closing the bus
 * stops every consumer first (their last batches still produce) and then closes every producer.
 */
export class OpenClients<P extends Closable, C extends Stoppable> {
  private readonly producers = new Set<P>();
  private readonly consumers = new Set<C>();

  addProducer(producer: P): P {
    this.producers.add(producer);
    return producer;
  }

  /** For a producer's own close: it no longer needs closing with the bus. */
  forgetProducer(producer: P): void {
    this.producers.delete(producer);
  }

  /** Registers a started consumer; the handle's stop also unregisters it. */
  addConsumer(consumer: C): BusConsumer {
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    await Promise.allSettled([...this.producers].map((p) => p.close()));
    this.consumers.clear();
    this.producers.clear();
  }
}
