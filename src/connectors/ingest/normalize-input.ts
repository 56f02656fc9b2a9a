import { deadLetterPayload, type DeadLetter } from '../../core/dead-letter';
import type { ErrorCode } from '../../core/error-codes';
import type { NormalizedEvent } from '../../core/normalized-event';
import type { ConnectorType } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { chooseConnector } from './choose-connector';
import type { InputRecord } from './input-record';

export interface NormalizeInputOptions {
  /** The connector of this input, or undefined to detect each record's vendor among `candidates`. */
  connector?: ConnectorType;
  candidates: readonly ConnectorType[];
  maxOriginalBytes: number;
  now: () => Date;
}

export type NormalizeInputResult = { event: NormalizedEvent } | { deadLetter: DeadLetter };

/**
 * Turns one input record (which may hold many vendor records in an envelope) into normalized events,
 * and everything that cannot be normalized into dead letters with the reason. Pure apart from the clock:
 * the connector stage, `tripline hunt --source` and tests share it.
 */
export function normalizeInput(record: InputRecord, options: NormalizeInputOptions): NormalizeInputResult[] {
  const at = options.now().toISOString();
  const letter = (
    code: ErrorCode,
    reason: string,
    where: { source: string; position: string },
    connector: ConnectorType | undefined,
    payload: unknown,
  ): NormalizeInputResult => ({
    deadLetter: {
      stage: 'connector',
      code,
      reason,
      source: where.source,
      position: where.position,
      ...(connector ? { connector: connector.id } : {}),
      at,
      payload: deadLetterPayload(
        typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
      ),
    },
  });
  if (!record.ok) return [letter(record.code, record.reason, record, undefined, record.payload)];

  const configured = options.connector;
  const vendorRecords = configured
    ? configured.unwrap(record.value)
    : unwrapAny(record.value, options.candidates);
  return vendorRecords.map((value, i) => {
    const position = vendorRecords.length > 1 ? `${record.position}, record ${i + 1}` : record.position;
    const where = { source: record.source, position };
    if (!isJsonObject(value)) {
      return letter('record.not_object', 'a record must be a JSON object', where, configured, value);
    }
    const connector = chooseConnector(value, configured, options.candidates);
    if (!connector)
      return letter('record.unknown_source', 'no connector recognises this record', where, undefined, value);
    if (!connector.detect(value)) {
      return letter(
        'record.wrong_source',
        `not a ${connector.id} record (${connector.title})`,
        where,
        connector,
        value,
      );
    }
    const outcome = connector.normalize(value, {
      maxOriginalBytes: options.maxOriginalBytes,
      receivedAt: at,
      ...(vendorRecords.length === 1 && record.text !== undefined ? { originalText: record.text } : {}),
    });
    if (!outcome.ok) return letter('record.rejected', outcome.reason, where, connector, value);
    return { event: outcome.event };
  });
}

/** In auto mode the first connector that recognises an envelope (unwraps the value to something else) wins. */
function unwrapAny(value: unknown, candidates: readonly ConnectorType[]): unknown[] {
  for (const connector of candidates) {
    const records = connector.unwrap(value);
    if (records.length !== 1 || records[0] !== value) return records;
  }
  return [value];
}
