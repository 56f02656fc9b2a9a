import { isIP } from 'node:net';
import type { EventLogsource } from '../../core/event';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { recordProperties } from '../shared/azure/azure-records';
import { azureRegion, setAzureResourceFields } from '../shared/azure/azure-resource';
import { genAiOperationName } from '../shared/azure/gen-ai-operation';
import { elasticAzureCopy } from '../shared/azure/snake-case';
import { isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { capUtf8, finishEvent } from '../shared/finish-event';
import { setGenAiUsage } from '../shared/gen-ai/usage';
import { contentId } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { fingerprintsOf } from '../shared/secrets/redact-record';
import { badTimeReason, toIsoTimestamp } from '../shared/timestamps';
import { filterHits, mergeContentFilterResults } from './content-filter';
import { parseOpenAiBody, readExchange, type OpenAiExchange } from './openai-payload';
import { presentedKeyFingerprint, redactGatewayProperties } from './gateway-credentials';

export const APIM_GATEWAY_LOGSOURCE: EventLogsource = {
  product: 'azure_openai',
  categories: [],
  services: ['gateway'],
};

/** Elastic's azure_openai integration keeps API Management GatewayLogs under the same namespace. */
const NS = 'azure.open_ai';

/** Each logged body is kept (in the raw record and gen_ai.prompt/completion) up to this many bytes. */
export const BODY_TEXT_LIMIT = 8192;
const BODY_FIELDS = ['requestBody', 'responseBody', 'backendRequestBody', 'backendResponseBody'];

export function isApimGatewayRecord(record: JsonObject): boolean {
  if (record['category'] !== 'GatewayLogs') return false;
  const resourceId = record['resourceId'];
  return (
    (typeof resourceId === 'string' &&
      /\/providers\/microsoft\.apimanagement\/service\//i.test(resourceId)) ||
    record['operationName'] === 'Microsoft.ApiManagement/GatewayLogs'
  );
}

/**
 * One API Management GatewayLogs record (an API call through the gateway, typically to Azure OpenAI) →
 * ECS `http.*`/`url.*`/`source.*`, `gen_ai.*` read from the logged OpenAI bodies (tokens, models,
 * content-filter results), Elastic's snake_cased copy under `azure.open_ai`, and the record under
 * `azure.open_ai.raw` with credentials redacted and bodies cut to 8 KB.
 */
export function normalizeApimGateway(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isApimGatewayRecord(record)) {
    return {
      ok: false,
      reason:
        'not an API Management GatewayLogs record (needs category GatewayLogs from Microsoft.ApiManagement)',
    };
  }
  const timestamp = toIsoTimestamp(record['time']);
  if (!timestamp) return { ok: false, reason: badTimeReason('time', record['time']) };

  const redaction = redactGatewayProperties(recordProperties(record) ?? {});
  const p = redaction.value;
  const safeRecord: JsonObject = { ...record, properties: p };
  const d: JsonObject = {};

  const status = numberField(p, 'responseCode');
  const success = typeof record['isRequestSuccess'] === 'boolean' ? record['isRequestSuccess'] : undefined;
  const operation = stringField(p, 'operationId');
  setField(d, 'event.kind', 'event');
  setField(d, 'event.provider', 'Microsoft.ApiManagement');
  setField(d, 'event.action', operation ?? stringField(record, 'operationName'));
  setField(d, 'event.category', ['web']);
  setField(d, 'event.type', ['access']);
  const outcome = success ?? (status === undefined ? undefined : status < 400);
  if (outcome !== undefined) setField(d, 'event.outcome', outcome ? 'success' : 'failure');
  const durationMs = numberField(record, 'durationMs');
  if (durationMs !== undefined) setField(d, 'event.duration', Math.round(durationMs * 1e6));

  setHttp(d, p, status);
  const caller = stringField(record, 'callerIpAddress');
  setField(d, 'source.address', caller);
  if (caller && isIP(caller)) {
    setField(d, 'source.ip', caller);
    setField(d, 'related.ip', [caller]);
  }
  setField(d, 'user.id', stringField(p, 'userId'));
  setField(d, 'user_agent.original', header(p['requestHeaders'], 'user-agent'));
  setField(d, 'tls.version', stringField(p, 'clientTlsVersion'));
  const resource = setAzureResourceFields(d, stringField(record, 'resourceId'));
  setField(d, 'cloud.region', azureRegion(record['location']));
  setField(d, 'cloud.service.name', 'api_management');

  const requestChunks = parseOpenAiBody(p['requestBody'] ?? p['backendRequestBody']);
  const responseChunks = parseOpenAiBody(p['responseBody'] ?? p['backendResponseBody']);
  const exchange = readExchange(requestChunks, responseChunks);
  const path = urlPath(stringField(p, 'backendUrl') ?? stringField(p, 'url'));
  const deployment = /\/deployments\/([^/?#]+)/i.exec(path ?? '')?.[1];
  const operationName = genAiOperationName(operation, path);
  const filters = mergeContentFilterResults(responseChunks);
  if (operationName || deployment || exchange.inputTokens !== undefined || filters) {
    setGenAi(d, p, exchange, operationName, deployment);
  }
  if (filters) {
    const hits = filterHits(filters);
    if (hits.length > 0) {
      setField(
        d,
        'gen_ai.policy.name',
        hits.map((h) => h.name),
      );
      const blocked = hits.some((h) => h.category.filtered === true);
      setField(d, 'gen_ai.policy.action', [blocked ? 'BLOCKED' : 'DETECTED']);
      const severities = [...new Set(hits.flatMap((h) => h.category.severity ?? []))].sort();
      setField(d, 'gen_ai.policy.confidence', severities.length > 0 ? severities : undefined);
      setField(d, 'gen_ai.compliance.violation_detected', true);
      setField(
        d,
        'gen_ai.compliance.violation_code',
        hits.map((h) => h.name),
      );
    }
  }
  setField(d, 'error.code', exchange.errorCode);
  setField(d, 'error.message', exchange.errorMessage ?? stringField(p, 'lastErrorMessage'));

  setField(d, NS, elasticAzureCopy({ ...safeRecord, properties: withoutBodies(p) }));
  setField(d, `${NS}.content_filter_results`, filters);
  const { raw, truncated } = cappedRecord(safeRecord, p);
  setField(d, `${NS}.raw`, raw);
  setField(d, `${NS}.raw_truncated_fields`, truncated.length > 0 ? truncated : undefined);

  // `tripline.*` is rewritten by finishEvent: the cross-source key fields live under `llm.api_key`. The
  // subscription id names the key without being it (like an AWS access key id); a key API Management did
  // not accept has no subscription id, only the fingerprint of what was sent.
  const subscription = stringField(p, 'apimSubscriptionId');
  const presented = presentedKeyFingerprint(redaction);
  setField(d, 'llm.api_key.id', subscription);
  setField(d, 'llm.api_key.fingerprint', presented);
  const others = fingerprintsOf(redaction.found).filter((f) => f !== presented);
  setField(d, `${NS}.redacted_secrets.fingerprint`, others.length > 0 ? others : undefined);

  const id = stringField(record, 'correlationId') ?? contentId(safeRecord);
  const key = subscription ?? presented ?? (caller && isIP(caller) ? caller : resource?.id) ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'azure-apim-gateway',
        module: 'azure_openai',
        dataset: 'azure_openai.logs',
        id,
        key,
        timestamp,
        logsource: APIM_GATEWAY_LOGSOURCE,
        document: d,
        record: safeRecord,
      },
      redactedContext(context, redaction.found, safeRecord),
    ),
  };
}

function setHttp(d: JsonObject, p: JsonObject, status: number | undefined): void {
  setField(d, 'http.request.method', stringField(p, 'method'));
  setField(d, 'http.response.status_code', status);
  setField(d, 'http.request.bytes', numberField(p, 'requestSize'));
  setField(d, 'http.response.bytes', numberField(p, 'responseSize'));
  setField(d, 'http.version', stringField(p, 'clientProtocol')?.replace(/^HTTP\//i, ''));
  const original = stringField(p, 'url');
  if (!original) return;
  setField(d, 'url.original', original);
  try {
    const url = new URL(original);
    setField(d, 'url.scheme', url.protocol.replace(/:$/, ''));
    setField(d, 'url.domain', url.hostname);
    setField(d, 'url.path', url.pathname);
    setField(d, 'url.query', url.search.replace(/^\?/, ''));
  } catch {
    // Not an absolute URL: url.original alone.
  }
}

function setGenAi(
  d: JsonObject,
  p: JsonObject,
  x: OpenAiExchange,
  operationName: string | undefined,
  deployment: string | undefined,
): void {
  setField(d, 'gen_ai.provider.name', 'azure.ai.openai');
  setField(d, 'gen_ai.system', 'az.ai.openai');
  setField(d, 'gen_ai.operation.name', operationName);
  // Azure routes by deployment (in the URL); the body's `model` is optional there. ECS 9 keeps the model as
  // a string at gen_ai.request.model, where Elastic's Bedrock rules have an object (gen_ai.request.model.id).
  setField(d, 'gen_ai.request.model', deployment ?? x.requestModel);
  setField(d, 'gen_ai.request.max_tokens', x.maxTokens);
  setField(d, 'gen_ai.request.temperature', x.temperature);
  setField(d, 'gen_ai.request.top_p', x.topP);
  setField(d, 'gen_ai.response.id', x.responseId);
  setField(d, 'gen_ai.response.model', x.responseModel);
  setField(d, 'gen_ai.response.finish_reasons', x.finishReasons.length > 0 ? x.finishReasons : undefined);
  setField(d, 'gen_ai.response.error_code', x.errorInnerCode ?? x.errorCode);
  setGenAiUsage(d, x.inputTokens, x.outputTokens);
  setField(d, 'gen_ai.usage.total_tokens', x.totalTokens);
  setField(d, 'gen_ai.performance.response_time', numberField(p, 'backendTime'));
  setField(d, 'gen_ai.performance.request_size', numberField(p, 'requestSize'));
  setField(d, 'gen_ai.performance.response_size', numberField(p, 'responseSize'));
  setField(d, 'gen_ai.prompt', bodyText(p['requestBody'] ?? p['backendRequestBody']));
  setField(d, 'gen_ai.completion', bodyText(p['responseBody'] ?? p['backendResponseBody']));
}

function bodyText(body: unknown): string | undefined {
  const text = typeof body === 'string' ? body : isJsonObject(body) ? JSON.stringify(body) : undefined;
  return text === undefined ? undefined : capUtf8(text, BODY_TEXT_LIMIT);
}

function withoutBodies(p: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(p)) if (!BODY_FIELDS.includes(k)) out[k] = v;
  return out;
}

/** The (redacted) record with each body longer than 8 KB cut, and the paths of the cut fields. */
function cappedRecord(record: JsonObject, p: JsonObject): { raw: JsonObject; truncated: string[] } {
  const properties: JsonObject = { ...p };
  const truncated: string[] = [];
  for (const field of BODY_FIELDS) {
    const text = properties[field];
    if (typeof text !== 'string') continue;
    const capped = capUtf8(text, BODY_TEXT_LIMIT);
    if (capped.length < text.length) {
      properties[field] = capped;
      truncated.push(`properties.${field}`);
    }
  }
  return { raw: { ...record, properties }, truncated };
}

function header(headers: unknown, name: string): string | undefined {
  let object: unknown = headers;
  if (typeof headers === 'string') {
    try {
      object = JSON.parse(headers);
    } catch {
      return undefined;
    }
  }
  if (!isJsonObject(object)) return undefined;
  const entry = Object.entries(object).find(([k]) => k.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string'
    ? value
    : Array.isArray(value)
      ? stringField({ v: value[0] }, 'v')
      : undefined;
}

function urlPath(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0];
  }
}
