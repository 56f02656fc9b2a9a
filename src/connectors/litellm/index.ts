import type { ConnectorType } from '../connector-type';
import { LITELLM_LOGSOURCE, normalizeLiteLlm } from './normalize';
import { isLiteLlmPayload, unwrapLiteLlm } from './unwrap';

export const liteLlmConnector: ConnectorType = {
  id: 'litellm',
  title: 'LiteLLM proxy StandardLoggingPayload (generic API, S3, GCS, SQS and custom callback loggers)',
  logsources: [LITELLM_LOGSOURCE],
  pipelines: ['detections/pipelines/litellm.yml'],
  unwrap: unwrapLiteLlm,
  detect: isLiteLlmPayload,
  normalize: normalizeLiteLlm,
};
