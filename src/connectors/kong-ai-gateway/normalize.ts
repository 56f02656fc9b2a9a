import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { capUtf8, finishEvent } from '../shared/finish-event';
import { conversationText, MAX_TEXT_BYTES } from '../shared/gen-ai/conversation-text';
import { genAiProviderName } from '../shared/gen-ai/provider-names';
import { setGenAiUsage } from '../shared/gen-ai/usage';
import { contentId } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { fingerprintsOf, redactRecord } from '../shared/secrets/redact-record';
import { toIsoTimestamp } from '../shared/timestamps';
import { findAiAnalytics, type AiAnalytics } from './ai-analytics';
import { isCredentialField, isUrlField, presentedCredential } from './credentials';
import { isKongLogRecord } from './unwrap';

export const KONG_LOGSOURCE = { product: 'llm_gateway', categories: [], services: ['kong'] } as const;

/** Largest AI payload (request or response body) kept in `kong.raw`, in UTF-8 bytes. */
const MAX_PAYLOAD_BYTES = MAX_TEXT_BYTES * 4;

/**
 * One Kong log object (with the AI Proxy plugin's `ai` analytics when the route proxies an LLM) → ECS
 * HTTP fields, `gen_ai.*` under both the ECS 9 / OpenTelemetry and Elastic names, and the record under
 * `kong.raw` with every credential header, cookie and key query parameter replaced by `[redacted]`.
 */
export function normalizeKong(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isKongLogRecord(record)) {
    return { ok: false, reason: 'not a Kong log object (needs request, response and latencies or ai)' };
  }
  const timestamp = toIsoTimestamp(record['started_at']);
  if (!timestamp) {
    return { ok: false, reason: `started_at is not a time: ${JSON.stringify(record['started_at'] ?? null)}` };
  }
  const presented = presentedCredential(record);
  const redacted = redactRecord(record, { isSecretKey: isCredentialField, isUrlKey: isUrlField });
  const ai = findAiAnalytics(redacted.value);
  const clean = capPayloads(redacted.value, ai);

  const d: JsonObject = {};
  const status = numberField(clean, 'response.status');
  setField(d, 'event.kind', 'event');
  setField(d, 'event.category', ['web']);
  setField(d, 'event.type', ['access']);
  setField(d, 'event.provider', 'kong');
  if (status !== undefined) setField(d, 'event.outcome', status < 400 ? 'success' : 'failure');
  const latency = numberField(clean, 'latencies.request');
  if (latency !== undefined) setField(d, 'event.duration', Math.round(latency * 1e6));
  setField(d, 'observer.vendor', 'Kong');
  setField(d, 'observer.product', 'Kong Gateway');

  setField(d, 'http.request.id', stringField(clean, 'request.id'));
  setField(d, 'http.request.method', stringField(clean, 'request.method'));
  setField(d, 'http.request.bytes', numberField(clean, 'request.size'));
  setField(d, 'http.response.status_code', status);
  setField(d, 'http.response.bytes', numberField(clean, 'response.size'));
  setUrl(d, stringField(clean, 'request.url'), stringField(clean, 'request.uri'));
  const ip = stringField(clean, 'client_ip');
  setField(d, 'source.address', ip);
  if (ip && isIP(ip)) setField(d, 'source.ip', ip);
  setField(d, 'user_agent.original', firstString(getField(clean, 'request.headers.user-agent')));
  setField(d, 'user.id', stringField(clean, 'consumer.id'));
  setField(d, 'user.name', stringField(clean, 'consumer.username'));
  const upstream = lastTry(clean);
  setField(d, 'destination.domain', stringField(upstream, 'hostname') ?? stringField(clean, 'service.host'));
  setField(d, 'destination.ip', stringField(upstream, 'ip'));
  setField(d, 'destination.port', numberField(upstream, 'port'));
  // The route path names the operation; on a custom path, the provider path Kong forwarded to does.
  const operation =
    operationOfPath(stringField(clean, 'request.uri')) ?? operationOfPath(stringField(clean, 'upstream_uri'));
  if (ai) setAiFields(d, ai, operation);

  const k = 'kong';
  setField(d, `${k}.request_id`, stringField(clean, 'request.id'));
  setField(d, `${k}.workspace_name`, stringField(clean, 'workspace_name'));
  setField(d, `${k}.service.name`, stringField(clean, 'service.name'));
  setField(d, `${k}.route.name`, stringField(clean, 'route.name'));
  setField(d, `${k}.consumer.custom_id`, stringField(clean, 'consumer.custom_id'));
  setField(d, `${k}.authenticated_entity.id`, stringField(clean, 'authenticated_entity.id'));
  setField(d, `${k}.upstream_status`, numberField(clean, 'upstream_status'));
  setField(d, `${k}.latencies`, isJsonObject(clean['latencies']) ? clean['latencies'] : undefined);
  setField(d, `${k}.ai.source`, ai?.path);
  const others = fingerprintsOf(redacted.found).filter((f) => f !== presented);
  setField(d, `${k}.redacted_secrets.fingerprint`, others.length > 0 ? others : undefined);
  setField(d, `${k}.raw`, clean);
  // `tripline.*` is rewritten by finishEvent, so the cross-source key field lives under `llm.api_key`.
  setField(d, 'llm.api_key.fingerprint', presented);

  const id = stringField(clean, 'request.id') ?? contentId(clean);
  const key =
    stringField(clean, 'consumer.id') ??
    stringField(clean, 'authenticated_entity.id') ??
    ip ??
    presented ??
    id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'kong-ai-gateway',
        module: 'kong',
        dataset: 'kong.ai_gateway',
        id,
        key,
        timestamp,
        logsource: { ...KONG_LOGSOURCE, categories: [], services: ['kong'] },
        document: d,
        record: clean,
      },
      redactedContext(context, redacted.found, clean),
    ),
  };
}

/**
 * Provider, models, usage and latency under both name sets. Elastic's integrations write the model as
 * `gen_ai.request.model.id`, which clashes with ECS 9's string `gen_ai.request.model`: ECS 9 is kept.
 */
function setAiFields(d: JsonObject, ai: AiAnalytics, operation: string | undefined): void {
  setField(d, 'gen_ai.operation.name', operation);
  setField(d, 'event.action', operation ?? 'llm_request');
  setField(d, 'gen_ai.provider.name', genAiProviderName(known(stringField(ai.meta, 'provider_name'))));
  setField(d, 'gen_ai.request.model', known(stringField(ai.meta, 'request_model')));
  setField(d, 'gen_ai.response.model', known(stringField(ai.meta, 'response_model')));
  // Kong 3.6–3.7 wrote `prompt_token`/`completion_token`; later versions the plural names.
  const input = numberField(ai.usage, 'prompt_tokens') ?? numberField(ai.usage, 'prompt_token');
  const output = numberField(ai.usage, 'completion_tokens') ?? numberField(ai.usage, 'completion_token');
  setGenAiUsage(d, input, output);
  setField(d, 'gen_ai.performance.response_time', numberField(ai.meta, 'llm_latency'));
  setField(d, 'llm.cost.usd', numberField(ai.usage, 'cost'));
  setField(d, 'kong.ai.plugin_id', stringField(ai.meta, 'plugin_id'));
  setField(d, 'kong.ai.total_tokens', numberField(ai.usage, 'total_tokens'));
  setField(d, 'kong.ai.time_per_token', numberField(ai.usage, 'time_per_token'));
  setField(d, 'gen_ai.prompt', bodyText(ai.request, 'messages'));
  setField(d, 'gen_ai.completion', bodyText(ai.response, 'choices'));
}

/** OpenTelemetry operation names of the OpenAI-style (and Anthropic messages) paths AI Proxy serves. */
function operationOfPath(uri: string | undefined): string | undefined {
  const path = uri?.split('?')[0] ?? '';
  if (/\/chat\/completions$|\/messages$|\/responses$/.test(path)) return 'chat';
  if (/\/embeddings$/.test(path)) return 'embeddings';
  if (/\/completions$/.test(path)) return 'text_completion';
  return undefined;
}

/** AI Proxy writes `UNSPECIFIED` when it could not tell the provider or model. */
function known(value: string | undefined): string | undefined {
  return value === 'UNSPECIFIED' ? undefined : value;
}

/** A payload is the raw body text: the conversation when it is OpenAI-style JSON, else the text itself. */
function bodyText(body: unknown, field: string): string | undefined {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isJsonObject(parsed)) return conversationText(parsed[field] ?? parsed['input'] ?? parsed['prompt']);
  } catch {
    // A truncated or non-JSON body: keep its text.
  }
  return capUtf8(body, MAX_PAYLOAD_BYTES);
}

/** Request and response bodies can be whole documents: a copy of the record with them cut. */
function capPayloads(record: JsonObject, ai: AiAnalytics | undefined): JsonObject {
  if (!ai) return record;
  const cap = (value: unknown): unknown =>
    typeof value === 'string' ? capUtf8(value, MAX_PAYLOAD_BYTES) : value;
  const copy = structuredClone(record);
  const payload = getField(copy, `${ai.path}.payload`);
  if (isJsonObject(payload)) for (const key of ['request', 'response']) payload[key] = cap(payload[key]);
  const shared = getField(copy, 'ai.payload');
  if (isJsonObject(shared)) shared['request'] = cap(shared['request']);
  return copy;
}

function setUrl(d: JsonObject, url: string | undefined, uri: string | undefined): void {
  setField(d, 'url.original', url ?? uri);
  const [path, query] = (uri ?? '').split('?', 2);
  setField(d, 'url.path', path);
  setField(d, 'url.query', query);
  if (!url) return;
  try {
    const parsed = new URL(url);
    setField(d, 'url.scheme', parsed.protocol.replace(/:$/, ''));
    setField(d, 'url.domain', parsed.hostname);
    if (parsed.port !== '') setField(d, 'url.port', Number(parsed.port));
  } catch {
    // Not an absolute URL: url.original keeps it.
  }
}

function lastTry(record: JsonObject): JsonObject {
  const tries = record['tries'];
  const last: unknown = Array.isArray(tries) ? tries[tries.length - 1] : undefined;
  return isJsonObject(last) ? last : {};
}

/** Kong writes a header sent more than once as an array of values. */
function firstString(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}
