/**
 * Stand-ins for the connector and detector stages that do no stage work: they put on Kafka exactly what
 * the real stages would (the connector's serialized events; alerts at the rate and size the rules raise
 * them) and nothing else. `bench:pipeline` runs them to show what the Kafka traffic alone costs.
 */
import type { IngestCounts, IngestTopics } from '../connectors/ingest/ingest-stage';
import { OneInFlight } from '../core/async/one-in-flight';
import type { InputRecord } from '../connectors/ingest/input-record';
import type { DetectorCounts, DetectorTopics } from '../detection/engine/detector-stage';
import type { BusProducer, MessageBatch, OutgoingMessage } from '../ports/event-bus';

const BATCH_SIZE = 500;

/** Sends the next pre-serialized event for each record it is given, batched and paced like IngestStage. */
export class ReplayConnector {
  readonly counts: IngestCounts = { records: 0, events: 0, deadLetters: 0 };
  private next = 0;

  constructor(
    private readonly producer: BusProducer,
    private readonly topics: IngestTopics,
    private readonly events: readonly OutgoingMessage[],
  ) {
    if (events.length === 0) throw new Error('ReplayConnector needs events to replay');
  }

  async ingest(records: Iterable<InputRecord>): Promise<void> {
    let batch: OutgoingMessage[] = [];
    // One batch on its way while the next is gathered, as IngestStage does.
    const sending = new OneInFlight();
    const flush = async (): Promise<void> => {
      const send = this.producer.send(this.topics.events, batch);
      batch = [];
      await sending.add(send);
    };
    // One event per record; what the records hold is not read.
    const each = records[Symbol.iterator]();
    while (!each.next().done) {
      this.counts.records++;
      this.counts.events++;
      batch.push(this.events[this.next++ % this.events.length] as OutgoingMessage);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    if (batch.length > 0) await flush();
    await sending.drain();
  }
}

/** Answers each batch with `alertsPerEvent` alerts per event on average, taken in turn from real ones. */
export class ReplayDetector {
  readonly counts: DetectorCounts = { events: 0, alerts: 0, deadLetters: 0 };
  private owed = 0;
  private next = 0;

  constructor(
    private readonly producer: BusProducer,
    private readonly topics: DetectorTopics,
    private readonly alerts: readonly OutgoingMessage[],
    private readonly alertsPerEvent: number,
  ) {}

  async handleBatch(batch: MessageBatch): Promise<void> {
    this.owed += batch.messages.length * this.alertsPerEvent;
    const out: OutgoingMessage[] = [];
    while (this.owed >= 1 && this.alerts.length > 0) {
      out.push(this.alerts[this.next++ % this.alerts.length] as OutgoingMessage);
      this.owed--;
    }
    if (out.length > 0) await this.producer.send(this.topics.alerts, out);
    this.counts.events += batch.messages.length;
    this.counts.alerts += out.length;
  }
}
