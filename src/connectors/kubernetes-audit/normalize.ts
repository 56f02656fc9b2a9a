import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { contentId } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { redactAuditRecord } from '../shared/secrets/audit-redaction';
import { toIsoTimestamp } from '../shared/timestamps';
import { undottedKeys } from '../shared/undotted-keys';
import { containerImages } from './container-images';
import { isAksAuditRecord, isKubernetesAuditEvent } from './unwrap';
import { auditEventType } from './verb-types';

export const KUBERNETES_AUDIT_LOGSOURCE = {
  product: 'kubernetes',
  categories: ['application'],
  services: ['audit'],
} as const;

/** Fields Elastic's integration keeps under `kubernetes.audit` (request and response bodies stay in `raw`). */
const ELASTIC_FIELDS = [
  'kind',
  'apiVersion',
  'level',
  'auditID',
  'stage',
  'requestURI',
  'verb',
  'user',
  'impersonatedUser',
  'sourceIPs',
  'userAgent',
  'objectRef',
  'responseStatus',
  'requestReceivedTimestamp',
  'stageTimestamp',
  'annotations',
];

/**
 * One `audit.k8s.io` Event → ECS (`orchestrator.*`, `user.*`, `source.*`) plus Elastic's
 * `kubernetes.audit.*`, and the event itself (secrets redacted) under `kubernetes.audit.raw`, where
 * SigmaHQ's Kubernetes rules find `verb`, `objectRef.resource`, ... (detections/pipelines/kubernetes-audit.yml).
 * Every stage of a request is kept; the id is the audit id and the stage, so each stays unique.
 */
export function normalizeKubernetesAudit(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isKubernetesAuditEvent(record)) {
    return {
      ok: false,
      reason: isAksAuditRecord(record)
        ? 'AKS kube-audit record whose properties.log is not a JSON audit Event (truncated?)'
        : 'not a Kubernetes audit event (needs apiVersion audit.k8s.io/*, or auditID, verb and requestURI)',
    };
  }
  const stageTime = toIsoTimestamp(record['stageTimestamp']);
  const receivedTime = toIsoTimestamp(record['requestReceivedTimestamp']);
  const timestamp = stageTime ?? receivedTime;
  if (!timestamp) {
    return {
      ok: false,
      reason: `stageTimestamp is not a time: ${JSON.stringify(record['stageTimestamp'])} (nor requestReceivedTimestamp: ${JSON.stringify(record['requestReceivedTimestamp'])})`,
    };
  }

  const resource = stringField(record, 'objectRef.resource');
  const {
    value: event,
    found,
    secrets,
  } = redactAuditRecord(record, {
    // Secret bodies, patches included (they carry no `kind`), whatever their keys are named.
    secretObjectPaths: resource === 'secrets' ? ['requestObject', 'responseObject'] : [],
  });
  const verb = stringField(event, 'verb') ?? '';
  const username = stringField(event, 'user.username');
  const decision = annotation(event, 'authorization.k8s.io/decision');
  const statusCode = numberField(event, 'responseStatus.code');

  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.action', verb);
  setField(d, 'event.provider', 'kube-apiserver');
  setField(d, 'event.outcome', outcome(statusCode, decision));
  const types = auditEventType(verb, stringField(event, 'objectRef.apiGroup'), resource, decision);
  setField(d, 'event.category', types.category);
  setField(d, 'event.type', types.type);
  setField(d, 'event.start', receivedTime);
  if (stageTime && receivedTime) {
    setField(d, 'event.end', stageTime);
    setField(d, 'event.duration', (Date.parse(stageTime) - Date.parse(receivedTime)) * 1_000_000);
  }
  setField(d, 'user.name', username);
  setField(d, 'user.id', stringField(event, 'user.uid'));
  setField(d, 'user.effective.name', stringField(event, 'impersonatedUser.username'));
  setField(d, 'user.effective.id', stringField(event, 'impersonatedUser.uid'));
  setField(d, 'related.user', username ? [username] : undefined);
  const ips = Array.isArray(event['sourceIPs'])
    ? event['sourceIPs'].filter((ip): ip is string => typeof ip === 'string' && isIP(ip) !== 0)
    : [];
  // The first address is the client; later ones are proxies in between.
  setField(d, 'source.ip', ips[0]);
  setField(d, 'client.ip', ips[0]);
  setField(d, 'related.ip', ips.length > 0 ? ips : undefined);
  setField(d, 'user_agent.original', stringField(event, 'userAgent'));
  setField(d, 'url.original', stringField(event, 'requestURI'));
  setField(d, 'http.response.status_code', statusCode);
  setField(d, 'orchestrator.type', 'kubernetes');
  setField(d, 'orchestrator.namespace', stringField(event, 'objectRef.namespace'));
  setField(d, 'orchestrator.api_version', stringField(event, 'objectRef.apiVersion'));
  setField(d, 'orchestrator.resource.type', resource);
  setField(d, 'orchestrator.resource.name', stringField(event, 'objectRef.name'));
  const images = containerImages(event['requestObject']);
  setField(d, 'container.image.name', images.length > 0 ? images : undefined);
  for (const field of ELASTIC_FIELDS) setField(d, `kubernetes.audit.${field}`, undottedKeys(event[field]));
  if (secrets.length > 0) setField(d, 'kubernetes.audit.redacted_secrets', secrets);
  setField(d, 'kubernetes.audit.raw', event);

  const auditId = stringField(event, 'auditID');
  const stage = stringField(event, 'stage');
  const id = auditId ? (stage ? `${auditId}-${stage}` : auditId) : contentId(record);
  const key = username ?? ips[0] ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'kubernetes-audit',
        module: 'kubernetes',
        dataset: 'kubernetes.audit_logs',
        id,
        key,
        timestamp,
        logsource: { ...KUBERNETES_AUDIT_LOGSOURCE, categories: ['application'], services: ['audit'] },
        document: d,
        record: event,
      },
      redactedContext(context, found, event),
    ),
  };
}

/** Annotation keys are dotted (`authorization.k8s.io/decision`), so they are read by key, not by path. */
function annotation(event: JsonObject, key: string): string | undefined {
  const annotations = event['annotations'];
  const value = isJsonObject(annotations) ? annotations[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A failed response is a failure whatever the authorizer said; else the authorizer's decision, else the code. */
function outcome(statusCode: number | undefined, decision: string | undefined): string {
  if (statusCode !== undefined && statusCode >= 400) return 'failure';
  if (decision === 'forbid') return 'failure';
  if (decision === 'allow' || statusCode !== undefined) return 'success';
  return 'unknown';
}
