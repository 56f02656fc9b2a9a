import type { EventLogsource } from './event';

/**
 * An ECS document as a nested JSON object (`{"event": {"action": ...}}`, never dotted keys), plus the
 * vendor's own record under its namespace (`aws.cloudtrail`, `azure.activitylogs`, ...).
 */
export type EcsDocument = Record<string, unknown>;

/** A connector's output: the document that travels on `tripline.events`, and what routing needs. */
export interface NormalizedEvent {
  /** Connector type id that produced it. */
  connector: string;
  /** Stable identity (vendor event id, or a content hash): the same record read twice gets the same id. */
  id: string;
  /** Entity key: the Kafka message key, so one entity's events stay ordered in one partition. */
  key: string;
  /** Event time, ISO-8601 UTC. Records without a usable time are rejected by the connector. */
  timestamp: string;
  logsource: EventLogsource;
  /** The ECS document. It holds `@timestamp`, `event.id` and `event.original` too. */
  document: EcsDocument;
}
