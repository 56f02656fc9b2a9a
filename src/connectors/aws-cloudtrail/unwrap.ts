import { isJsonObject } from '../shared/document-paths';

/**
 * CloudTrail arrives as S3 delivery files (`{"Records": [...]}`), as EventBridge events (the record in
 * `detail`, with `detail-type: "AWS API Call via CloudTrail"`), or as single records (CloudWatch Logs,
 * Lake exports). Forwarders may add fields around the record; only the record is kept.
 */
export function unwrapCloudTrail(value: unknown): unknown[] {
  if (!isJsonObject(value)) return [value];
  const records = value['Records'];
  if (Array.isArray(records)) return records;
  const detail = value['detail'];
  if (isJsonObject(detail) && typeof value['detail-type'] === 'string' && 'eventName' in detail) {
    return [detail];
  }
  return [value];
}

export function isCloudTrailRecord(record: Record<string, unknown>): boolean {
  return (
    typeof record['eventSource'] === 'string' &&
    typeof record['eventName'] === 'string' &&
    ('awsRegion' in record || 'userIdentity' in record)
  );
}
