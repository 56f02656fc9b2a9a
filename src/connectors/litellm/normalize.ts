import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { conversationText } from '../shared/gen-ai/conversation-text';
import { genAiProviderName } from '../shared/gen-ai/provider-names';
import { finishEvent } from '../shared/finish-event';
import { setGenAiUsage } from '../shared/gen-ai/usage';
import { credentialFingerprint } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { fingerprintsOf, redactRecord } from '../shared/secrets/redact-record';
import { isCredentialParameter } from '../shared/secrets/secret-names';
import { toIsoTimestamp } from '../shared/timestamps';
import { operationName } from './call-types';
import { setGuardrailFields } from './guardrails';
import { capPayload } from './payload-caps';
import { isLiteLlmPayload } from './unwrap';

export const LITELLM_LOGSOURCE = { product: 'llm_gateway', categories: [], services: ['litellm'] } as const;

/**
 * Fields that hold a credential whatever their content: the virtual key hash (LiteLLM hashes keys, but a
 * hash that identifies a key is kept only as a fingerprint), key values, and auth header names that
 * `requester_custom_headers` may carry. Only top-level, `metadata`, `hidden_params` and
 * `model_parameters` keys are tested: a chat response has innocent `token` keys (logprobs).
 */
const KEY_CONTAINERS = new Set(['metadata', 'hidden_params', 'model_parameters']);

function isSecretKey(key: string, parents: readonly string[]): boolean {
  const top = parents[0];
  return (
    (top === undefined || KEY_CONTAINERS.has(top)) &&
    (isCredentialParameter(key) || /(^|[-_])hash$/i.test(key))
  );
}

/**
 * One LiteLLM `StandardLoggingPayload` → ECS: the OpenTelemetry/ECS 9 `gen_ai.*` names together with
 * Elastic's integration names, HTTP caller fields, the key's owner, and the payload under `litellm.raw`
 * (credentials redacted, `messages`/`response` capped).
 */
export function normalizeLiteLlm(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isLiteLlmPayload(record)) {
    return { ok: false, reason: 'not a LiteLLM StandardLoggingPayload (needs id, call_type, startTime)' };
  }
  const timestamp = toIsoTimestamp(record['startTime']);
  if (!timestamp) {
    return { ok: false, reason: `startTime is not a time: ${JSON.stringify(record['startTime'] ?? null)}` };
  }
  const keyHash = stringField(record, 'metadata.user_api_key_hash');
  const keyFingerprint = keyHash ? credentialFingerprint(keyHash) : undefined;
  const { value: clean, found } = redactRecord(record, { isSecretKey });
  const fingerprints = fingerprintsOf(found);
  const messages = capPayload(clean['messages']);
  const response = capPayload(clean['response']);
  const raw: JsonObject = { ...clean };
  if ('messages' in raw) raw['messages'] = messages.value;
  if ('response' in raw) raw['response'] = response.value;

  const d: JsonObject = {};
  const p = clean;
  const status = stringField(p, 'status');
  const callType = p['call_type'] as string;
  const start = numberField(p, 'startTime');
  const end = numberField(p, 'endTime');
  const firstToken = numberField(p, 'completionStartTime');

  setField(d, 'event.kind', 'event');
  setField(d, 'event.category', ['web']);
  setField(d, 'event.type', [status === 'failure' ? 'error' : 'access']);
  setField(d, 'event.action', callType);
  setField(d, 'event.outcome', status === 'success' || status === 'failure' ? status : undefined);
  setField(d, 'event.provider', 'litellm');
  if (start !== undefined && end !== undefined && end >= start) {
    setField(d, 'event.duration', Math.round((end - start) * 1e9));
    setField(d, 'event.end', toIsoTimestamp(end));
    setField(d, 'gen_ai.performance.response_time', Math.round((end - start) * 1000));
  }
  if (start !== undefined && firstToken !== undefined && firstToken >= start) {
    setField(d, 'gen_ai.performance.start_response_time', Math.round((firstToken - start) * 1000));
  }
  setField(d, 'event.start', timestamp);
  setField(d, 'trace.id', stringField(p, 'trace_id'));
  setField(d, 'observer.vendor', 'BerriAI');
  setField(d, 'observer.product', 'LiteLLM');

  const ip = stringField(p, 'requester_ip_address') ?? stringField(p, 'metadata.requester_ip_address');
  setField(d, 'source.address', ip);
  if (ip && isIP(ip)) setField(d, 'source.ip', ip);
  setField(d, 'user_agent.original', stringField(p, 'user_agent') ?? stringField(p, 'metadata.user_agent'));
  setField(d, 'user.id', stringField(p, 'metadata.user_api_key_user_id'));
  setField(d, 'user.email', stringField(p, 'metadata.user_api_key_user_email'));
  setField(d, 'group.id', stringField(p, 'metadata.user_api_key_team_id'));
  setField(d, 'group.name', stringField(p, 'metadata.user_api_key_team_alias'));
  setField(d, 'organization.id', stringField(p, 'metadata.user_api_key_org_id'));
  setUpstream(d, stringField(p, 'api_base') ?? stringField(p, 'hidden_params.api_base'));

  const errorCode =
    stringField(p, 'error_information.error_code') ?? numberField(p, 'error_information.error_code');
  setField(d, 'error.code', errorCode === undefined ? undefined : String(errorCode));
  setField(d, 'error.type', stringField(p, 'error_information.error_class'));
  setField(
    d,
    'error.message',
    capText(stringField(p, 'error_str') ?? stringField(p, 'error_information.error_message')),
  );
  if (errorCode !== undefined && /^[1-5]\d\d$/.test(String(errorCode))) {
    setField(d, 'http.response.status_code', Number(errorCode));
  }

  setGenAiFields(d, p, callType);
  setField(d, 'gen_ai.prompt', conversationText(messages.value));
  setField(d, 'gen_ai.completion', conversationText(response.value));
  setGuardrailFields(d, p);

  // `tripline.*` is rewritten by finishEvent, so the cross-source key fields live under `llm.api_key`.
  setField(d, 'llm.api_key.fingerprint', keyFingerprint);
  setField(d, 'llm.api_key.alias', stringField(p, 'metadata.user_api_key_alias'));
  setField(d, 'llm.cost.usd', numberField(p, 'response_cost'));
  const l = 'litellm';
  setField(d, `${l}.call_type`, callType);
  setField(d, `${l}.status`, status);
  setField(d, `${l}.model`, stringField(p, 'model'));
  setField(d, `${l}.model_group`, stringField(p, 'model_group'));
  setField(d, `${l}.model_id`, stringField(p, 'model_id'));
  setField(d, `${l}.api_base`, stringField(p, 'api_base'));
  setField(d, `${l}.cache_hit`, typeof p['cache_hit'] === 'boolean' ? p['cache_hit'] : undefined);
  setField(d, `${l}.end_user`, stringField(p, 'end_user'));
  setField(
    d,
    `${l}.request_tags`,
    Array.isArray(p['request_tags']) && p['request_tags'].length > 0 ? p['request_tags'] : undefined,
  );
  setField(d, `${l}.total_tokens`, numberField(p, 'total_tokens'));
  setField(d, `${l}.response_cost`, numberField(p, 'response_cost'));
  setField(d, `${l}.payload_truncated`, messages.truncated || response.truncated ? true : undefined);
  // The key hash is always there and already in llm.api_key.fingerprint: list only the others.
  const others = fingerprints.filter((f) => f !== keyFingerprint);
  setField(d, `${l}.redacted_secrets.fingerprint`, others.length > 0 ? others : undefined);
  setField(d, `${l}.raw`, raw);

  const id = p['id'] as string;
  const key =
    keyFingerprint ??
    stringField(p, 'metadata.user_api_key_alias') ??
    stringField(p, 'metadata.user_api_key_user_id') ??
    stringField(p, 'metadata.user_api_key_team_id') ??
    ip ??
    id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'litellm',
        module: 'litellm',
        dataset: 'litellm.spend',
        id,
        key,
        timestamp,
        logsource: { ...LITELLM_LOGSOURCE, categories: [], services: ['litellm'] },
        document: d,
        record: raw,
      },
      // A capped payload no longer reads as the received text: event.original is then rebuilt from it.
      messages.truncated || response.truncated
        ? { ...context, originalText: undefined }
        : redactedContext(context, found, raw),
    ),
  };
}

/**
 * Model, provider, usage and request parameters under both name sets. Elastic's integrations write the
 * model as `gen_ai.request.model.id`; that path clashes with ECS 9's string `gen_ai.request.model`, and
 * the ECS 9 name is kept.
 */
function setGenAiFields(d: JsonObject, p: JsonObject, callType: string): void {
  setField(d, 'gen_ai.operation.name', operationName(callType));
  setField(
    d,
    'gen_ai.provider.name',
    genAiProviderName(
      stringField(p, 'custom_llm_provider') ?? stringField(p, 'error_information.llm_provider'),
    ),
  );
  // model_group is the name the client asked for; model is the deployment LiteLLM routed it to.
  setField(d, 'gen_ai.request.model', stringField(p, 'model_group') ?? stringField(p, 'model'));
  setField(
    d,
    'gen_ai.response.model',
    stringField(p, 'response.model') ??
      stringField(p, 'hidden_params.litellm_model_name') ??
      stringField(p, 'model'),
  );
  setField(d, 'gen_ai.response.id', stringField(p, 'response.id'));
  const choices = getField(p, 'response.choices');
  if (Array.isArray(choices)) {
    const reasons = choices.map((c) => stringField(c, 'finish_reason')).filter((r) => r !== undefined);
    setField(d, 'gen_ai.response.finish_reasons', reasons.length > 0 ? reasons : undefined);
  }
  const params = isJsonObject(p['model_parameters']) ? p['model_parameters'] : {};
  setField(
    d,
    'gen_ai.request.max_tokens',
    numberField(params, 'max_tokens') ?? numberField(params, 'max_completion_tokens'),
  );
  setField(d, 'gen_ai.request.temperature', numberField(params, 'temperature'));
  setField(d, 'gen_ai.request.top_p', numberField(params, 'top_p'));
  const input = numberField(p, 'prompt_tokens');
  const output = numberField(p, 'completion_tokens');
  setGenAiUsage(d, input, output);
}

/** `api_base` is the upstream provider endpoint the call went to. */
function setUpstream(d: JsonObject, apiBase: string | undefined): void {
  if (!apiBase) return;
  try {
    const host = new URL(apiBase).hostname;
    setField(d, isIP(host) ? 'destination.ip' : 'destination.domain', host);
    setField(d, 'destination.address', host);
  } catch {
    // Not a URL (a bare deployment name): litellm.api_base keeps it.
  }
}

function capText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : (capPayload(text).value as string);
}
