import { isJsonObject } from '../document-paths';

/** `callerIpAddress` → `caller_ip_address`, `Tenant` → `tenant`: the key rewrite of Elastic's Azure pipelines. */
export function snakeCase(key: string): string {
  return key.replace(/_?([a-z])([A-Z]+)/g, '$1_$2').toLowerCase();
}

/** A copy of a JSON value with every object key snake_cased (arrays and nested objects too). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[snakeCase(key)] = snakeCaseKeys(inner);
  return out;
}

/** Top-level fields Elastic's Azure pipelines move to `@timestamp`, `azure.resource.id` and `event.duration`. */
const MOVED_FIELDS = new Set(['time', 'resourceId', 'durationMs']);

/** Elastic's `azure.open_ai` copy of a record: snake_cased, without the fields its pipeline moves elsewhere. */
export function elasticAzureCopy(record: Record<string, unknown>): unknown {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!MOVED_FIELDS.has(key)) rest[key] = value;
  return snakeCaseKeys(rest);
}
