/** A normalized event: a JSON object whose fields the rules address by name or dotted path. */
export type EventRecord = Record<string, unknown>;

/**
 * The Sigma log source an event belongs to. An event can belong to several categories or services at
 * once (a Sysmon registry value set is `registry_set` and `registry_event`).
 */
export interface EventLogsource {
  product?: string;
  categories: readonly string[];
  services: readonly string[];
}

/** An event as the engine sees it: its fields and where it came from. */
export interface DetectionEvent {
  fields: EventRecord;
  logsource: EventLogsource;
  /** Stable identity of the event (source + position or a content hash), used for deterministic alert ids. */
  id: string;
  /** Event time as an ISO-8601 string, when the source provides one. */
  timestamp?: string;
}
