import type { DeadLetter } from '../../core/dead-letter';
import { deadLetterPayload } from '../../core/dead-letter';
import type { ErrorCode } from '../../core/error-codes';
import type { NormalizedEvent } from '../../core/normalized-event';
import type { BusProducer, OutgoingMessage } from '../../ports/event-bus';
import type { ConnectorType } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { chooseConnector } from './choose-connector';
import type { InputRecord } from './input-record';

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
    const flush = async (): Promise<void> => {
      const sends = [this.options.producer.send(this.options.topics.events, events)];
      if (deadLetters.length > 0)
        sends.push(this.options.producer.send(this.options.topics.deadletter, deadLetters));
      await Promise.all(sends);
      events = [];
      deadLetters = [];
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
  }

  /** Normalizes one input record (which may hold many vendor records); pure apart from the clock. */
  process(record: InputRecord): ({ event: NormalizedEvent } | { deadLetter: DeadLetter })[] {
    if (!record.ok) {
      return [{ deadLetter: this.deadLetter(record.code, record.reason, record, undefined, record.payload) }];
    }
    const configured = this.options.connector;
    const vendorRecords = configured
      ? configured.unwrap(record.value)
      : unwrapAny(record.value, this.options.candidates);
    const receivedAt = this.now().toISOString();
    return vendorRecords.map((value, i) => {
      const position = vendorRecords.length > 1 ? `${record.position}, record ${i + 1}` : record.position;
      const where = { ...record, position };
      if (!isJsonObject(value)) {
        return {
          deadLetter: this.deadLetter(
            'record.not_object',
            'a record must be a JSON object',
            where,
            configured,
            value,
          ),
        };
      }
      const connector = chooseConnector(value, configured, this.options.candidates);
      if (!connector) {
        return {
          deadLetter: this.deadLetter(
            'record.unknown_source',
            'no connector recognises this record',
            where,
            undefined,
            value,
          ),
        };
      }
      if (!connector.detect(value)) {
        const reason = `not a ${connector.id} record (${connector.title})`;
        return { deadLetter: this.deadLetter('record.wrong_source', reason, where, connector, value) };
      }
      const outcome = connector.normalize(value, {
        maxOriginalBytes: this.options.maxOriginalBytes,
        receivedAt,
        ...(vendorRecords.length === 1 && record.text !== undefined ? { originalText: record.text } : {}),
      });
      if (!outcome.ok)
        return { deadLetter: this.deadLetter('record.rejected', outcome.reason, where, connector, value) };
      return { event: outcome.event };
    });
  }

  private deadLetter(
    code: ErrorCode,
    reason: string,
    where: { source: string; position: string },
    connector: ConnectorType | undefined,
    payload: unknown,
  ): DeadLetter {
    const raw = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    return {
      stage: 'connector',
      code,
      reason,
      source: where.source,
      position: where.position,
      ...(connector ? { connector: connector.id } : {}),
      at: this.now().toISOString(),
      payload: deadLetterPayload(raw),
    };
  }
}

/** In auto mode the first connector that recognises an envelope (unwraps the value to something else) wins. */
function unwrapAny(value: unknown, candidates: readonly ConnectorType[]): unknown[] {
  for (const connector of candidates) {
    const records = connector.unwrap(value);
    if (records.length !== 1 || records[0] !== value) return records;
  }
  return [value];
}

export function eventMessage(event: NormalizedEvent): OutgoingMessage {
  return {
    key: event.key,
    value: JSON.stringify(event.document),
    headers: { 'tripline-connector': event.connector },
  };
}
