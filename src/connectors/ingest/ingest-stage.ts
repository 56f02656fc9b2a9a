import { OneInFlight } from '../../core/async/one-in-flight';
import type { NormalizedEvent } from '../../core/normalized-event';
import type { BusProducer, OutgoingMessage } from '../../ports/event-bus';
import type { ConnectorType } from '../connector-type';
import type { InputRecord } from './input-record';
import { normalizeInput, type NormalizeInputResult } from './normalize-input';

export interface IngestTopics {
  events: string;
  deadletter: string;
}

export interface IngestOptions {
  producer: BusProducer;
  topics: IngestTopics;
  /** The connector of this input, or undefined to detect each record's vendor among `candidates`. */
  connector?: ConnectorType;
  candidates: readonly ConnectorType[];
  maxOriginalBytes: number;
  /** Records sent to the bus per produce call. */
  batchSize?: number;
  now?: () => Date;
}

export interface IngestCounts {
  records: number;
  events: number;
  deadLetters: number;
}

/**
 * The connector stage: input records → vendor records → normalized events on the events topic (keyed by
 * entity), and everything that cannot be read or normalized on the dead-letter topic with its reason.
 * `ingest` resolves only after the bus acknowledged every message, so an input can checkpoint after it.
 */
export class IngestStage {
  readonly counts: IngestCounts = { records: 0, events: 0, deadLetters: 0 };
  private readonly now: () => Date;

  constructor(private readonly options: IngestOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async ingest(records: AsyncIterable<InputRecord> | Iterable<InputRecord>): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let events: OutgoingMessage[] = [];
    let deadLetters: OutgoingMessage[] = [];
    // One batch may be on its way while the next is normalized; a second waits for the first's acks.
    const sending = new OneInFlight();
    const flush = async (): Promise<void> => {
      const sends = [this.options.producer.send(this.options.topics.events, events)];
      if (deadLetters.length > 0)
        sends.push(this.options.producer.send(this.options.topics.deadletter, deadLetters));
      events = [];
      deadLetters = [];
      await sending.add(Promise.all(sends));
    };
    for await (const record of records) {
      this.counts.records++;
      for (const outcome of this.process(record)) {
        if ('deadLetter' in outcome) {
          this.counts.deadLetters++;
          deadLetters.push({ key: null, value: JSON.stringify(outcome.deadLetter) });
        } else {
          this.counts.events++;
          events.push(eventMessage(outcome.event));
        }
      }
      if (events.length + deadLetters.length >= batchSize) await flush();
    }
    if (events.length + deadLetters.length > 0) await flush();
    await sending.drain();
  }

  /** Normalizes one input record (which may hold many vendor records); pure apart from the clock. */
  process(record: InputRecord): NormalizeInputResult[] {
    return normalizeInput(record, { ...this.options, now: this.now });
  }
}

export function eventMessage(event: NormalizedEvent): OutgoingMessage {
  return {
    key: event.key,
    value: JSON.stringify(event.document),
    headers: { 'tripline-connector': event.connector },
  };
}
