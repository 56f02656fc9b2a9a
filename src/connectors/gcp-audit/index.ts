import type { ConnectorType } from '../connector-type';
import { GCP_AUDIT_LOGSOURCE, normalizeGcpAudit } from './normalize';
import { isAuditLogEntry, unwrapGcpAudit } from './unwrap';

export const gcpAuditConnector: ConnectorType = {
  id: 'gcp-audit',
  title:
    'GCP Cloud Audit Logs incl. Vertex AI (LogEntry, Pub/Sub push/pull envelopes, gcloud logging read arrays)',
  logsources: [GCP_AUDIT_LOGSOURCE],
  pipelines: ['detections/pipelines/gcp-audit.yml'],
  unwrap: unwrapGcpAudit,
  detect: isAuditLogEntry,
  normalize: normalizeGcpAudit,
};
