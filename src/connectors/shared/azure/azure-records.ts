import type { JsonObject } from '../../connector-type';
import { isJsonObject } from '../document-paths';

/**
 * Azure resource logs arrive from Event Hub and storage-account exports as `{"records": [...]}`, from
 * some forwarders as a JSON array, or one record at a time (storage JSON lines, Log Analytics exports).
 */
export function unwrapAzureRecords(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapAzureRecords);
  if (!isJsonObject(value)) return [value];
  const records = value['records'];
  if (Array.isArray(records)) return records;
  return [value];
}

/**
 * `properties` is an object in most deliveries but a JSON *string* in some (the Elastic integration's
 * test data has both). Returns the parsed object, or undefined when absent or unparsable.
 */
export function recordProperties(record: JsonObject): JsonObject | undefined {
  const properties = record['properties'];
  if (isJsonObject(properties)) return properties;
  if (typeof properties !== 'string' || properties.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(properties);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
