import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';

/**
 * Kubernetes audit events arrive one `audit.k8s.io/v1` `Event` per line (log backend), as an
 * `EventList` (webhook backend batches, `{"kind": "EventList", "items": [...]}`), as arrays, and from
 * AKS diagnostic settings (`{"records": [{"category": "kube-audit", "properties": {"log": "<Event JSON>"}}]}`).
 * GKE delivers them through Cloud Audit Logs instead: that is the gcp-audit connector.
 */
export function unwrapKubernetesAudit(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => (Array.isArray(item) ? [item] : unwrapOne(item)));
  return unwrapOne(value);
}

function unwrapOne(value: unknown): unknown[] {
  if (!isJsonObject(value)) return [value];
  if (value['kind'] === 'EventList' && Array.isArray(value['items'])) return value['items'];
  if (Array.isArray(value['records'])) return value['records'].map(aksEvent);
  return [aksEvent(value)];
}

/** The Event in an AKS `kube-audit`/`kube-audit-admin` record; the record itself when it holds none. */
function aksEvent(record: unknown): unknown {
  if (!isAksAuditRecord(record)) return record;
  try {
    const event: unknown = JSON.parse(record['properties']['log']);
    return isJsonObject(event) ? event : record;
  } catch {
    return record;
  }
}

export function isAksAuditRecord(record: unknown): record is JsonObject & { properties: { log: string } } {
  return (
    isJsonObject(record) &&
    typeof record['category'] === 'string' &&
    record['category'].startsWith('kube-audit') &&
    isJsonObject(record['properties']) &&
    typeof record['properties']['log'] === 'string'
  );
}

/** An `audit.k8s.io` Event (not a core `v1` Event, which has the same `kind`). */
export function isKubernetesAuditEvent(record: JsonObject): boolean {
  const apiVersion = record['apiVersion'];
  if (record['kind'] === 'Event' && typeof apiVersion === 'string')
    return apiVersion.startsWith('audit.k8s.io/');
  return (
    typeof record['auditID'] === 'string' &&
    typeof record['verb'] === 'string' &&
    typeof record['requestURI'] === 'string'
  );
}
