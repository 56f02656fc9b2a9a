import type { Alert } from '../../core/alert';
import { alertDocument } from '../../alerts/document/alert-document';
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
    toDocument: (message) => alertMessageDocument(message, options.redactPrompts),
  });
}

/** An alert message as its stored document, or why it is not an alert. */
export function alertMessageDocument(
  message: IncomingMessage,
  redactPrompts: boolean,
): SinkDocument | string {
  let alert: Alert;
  try {
    alert = JSON.parse(message.value?.toString('utf8') ?? '') as Alert;
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (
    typeof alert !== 'object' ||
    alert === null ||
    typeof alert.id !== 'string' ||
    typeof alert.rule?.id !== 'string'
  ) {
    return 'not a tripline alert (id and rule.id are required)';
  }
  const { _id, ...body } = alertDocument(alert, { redactPrompts, now: new Date().toISOString() });
  return { id: _id, body };
}
