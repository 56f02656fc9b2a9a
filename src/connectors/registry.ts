import type { ConnectorType } from './connector-type';
import { awsCloudTrailConnector } from './aws-cloudtrail';
import { azureActivityConnector } from './azure-activity';
import { gcpAuditConnector } from './gcp-audit';
import { kubernetesAuditConnector } from './kubernetes-audit';
import { openAiAuditConnector } from './openai-audit';
import { liteLlmConnector } from './litellm';
import { kongAiGatewayConnector } from './kong-ai-gateway';
import { awsBedrockInvocationConnector } from './aws-bedrock-invocation';
import { azureOpenAiConnector } from './azure-openai';
import { azureApimGatewayConnector } from './azure-apim-gateway';
import { windowsSysmonConnector } from './windows-sysmon';
import { defenderEndpointConnector } from './defender-endpoint';
import { crowdstrikeFdrConnector } from './crowdstrike-fdr';
import { osqueryConnector } from './osquery';

/** Every source type tripline reads, by id. Configs and `--source` refer to these ids only. */
export const CONNECTOR_TYPES: readonly ConnectorType[] = [
  awsCloudTrailConnector,
  azureActivityConnector,
  gcpAuditConnector,
  kubernetesAuditConnector,
  openAiAuditConnector,
  liteLlmConnector,
  kongAiGatewayConnector,
  awsBedrockInvocationConnector,
  azureOpenAiConnector,
  azureApimGatewayConnector,
  windowsSysmonConnector,
  defenderEndpointConnector,
  crowdstrikeFdrConnector,
  osqueryConnector,
];

export function connectorType(id: string): ConnectorType | undefined {
  return CONNECTOR_TYPES.find((c) => c.id === id);
}
