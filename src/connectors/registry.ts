import type { ConnectorType } from './connector-type';
import { awsCloudTrailConnector } from './aws-cloudtrail';

/** Every source type tripline reads, by id. Configs and `--source` refer to these ids only. */
export const CONNECTOR_TYPES: readonly ConnectorType[] = [awsCloudTrailConnector];

export function connectorType(id: string): ConnectorType | undefined {
  return CONNECTOR_TYPES.find((c) => c.id === id);
}
