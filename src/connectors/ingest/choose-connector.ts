import type { ConnectorType, JsonObject } from '../connector-type';

/**
 * Picks the connector for a record: the configured one, or the first whose `detect` accepts it when the
 * source is `auto`. Connectors are tried in registry order, most specific formats first.
 */
export function chooseConnector(
  record: JsonObject,
  configured: ConnectorType | undefined,
  candidates: readonly ConnectorType[],
): ConnectorType | undefined {
  if (configured) return configured;
  return candidates.find((c) => c.detect(record));
}
