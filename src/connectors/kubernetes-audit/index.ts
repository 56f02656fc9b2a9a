import type { ConnectorType } from '../connector-type';
import { KUBERNETES_AUDIT_LOGSOURCE, normalizeKubernetesAudit } from './normalize';
import { isKubernetesAuditEvent, unwrapKubernetesAudit } from './unwrap';

export const kubernetesAuditConnector: ConnectorType = {
  id: 'kubernetes-audit',
  title: 'Kubernetes audit log (audit.k8s.io/v1 Event per line, EventList, AKS kube-audit records)',
  logsources: [KUBERNETES_AUDIT_LOGSOURCE],
  pipelines: ['detections/pipelines/kubernetes-audit.yml'],
  unwrap: unwrapKubernetesAudit,
  detect: isKubernetesAuditEvent,
  normalize: normalizeKubernetesAudit,
};
