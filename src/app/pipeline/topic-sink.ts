import { SinkStage } from '../../alerts/sink-stage';
import type { DocumentSink, SinkDocument } from '../../ports/document-sink';
import type { BusProducer, EventBus, IncomingMessage } from '../../ports/event-bus';

export interface TopicSink {
  stage: SinkStage;
  stop(): Promise<void>;
}

export interface TopicSinkOptions {
  sink: DocumentSink;
  topic: string;
  groupId: string;
  /** Where rejected documents go; undefined: they are only logged. */
  deadletterTopic: string | undefined;
  /** Where a group without committed offsets starts (default: the beginning). */
  fromBeginning?: boolean;
  maxBatchDocuments: number;
  /** Write requests in flight per batch (the stage's default when unset). */
  concurrentWrites?: number;
  /** Partitions' batches stored at once (default 1). */
  concurrentPartitions?: number;
  toDocument(message: IncomingMessage): SinkDocument | string;
}

/** A sink stage fed by a consumer group on one topic: alerts, events or dead letters into a document store. */
export async function startTopicSink(
  bus: EventBus,
  producer: BusProducer,
  log: (line: string) => void,
  options: TopicSinkOptions,
): Promise<TopicSink> {
  const stage = new SinkStage({
    sink: options.sink,
    producer,
    deadletterTopic: options.deadletterTopic,
    maxBatchDocuments: options.maxBatchDocuments,
    ...(options.concurrentWrites !== undefined ? { concurrentWrites: options.concurrentWrites } : {}),
    toDocument: options.toDocument,
    log,
  });
  const consumer = await bus.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: options.fromBeginning ?? true,
    ...(options.concurrentPartitions !== undefined
      ? { concurrentPartitions: options.concurrentPartitions }
      : {}),
    eachBatch: (batch) => stage.handleBatch(batch),
    onCrash: (error) => log(`${options.sink.name}: consumer stopped: ${error.message}`),
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
