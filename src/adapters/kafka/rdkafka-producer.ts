import type { BusProducer, OutgoingMessage } from '../../ports/event-bus';
import { asError } from './as-error';
import { connectClient, disconnectClient } from './rdkafka-client';
import { RDKAFKA_PRODUCER_TOPIC_CONFIG } from './rdkafka-config';
import type {
  RdkafkaConfig,
  RdkafkaDeliveryReport,
  RdkafkaError,
  RdkafkaModule,
  RdkafkaProducer,
} from './rdkafka-module';

/** What one `send` waits for: a delivery report per message. Passed to librdkafka as each message's opaque. */
interface PendingSend {
  remaining: number;
  failure: Error | undefined;
  resolve(): void;
  reject(error: Error): void;
}

const CLOSE_TIMEOUT_MS = 30_000;
/** How often librdkafka's delivery reports are collected (they settle the sends). */
const POLL_INTERVAL_MS = 5;
/** librdkafka's local queue is full: wait this long for it to drain, then hand the message over again. */
const QUEUE_FULL_WAIT_MS = 5;

/**
 * A BusProducer on librdkafka. librdkafka batches, compresses and retries on its own threads; a send hands
 * its messages over and resolves once every one of them has a successful delivery report (acks from all
 * in-sync replicas), or rejects with the first failure.
 */
export class RdkafkaBusProducer implements BusProducer {
  private closed = false;

  private constructor(
    private readonly producer: RdkafkaProducer,
    private readonly codes: RdkafkaModule['CODES']['ERRORS'],
    private readonly onClose: () => void,
  ) {
    producer.on('delivery-report', (error: RdkafkaError | null, report: RdkafkaDeliveryReport) =>
      settleOne(report.opaque as PendingSend, error),
    );
  }

  /** Connects (fetching metadata), so a broker that cannot be reached fails here and not on a first send. */
  static async connect(
    rdkafka: RdkafkaModule,
    config: RdkafkaConfig,
    onClose: () => void,
  ): Promise<RdkafkaBusProducer> {
    const producer = new rdkafka.Producer(config, { ...RDKAFKA_PRODUCER_TOPIC_CONFIG });
    await connectClient(producer);
    producer.setPollInterval(POLL_INTERVAL_MS);
    return new RdkafkaBusProducer(producer, rdkafka.CODES.ERRORS, onClose);
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) throw new Error('the producer is closed');
    let settle!: PendingSend;
    const done = new Promise<void>((resolve, reject) => {
      settle = { remaining: messages.length, failure: undefined, resolve, reject };
    });
    for (let i = 0; i < messages.length; i++) {
      let outcome = this.produce(topic, messages[i] as OutgoingMessage, settle);
      while (outcome === 'queue full') {
        await new Promise((resolve) => setTimeout(resolve, QUEUE_FULL_WAIT_MS));
        outcome = this.produce(topic, messages[i] as OutgoingMessage, settle);
      }
      if (outcome === 'failed') {
        // Not handed over: the rest is not sent either, and the send fails once the others are reported.
        const unsent = messages.length - i - 1;
        settle.remaining -= unsent;
        if (unsent > 0 && settle.remaining === 0) finish(settle);
        break;
      }
    }
    return done;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await new Promise<void>((resolve) => this.producer.flush(CLOSE_TIMEOUT_MS, () => resolve()));
    await disconnectClient(this.producer);
  }

  /** Hands one message to librdkafka; a failure settles it as failed at once. */
  private produce(
    topic: string,
    message: OutgoingMessage,
    pending: PendingSend,
  ): 'handed over' | 'queue full' | 'failed' {
    const value = Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value);
    const key = message.key === null ? null : Buffer.from(message.key);
    const headers = message.headers
      ? Object.entries(message.headers).map(([k, v]) => ({ [k]: v }))
      : undefined;
    try {
      this.producer.produce(topic, null, value, key, null, pending, headers);
      return 'handed over';
    } catch (error) {
      if ((error as RdkafkaError).code === this.codes['ERR__QUEUE_FULL']) return 'queue full';
      settleOne(pending, error as RdkafkaError);
      return 'failed';
    }
  }
}

function settleOne(pending: PendingSend, error: RdkafkaError | null): void {
  if (error && !pending.failure) pending.failure = asError(error);
  pending.remaining--;
  if (pending.remaining === 0) finish(pending);
}

function finish(pending: PendingSend): void {
  if (pending.failure) pending.reject(pending.failure);
  else pending.resolve();
}
