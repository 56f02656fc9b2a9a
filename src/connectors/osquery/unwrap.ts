import { isJsonObject } from '../shared/document-paths';

/**
 * osquery's result logs come in three shapes: differential rows (`columns` + `action: added|removed`,
 * one per line), snapshot results (`snapshot: [rows]`) and batched differential results
 * (`diffResults: {added: [rows], removed: [rows]}`). The TLS logger POSTs them in `data` (beside the
 * node's `node_key`, a secret that is dropped here). Each row becomes one record that keeps its query
 * name, host, times and decorations, with its row under `columns` and its `action`.
 */
export function unwrapOsqueryResults(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapOsqueryResults);
  if (!isJsonObject(value)) return [value];
  const data = value['data'];
  if (Array.isArray(data) && 'node_key' in value) return data.flatMap(unwrapOsqueryResults);
  const snapshot = value['snapshot'];
  if (Array.isArray(snapshot)) {
    const envelope = without(value, 'snapshot');
    return snapshot.map((row) => ({ ...envelope, action: 'snapshot', columns: row }));
  }
  const diff = value['diffResults'];
  if (isJsonObject(diff)) {
    const envelope = without(value, 'diffResults');
    return (['added', 'removed'] as const).flatMap((action) => {
      const rows = diff[action];
      return Array.isArray(rows) ? rows.map((row) => ({ ...envelope, action, columns: row })) : [];
    });
  }
  return [value];
}

/** One result row of a scheduled query: its name, the host, a time and the row's columns. */
export function isOsqueryResult(record: Record<string, unknown>): boolean {
  return (
    typeof record['name'] === 'string' &&
    typeof record['hostIdentifier'] === 'string' &&
    ('unixTime' in record || 'calendarTime' in record) &&
    (isJsonObject(record['columns']) ||
      Array.isArray(record['snapshot']) ||
      isJsonObject(record['diffResults']))
  );
}

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
