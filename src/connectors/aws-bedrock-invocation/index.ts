import type { ConnectorType } from '../connector-type';
import { BEDROCK_INVOCATION_LOGSOURCE, normalizeBedrockInvocation } from './normalize';
import { isBedrockInvocationRecord, unwrapBedrockInvocations } from './unwrap';

export const awsBedrockInvocationConnector: ConnectorType = {
  id: 'aws-bedrock-invocation',
  title: 'Amazon Bedrock model invocation logs (CloudWatch Logs events and subscriptions, S3 JSON lines)',
  logsources: [BEDROCK_INVOCATION_LOGSOURCE],
  pipelines: ['detections/pipelines/aws-bedrock-invocation.yml'],
  unwrap: unwrapBedrockInvocations,
  detect: isBedrockInvocationRecord,
  normalize: normalizeBedrockInvocation,
};
