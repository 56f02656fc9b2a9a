import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { contentId } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { redactAuditRecord } from '../shared/secrets/audit-redaction';
import { toIsoTimestamp } from '../shared/timestamps';
import { undottedKeys } from '../shared/undotted-keys';
import { parseKubernetesResourceName } from './kubernetes-resource';
import { parseLogName } from './log-name';
import { auditEventType } from './method-types';
import { isAuditLogEntry, isPubSubEnvelope } from './unwrap';
import { vertexAiCall } from './vertex-ai';

export const GCP_AUDIT_LOGSOURCE = { product: 'gcp', categories: [], services: ['gcp.audit'] } as const;

/** Caller addresses Google writes instead of an IP for calls from inside Google Cloud. */
const NON_IP_CALLERS = new Set(['gce-internal-ip', 'private']);

/**
 * One Cloud Audit Logs LogEntry → ECS with the names of Elastic's GCP integration (`gcp.audit.*`, which
 * SigmaHQ's GCP rules use, e.g. `gcp.audit.method_name`), plus the entry itself (secrets redacted) under
 * `gcp.audit.raw` for rules that name LogEntry fields (see detections/pipelines/gcp-audit.yml).
 */
export function normalizeGcpAudit(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isAuditLogEntry(record)) {
    return {
      ok: false,
      reason: isPubSubEnvelope(record)
        ? 'Pub/Sub message data is not a base64-encoded JSON LogEntry'
        : 'not a Cloud Audit Logs entry (needs protoPayload of @type google.cloud.audit.AuditLog)',
    };
  }
  const timestamp = toIsoTimestamp(record['timestamp']);
  if (!timestamp) {
    return { ok: false, reason: `timestamp is not a time: ${JSON.stringify(record['timestamp'])}` };
  }

  const { value: entry, found, secrets } = redactAuditRecord(record);
  const payload = entry['protoPayload'] as JsonObject;
  const serviceName = stringField(payload, 'serviceName');
  const methodName = stringField(payload, 'methodName');
  const resourceName = stringField(payload, 'resourceName');
  const principalEmail = stringField(payload, 'authenticationInfo.principalEmail');
  const principalSubject = stringField(payload, 'authenticationInfo.principalSubject');
  const keyName = stringField(payload, 'authenticationInfo.serviceAccountKeyName');
  const logName = parseLogName(stringField(entry, 'logName'));
  const projectId = stringField(entry, 'resource.labels.project_id') ?? logName.projectId;
  const authorization = authorizationInfo(payload['authorizationInfo']);
  const statusCode = statusCodeOf(payload['status']);

  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.action', methodName);
  setField(d, 'event.provider', logName.kind);
  setField(d, 'event.outcome', outcome(statusCode, authorization));
  const types = auditEventType(
    serviceName,
    methodName,
    authorization.map((a) => a['granted']).filter((g): g is boolean => typeof g === 'boolean'),
  );
  setField(d, 'event.category', types.category);
  setField(d, 'event.type', types.type);
  setField(d, 'log.logger', entry['logName']);
  setField(d, 'log.level', entry['severity']);
  setField(d, 'service.name', serviceName);
  setField(d, 'cloud.provider', 'gcp');
  setField(d, 'cloud.project.id', projectId);
  setField(d, 'cloud.service.name', serviceName);
  const location = cloudLocation(entry, payload);
  setField(d, 'cloud.region', location.region);
  setField(d, 'cloud.availability_zone', location.zone);
  setField(d, 'cloud.instance.id', stringField(entry, 'resource.labels.instance_id'));
  setField(d, 'client.user.email', principalEmail);
  setField(d, 'client.user.id', principalSubject);
  setField(d, 'user.name', principalEmail);
  setField(d, 'user.email', principalEmail);
  setField(d, 'user.id', principalSubject);
  setField(d, 'related.user', principalEmail ? [principalEmail] : undefined);
  const callerIp = stringField(payload, 'requestMetadata.callerIp');
  if (callerIp && !NON_IP_CALLERS.has(callerIp) && isIP(callerIp)) {
    setField(d, 'source.ip', callerIp);
    setField(d, 'related.ip', [callerIp]);
  } else {
    setField(d, 'source.address', callerIp);
  }
  setField(d, 'user_agent.original', stringField(payload, 'requestMetadata.callerSuppliedUserAgent'));
  writeKubernetes(d, entry, resourceName);
  writeGenAi(d, serviceName, methodName, resourceName, payload['request']);
  writeAuditFields(d, entry, payload, authorization, statusCode, logName.logId);
  if (secrets.length > 0) setField(d, 'gcp.audit.redacted_secrets', secrets);
  setField(d, 'gcp.audit.raw', entry);

  const id = stringField(entry, 'insertId') ?? contentId(record);
  const key = keyName ?? principalEmail ?? principalSubject ?? projectId ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'gcp-audit',
        module: 'gcp',
        dataset: 'gcp.audit',
        id,
        key,
        timestamp,
        logsource: { ...GCP_AUDIT_LOGSOURCE, categories: [], services: ['gcp.audit'] },
        document: d,
        record: entry,
      },
      redactedContext(context, found, entry),
    ),
  };
}

/** `authorizationInfo[]` as Elastic names it (`resourceAttributes` → `resource_attributes`). */
function authorizationInfo(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).map((item) => {
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(item)) {
      out[
        key === 'resourceAttributes'
          ? 'resource_attributes'
          : key === 'permissionType'
            ? 'permission_type'
            : key
      ] = v;
    }
    return out;
  });
}

/** google.rpc.Status: proto3 JSON leaves out a zero code, so `"status": {}` is OK (code 0). */
function statusCodeOf(status: unknown): number | undefined {
  if (!isJsonObject(status)) return undefined;
  return numberField(status, 'code') ?? 0;
}

function outcome(statusCode: number | undefined, authorization: JsonObject[]): string {
  if (statusCode !== undefined) return statusCode === 0 ? 'success' : 'failure';
  // Elastic's rule: without a status, a single authorization decision tells.
  const only = authorization.length === 1 ? authorization[0]?.['granted'] : undefined;
  if (typeof only === 'boolean') return only ? 'success' : 'failure';
  return 'unknown';
}

function writeKubernetes(d: JsonObject, entry: JsonObject, resourceName: string | undefined): void {
  const type = stringField(entry, 'resource.type');
  if (type !== 'k8s_cluster' && type !== 'gke_cluster') return;
  setField(d, 'orchestrator.type', 'kubernetes');
  setField(d, 'orchestrator.cluster.name', stringField(entry, 'resource.labels.cluster_name'));
  if (type !== 'k8s_cluster') return;
  const resource = parseKubernetesResourceName(resourceName);
  setField(d, 'orchestrator.api_version', resource.apiVersion);
  setField(d, 'orchestrator.namespace', resource.namespace);
  setField(d, 'orchestrator.resource.type', resource.type);
  setField(d, 'orchestrator.resource.name', resource.name);
}

function writeGenAi(
  d: JsonObject,
  serviceName: string | undefined,
  methodName: string | undefined,
  resourceName: string | undefined,
  request: unknown,
): void {
  const call = vertexAiCall(serviceName, methodName, resourceName, request);
  if (!call) return;
  setField(d, 'gen_ai.provider.name', 'gcp.vertex_ai');
  setField(d, 'gen_ai.operation.name', call.operation);
  // ECS 9 / OpenTelemetry name (a string). Elastic's integrations write `gen_ai.request.model.id`, which
  // cannot live beside it on the same path; the ECS name is kept.
  setField(d, 'gen_ai.request.model', call.model);
}

function writeAuditFields(
  d: JsonObject,
  entry: JsonObject,
  payload: JsonObject,
  authorization: JsonObject[],
  statusCode: number | undefined,
  logId: string | undefined,
): void {
  const a = 'gcp.audit';
  setField(d, `${a}.type`, payload['@type']);
  setField(d, `${a}.service_name`, payload['serviceName']);
  setField(d, `${a}.method_name`, payload['methodName']);
  setField(d, `${a}.resource_name`, payload['resourceName']);
  // Not one of Elastic's fields: the decoded log id, which the `data.protoPayload.logName` of some
  // SigmaHQ rules compares with (`cloudaudit.googleapis.com/activity`).
  setField(d, `${a}.log_id`, logId);
  const auth = isJsonObject(payload['authenticationInfo']) ? payload['authenticationInfo'] : {};
  setField(d, `${a}.authentication_info.principal_email`, auth['principalEmail']);
  setField(d, `${a}.authentication_info.principal_subject`, auth['principalSubject']);
  setField(d, `${a}.authentication_info.authority_selector`, auth['authoritySelector']);
  setField(d, `${a}.authentication_info.service_account_key_name`, auth['serviceAccountKeyName']);
  setField(
    d,
    `${a}.authentication_info.service_account_delegation_info`,
    undottedKeys(auth['serviceAccountDelegationInfo']),
  );
  setField(d, `${a}.authentication_info.third_party_principal`, undottedKeys(auth['thirdPartyPrincipal']));
  setField(d, `${a}.authorization_info`, authorization.length > 0 ? authorization : undefined);
  setField(d, `${a}.request_metadata.caller_ip`, stringField(payload, 'requestMetadata.callerIp'));
  setField(
    d,
    `${a}.request_metadata.caller_supplied_user_agent`,
    stringField(payload, 'requestMetadata.callerSuppliedUserAgent'),
  );
  setField(d, `${a}.status.code`, statusCode);
  setField(d, `${a}.status.message`, stringField(payload, 'status.message'));
  setField(d, `${a}.num_response_items`, numberField(payload, 'numResponseItems'));
  setField(
    d,
    `${a}.resource_location.current_locations`,
    stringList(payload, 'resourceLocation.currentLocations'),
  );
  setField(d, `${a}.request`, undottedKeys(payload['request']));
  setField(d, `${a}.response`, undottedKeys(payload['response']));
  setField(d, `${a}.labels`, undottedKeys(entry['labels']));
  const operation = isJsonObject(entry['operation']) ? entry['operation'] : {};
  if (operation['id'] !== entry['insertId']) setField(d, `${a}.logentry_operation.id`, operation['id']);
  setField(d, `${a}.logentry_operation.producer`, operation['producer']);
  setField(d, `${a}.logentry_operation.first`, operation['first']);
  setField(d, `${a}.logentry_operation.last`, operation['last']);
}

function stringList(record: JsonObject, path: string): string[] | undefined {
  const value = getField(record, path);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/**
 * Region and zone from the monitored resource's labels (`region`, `zone`, or `location`, which is a zone
 * for zonal GKE clusters), else from where the audited resource lives.
 */
function cloudLocation(entry: JsonObject, payload: JsonObject): { region?: string; zone?: string } {
  const zone = stringField(entry, 'resource.labels.zone');
  const location =
    stringField(entry, 'resource.labels.region') ??
    stringField(entry, 'resource.labels.location') ??
    stringList(payload, 'resourceLocation.currentLocations')?.[0];
  const zoneName = zone ?? (location && ZONE.test(location) ? location : undefined);
  if (zoneName) return { region: zoneName.replace(/-[a-z]$/, ''), zone: zoneName };
  return { region: location && location !== 'global' ? location : undefined };
}

const ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
