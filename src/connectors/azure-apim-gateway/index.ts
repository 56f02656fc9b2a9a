import type { ConnectorType } from '../connector-type';
import { unwrapAzureRecords } from '../shared/azure/azure-records';
import { APIM_GATEWAY_LOGSOURCE, isApimGatewayRecord, normalizeApimGateway } from './normalize';

export const azureApimGatewayConnector: ConnectorType = {
  id: 'azure-apim-gateway',
  title: 'Azure API Management GatewayLogs in front of Azure OpenAI (Event Hub or storage)',
  logsources: [APIM_GATEWAY_LOGSOURCE],
  pipelines: ['detections/pipelines/azure-apim-gateway.yml'],
  unwrap: unwrapAzureRecords,
  detect: isApimGatewayRecord,
  normalize: normalizeApimGateway,
};
