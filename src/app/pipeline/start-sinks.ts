import { ConsoleFileSink } from '../../adapters/embedded/console-file-sink';
import { createElasticsearchClient } from '../../adapters/elasticsearch/es-connection';
import { ElasticsearchDocumentSink } from '../../adapters/elasticsearch/es-document-sink';
import { SinkStage } from '../../alerts/sink-stage';
import type { TriplineConfig } from '../../config/load-config';
import type { SinkDocument } from '../../ports/document-sink';
import type { BusProducer, EventBus } from '../../ports/event-bus';
import { startAlertOutput, type AlertOutput } from './alert-output';
import { deadLetterDocument, eventDocument } from './topic-documents';
import { startTopicSink } from './topic-sink';

export interface SinkOptions {
  config: TriplineConfig;
  bus: EventBus;
  log(line: string): void;
  /** Embedded output: print each alert document (table row or JSON). */
  print?: (document: SinkDocument) => void;
}

export interface RunningSinks {
  stages: { alerts: SinkStage; events?: SinkStage };
  stop(): Promise<void>;
}

/**
 * The sink role: alerts into Elasticsearch when it is configured (and the normalized events too with
 * `sink.index_events`), else into the console and the NDJSON file of `output`, same documents either way.
 */
export async function startSinks(options: SinkOptions): Promise<RunningSinks> {
  const { config, bus } = options;
  const producer: BusProducer = await bus.producer();
  const es = config.elasticsearch;
  const alertSink = es
    ? new ElasticsearchDocumentSink(createElasticsearchClient(es), es.alertsIndex)
    : new ConsoleFileSink({
        ...(config.output.alerts_file ? { file: config.output.alerts_file } : {}),
        ...(options.print ? { print: options.print } : {}),
      });
  const outputs: AlertOutput[] = [
    await startAlertOutput({
      bus,
      producer,
      sink: alertSink,
      groupId: es ? config.sink.group_id : 'tripline-alert-output',
      alertsTopic: config.topics.alerts,
      deadletterTopic: config.topics.deadletter,
      redactPrompts: config.sink.redact_prompts,
      fromBeginning: true,
      maxBatchDocuments: config.sink.bulk_max_documents,
      concurrentWrites: config.sink.concurrent_writes,
      concurrentPartitions: config.sink.concurrent_partitions,
      log: options.log,
    }),
  ];
  let events: SinkStage | undefined;
  if (es && config.sink.index_events) {
    const started = await startTopicSink(bus, producer, options.log, {
      sink: new ElasticsearchDocumentSink(createElasticsearchClient(es), es.eventsIndex),
      topic: config.topics.events,
      groupId: config.sink.events_group_id,
      deadletterTopic: config.topics.deadletter,
      maxBatchDocuments: config.sink.bulk_max_documents,
      concurrentWrites: config.sink.concurrent_writes,
      concurrentPartitions: config.sink.concurrent_partitions,
      toDocument: eventDocument,
    });
    events = started.stage;
    outputs.push(started);
  }
  if (es) {
    // Dead letters are indexed too, for the dashboard's dead-letter rate; one that cannot be stored is only logged.
    outputs.push(
      await startTopicSink(bus, producer, options.log, {
        sink: new ElasticsearchDocumentSink(createElasticsearchClient(es), es.deadletterIndex),
        topic: config.topics.deadletter,
        groupId: config.sink.deadletter_group_id,
        deadletterTopic: undefined,
        maxBatchDocuments: config.sink.bulk_max_documents,
        concurrentWrites: config.sink.concurrent_writes,
        concurrentPartitions: config.sink.concurrent_partitions,
        toDocument: deadLetterDocument,
      }),
    );
  }
  return {
    stages: { alerts: (outputs[0] as AlertOutput).stage, ...(events ? { events } : {}) },
    stop: async () => {
      for (const output of outputs) await output.stop();
      await producer.close();
    },
  };
}
