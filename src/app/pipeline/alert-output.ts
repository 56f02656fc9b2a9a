import type { Alert } from '../../core/alert';
import { AlertDocumentWriter } from '../../alerts/document/alert-document';
import type { DocumentSink, SinkDocument } from '../../ports/document-sink';
import type { BusProducer, EventBus, IncomingMessage } from '../../ports/event-bus';
import { startTopicSink, type TopicSink } from './topic-sink';

export interface AlertOutputOptions {
  bus: EventBus;
  producer: BusProducer;
  sink: DocumentSink;
  groupId: string;
  alertsTopic: string;
  deadletterTopic: string;
  redactPrompts: boolean;
  fromBeginning: boolean;
  maxBatchDocuments?: number;
  concurrentWrites?: number;
  concurrentPartitions?: number;
  log(line: string): void;
}

export type AlertOutput = TopicSink;

/** The alert sink stage: a consumer group on the alerts topic writing alert documents to a sink. */
export function startAlertOutput(options: AlertOutputOptions): Promise<AlertOutput> {
  return startTopicSink(options.bus, options.producer, options.log, {
    sink: options.sink,
    topic: options.alertsTopic,
    groupId: options.groupId,
    deadletterTopic: options.deadletterTopic,
    fromBeginning: options.fromBeginning,
    maxBatchDocuments: options.maxBatchDocuments ?? 1000,
    ...(options.concurrentWrites !== undefined ? { concurrentWrites: options.concurrentWrites } : {}),
    ...(options.concurrentPartitions !== undefined
      ? { concurrentPartitions: options.concurrentPartitions }
      : {}),
    toDocument: alertMessageDocuments(options.redactPrompts),
  });
}

/**
 * Turns alert messages into their stored documents (or says why a message is not an alert), with one
 * document writer, so each rule's part of the documents is written once.
 */
export function alertMessageDocuments(
  redactPrompts: boolean,
): (message: IncomingMessage) => SinkDocument | string {
  const writer = new AlertDocumentWriter({ redactPrompts });
  return (message) => {
    let alert: Alert;
    try {
      alert = JSON.parse(message.value?.toString('utf8') ?? '') as Alert;
    } catch (error) {
      return `not JSON: ${(error as Error).message}`;
    }
    const missing = missingAlertField(alert);
    if (missing) return `not a tripline alert: ${missing} is missing or not a string`;
    try {
      return { id: alert.id, json: Buffer.from(writer.json(alert, new Date().toISOString())) };
    } catch (error) {
      // A field of the wrong type (tags that are not a list, say) from a producer other than the detector.
      return `malformed alert: ${(error as Error).message}`;
    }
  };
}

function missingAlertField(alert: Alert): string | undefined {
  if (typeof alert !== 'object' || alert === null) return 'the alert';
  if (typeof alert.id !== 'string') return 'id';
  if (typeof alert.timestamp !== 'string') return 'timestamp';
  if (typeof alert.rule?.id !== 'string') return 'rule.id';
  if (typeof alert.rule.title !== 'string') return 'rule.title';
  if (typeof alert.event?.id !== 'string') return 'event.id';
  return undefined;
}
