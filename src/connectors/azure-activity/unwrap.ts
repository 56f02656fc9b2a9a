import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { isDiagnosticActivityRecord, isLogAnalyticsActivityRecord } from './activity-view';

/**
 * Activity log records arrive as Event Hub messages and storage blobs from diagnostic settings
 * (`{"records": [...]}`), as single records (one per line after a forwarder), as arrays (exports, `az`
 * output), or as a Log Analytics query API response (`{"tables": [{"columns": [...], "rows": [...]}]}`).
 */
export function unwrapAzureActivity(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => (Array.isArray(item) ? [item] : unwrapOne(item)));
  return unwrapOne(value);
}

function unwrapOne(value: unknown): unknown[] {
  if (!isJsonObject(value)) return [value];
  const records = value['records'];
  if (Array.isArray(records)) return records;
  const tables = value['tables'];
  if (Array.isArray(tables)) return tables.flatMap(tableRows);
  return [value];
}

/** Rows of a Log Analytics query API table, as objects keyed by column name. */
function tableRows(table: unknown): unknown[] {
  if (!isJsonObject(table) || !Array.isArray(table['columns']) || !Array.isArray(table['rows'])) return [];
  const names = table['columns'].map((c) =>
    isJsonObject(c) && typeof c['name'] === 'string' ? c['name'] : '',
  );
  return table['rows'].map((row) => {
    if (!Array.isArray(row)) return row;
    const object: JsonObject = {};
    names.forEach((name, i) => {
      if (name !== '' && row[i] !== null && row[i] !== undefined) object[name] = row[i];
    });
    return object;
  });
}

export function isAzureActivityRecord(record: JsonObject): boolean {
  return isDiagnosticActivityRecord(record) || isLogAnalyticsActivityRecord(record);
}
