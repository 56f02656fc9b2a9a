import type { Alert } from '../../core/alert';
import { deadLetterPayload, type DeadLetter } from '../../core/dead-letter';
import type { ErrorCode } from '../../core/error-codes';
import { eventFromDocument } from '../../core/event-document';
import type { BusProducer, IncomingMessage, MessageBatch, OutgoingMessage } from '../../ports/event-bus';
import { attachEventContext } from './alert-context';
import type { SourceRuleSets } from './source-rule-sets';

export interface DetectorTopics {
  alerts: string;
  deadletter: string;
}

export interface DetectorCounts {
  events: number;
  alerts: number;
  deadLetters: number;
}

/**
 * The detector stage: events → alerts (keyed by their deterministic id, so a redelivered event produces
 * the same alert with the same key). A batch's promise resolves only when its alerts and dead letters are
 * acknowledged by the bus; the consumer commits the batch's offsets after that.
 */
export class DetectorStage {
  readonly counts: DetectorCounts = { events: 0, alerts: 0, deadLetters: 0 };

  constructor(
    private readonly producer: BusProducer,
    private readonly topics: DetectorTopics,
    /** The current rules; read per batch, so a hot reload applies from the next batch on. */
    private readonly rules: () => SourceRuleSets,
    private readonly onAlert: (alert: Alert) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handleBatch(batch: MessageBatch): Promise<void> {
    const rules = this.rules();
    const alerts: OutgoingMessage[] = [];
    const deadLetters: OutgoingMessage[] = [];
    for (const message of batch.messages) {
      const result = this.evaluate(message, rules);
      if ('deadLetter' in result) {
        deadLetters.push({ key: null, value: JSON.stringify(result.deadLetter) });
        continue;
      }
      for (const alert of result.alerts) {
        alerts.push({ key: alert.id, value: JSON.stringify(alert) });
        this.onAlert(alert);
      }
    }
    const sends = [];
    if (alerts.length > 0) sends.push(this.producer.send(this.topics.alerts, alerts));
    if (deadLetters.length > 0) sends.push(this.producer.send(this.topics.deadletter, deadLetters));
    await Promise.all(sends);
    this.counts.events += batch.messages.length - deadLetters.length;
    this.counts.alerts += alerts.length;
    this.counts.deadLetters += deadLetters.length;
  }

  private evaluate(
    message: IncomingMessage,
    rules: SourceRuleSets,
  ): { alerts: Alert[] } | { deadLetter: DeadLetter } {
    let document: unknown;
    try {
      document = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return {
        deadLetter: this.deadLetter(message, 'event.malformed', `not JSON: ${(error as Error).message}`),
      };
    }
    const event = eventFromDocument(document);
    if (typeof event === 'string') return { deadLetter: this.deadLetter(message, 'event.malformed', event) };
    if (!rules.hasSource(event.connector)) {
      const reason = `no rules are compiled for connector '${event.connector}'`;
      return { deadLetter: this.deadLetter(message, 'event.unknown_connector', reason) };
    }
    return { alerts: rules.detect(event).map((alert) => attachEventContext(alert, event)) };
  }

  private deadLetter(message: IncomingMessage, code: ErrorCode, reason: string): DeadLetter {
    return {
      stage: 'detector',
      code,
      reason,
      source: `kafka:${message.topic}`,
      position: `partition ${message.partition}, offset ${message.offset}`,
      at: this.now().toISOString(),
      payload: deadLetterPayload(message.value ?? undefined),
    };
  }
}
