import type { ConnectorType } from '../connector-type';
import { normalizeOpenAiAudit, OPENAI_AUDIT_LOGSOURCE } from './normalize';
import { isOpenAiAuditRecord, unwrapOpenAiAudit } from './unwrap';

export const openAiAuditConnector: ConnectorType = {
  id: 'openai-audit',
  title: 'OpenAI organization audit logs (Admin API list pages, single audit-log objects)',
  logsources: [OPENAI_AUDIT_LOGSOURCE],
  pipelines: ['detections/pipelines/openai-audit.yml'],
  unwrap: unwrapOpenAiAudit,
  detect: isOpenAiAuditRecord,
  normalize: normalizeOpenAiAudit,
};
