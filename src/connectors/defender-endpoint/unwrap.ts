import { isJsonObject } from '../shared/document-paths';

/**
 * Defender for Endpoint's Advanced Hunting events arrive streamed to Event Hub or a storage account
 * (`{"records": [{"time", "tenantId", "operationName": "Publish", "category": "AdvancedHunting-<Table>",
 * "properties": {...}}]}`, or one such record per line), or as rows of the hunting APIs (flat `Timestamp`,
 * `DeviceName`... in `Results` for the Defender API, `results` for Microsoft Graph), or one row a line.
 */
export function unwrapDefenderEvents(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapDefenderEvents);
  if (!isJsonObject(value)) return [value];
  for (const key of ['records', 'Results', 'results', 'value']) {
    const list = value[key];
    if (Array.isArray(list)) return list;
  }
  return [value];
}

/** The hunting row of a record: `properties` of a streamed record, or the record itself. */
export function rowOf(record: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isStreamedRecord(record)) return record['properties'] as Record<string, unknown>;
  return isHuntingRow(record) ? record : undefined;
}

export function isStreamedRecord(record: Record<string, unknown>): boolean {
  return (
    typeof record['category'] === 'string' &&
    record['category'].startsWith('AdvancedHunting-') &&
    isJsonObject(record['properties'])
  );
}

/** An API row: a device and an action or report of a `Device*` table. */
function isHuntingRow(record: Record<string, unknown>): boolean {
  return (
    (typeof record['DeviceId'] === 'string' || typeof record['DeviceName'] === 'string') &&
    ('Timestamp' in record || 'TimeGenerated' in record) &&
    ('ActionType' in record || 'ReportId' in record)
  );
}

/** Defender for Endpoint records: streamed `AdvancedHunting-Device*` tables or hunting rows of devices. */
export function isDefenderEndpointRecord(record: Record<string, unknown>): boolean {
  if (isStreamedRecord(record)) return (record['category'] as string).startsWith('AdvancedHunting-Device');
  return isHuntingRow(record);
}
