import type { EventLogsource } from '../core/event';
import type { NormalizedEvent } from '../core/normalized-event';

/** A vendor record as parsed from JSON. */
export type JsonObject = Record<string, unknown>;

/** What a connector knows besides the record itself. */
export interface NormalizeContext {
  /** The record's raw JSON text when the input had one record per text (NDJSON, HTTP body, Kafka value). */
  originalText?: string;
  /** `event.original` is cut to this many UTF-8 bytes (the cut is marked with `event.original_truncated`). */
  maxOriginalBytes: number;
  /** When the record was received (ISO-8601), for `event.ingested`. */
  receivedAt: string;
}

export type NormalizeOutcome = { ok: true; event: NormalizedEvent } | { ok: false; reason: string };

/**
 * A source type: how one vendor's log format becomes normalized events. Everything here is pure (no
 * I/O), so each connector is tested with golden samples (raw record → expected normalized event).
 */
export interface ConnectorType {
  /** Stable id used in configs, on the wire (`tripline.connector`) and by `--source` (e.g. `aws-cloudtrail`). */
  readonly id: string;
  /** One line for people: the vendor and format. */
  readonly title: string;
  /** Every Sigma log source the connector's events can carry: rules for other log sources never run on them. */
  readonly logsources: readonly EventLogsource[];
  /**
   * Sigma field-mapping pipeline files (paths relative to the package root) that map the field names
   * Sigma rules use for these log sources onto this connector's documents.
   */
  readonly pipelines: readonly string[];
  /**
   * Splits one parsed input value into vendor records: unwraps delivery envelopes (CloudTrail's
   * `{"Records": [...]}`, EventBridge's `detail`, Azure's `{"records": [...]}`) and returns the value
   * itself when it is already one record. Values that are not objects are returned as they are, so that
   * `normalize` can reject them with a reason.
   */
  unwrap(value: unknown): unknown[];
  /** Cheap check used by auto-detection and to reject records from another vendor. */
  detect(record: JsonObject): boolean;
  /** Maps one vendor record to a normalized event, or says why it cannot (the record then goes to dead-letter). */
  normalize(record: JsonObject, context: NormalizeContext): NormalizeOutcome;
}
