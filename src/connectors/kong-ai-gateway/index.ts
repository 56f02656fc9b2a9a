import type { ConnectorType } from '../connector-type';
import { KONG_LOGSOURCE, normalizeKong } from './normalize';
import { isKongLogRecord, unwrapKong } from './unwrap';

export const kongAiGatewayConnector: ConnectorType = {
  id: 'kong-ai-gateway',
  title: 'Kong AI Gateway (Kong log-plugin JSON with AI Proxy analytics; http-log batches, file-log lines)',
  logsources: [KONG_LOGSOURCE],
  pipelines: ['detections/pipelines/kong-ai-gateway.yml'],
  unwrap: unwrapKong,
  detect: isKongLogRecord,
  normalize: normalizeKong,
};
