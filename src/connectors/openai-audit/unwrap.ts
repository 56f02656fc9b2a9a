import { isJsonObject } from '../shared/document-paths';

/**
 * OpenAI audit logs are pulled from `GET /v1/organization/audit_logs`: a page
 * `{"object": "list", "data": [...], "first_id", "last_id", "has_more"}`, or its records one by one
 * (NDJSON written by a poller), or a bare JSON array of records.
 */
export function unwrapOpenAiAudit(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isJsonObject(value) && value['object'] === 'list' && Array.isArray(value['data'])) return value['data'];
  return [value];
}

/**
 * An audit-log object: `id` and `type` are required by the schema, and `object` is
 * `organization.audit_log` (older exports omit it; ids then start with `audit_log-`, or an `actor` is
 * there). `effective_at` is not required here, so a record without it is rejected naming the field.
 */
export function isOpenAiAuditRecord(record: Record<string, unknown>): boolean {
  const id = record['id'];
  if (typeof id !== 'string' || typeof record['type'] !== 'string') return false;
  return (
    record['object'] === 'organization.audit_log' ||
    id.startsWith('audit_log') ||
    isJsonObject(record['actor'])
  );
}
