import type { Alert } from '../../core/alert';
import { alertDocument } from '../../alerts/document/alert-document';
import { SinkStage } from '../../alerts/sink-stage';
import type { DocumentSink, SinkDocument } from '../../ports/document-sink';
import type { BusConsumer, BusProducer, EventBus, IncomingMessage } from '../../ports/event-bus';

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
  log(line: string): void;
}

export interface AlertOutput {
  stage: SinkStage;
  stop(): Promise<void>;
}

/** The alert sink stage: a consumer group on the alerts topic writing alert documents to a sink. */
export async function startAlertOutput(options: AlertOutputOptions): Promise<AlertOutput> {
  const stage = new SinkStage({
    sink: options.sink,
    producer: options.producer,
    deadletterTopic: options.deadletterTopic,
    toDocument: (message) => alertMessageDocument(message, options.redactPrompts),
    ...(options.maxBatchDocuments ? { maxBatchDocuments: options.maxBatchDocuments } : {}),
    log: options.log,
  });
  const consumer: BusConsumer = await options.bus.subscribe({
    groupId: options.groupId,
    topics: [options.alertsTopic],
    fromBeginning: options.fromBeginning,
    eachBatch: (batch) => stage.handleBatch(batch),
    onCrash: (error) => options.log(`alert sink: consumer stopped: ${error.message}`),
  });
  return {
    stage,
    stop: async () => {
      stage.stop();
      await consumer.stop();
      await options.sink.close();
    },
  };
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
