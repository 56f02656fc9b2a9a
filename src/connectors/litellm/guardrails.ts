import type { JsonObject } from '../connector-type';
import { isJsonObject, numberField, setField, stringField } from '../shared/document-paths';

const INTERVENED = 'guardrail_intervened';

/**
 * `guardrail_information` (one object in older LiteLLM versions, a list in newer ones) → Elastic's
 * guardrail fields (`gen_ai.guardrail_id`, `gen_ai.policy.*`, `gen_ai.compliance.*`), and the overall
 * guardrail status under `litellm.guardrail_status` (`status_fields.guardrail_status` when LiteLLM
 * wrote it, else `guardrail_intervened` when any guardrail intervened).
 */
export function setGuardrailFields(d: JsonObject, payload: JsonObject): void {
  const raw = payload['guardrail_information'];
  const guardrails = (Array.isArray(raw) ? raw : [raw]).filter(isJsonObject);
  const statuses = guardrails.map((g) => stringField(g, 'guardrail_status'));
  const intervened = guardrails.filter((g) => stringField(g, 'guardrail_status') === INTERVENED);
  const overall =
    stringField(payload, 'status_fields.guardrail_status') ??
    (intervened.length > 0 ? INTERVENED : statuses.find((s) => s !== undefined));

  setField(d, 'litellm.guardrail_status', overall);
  setField(
    d,
    'gen_ai.guardrail_id',
    list(guardrails.map((g) => stringField(g, 'guardrail_id') ?? stringField(g, 'guardrail_name'))),
  );
  // The policy fields describe the guardrails that acted, as Elastic's Bedrock pipeline does.
  const acted = intervened;
  setField(d, 'gen_ai.policy.name', list(acted.map((g) => stringField(g, 'guardrail_name'))));
  setField(
    d,
    'gen_ai.policy.action',
    list(acted.map((g) => stringField(g, 'guardrail_action') ?? 'INTERVENED')),
  );
  const confidence = acted.map((g) => numberField(g, 'confidence_score')).find((c) => c !== undefined);
  setField(d, 'gen_ai.policy.confidence', confidence);
  setField(
    d,
    'gen_ai.compliance.violation_code',
    list(acted.flatMap((g) => (Array.isArray(g['violation_categories']) ? g['violation_categories'] : []))),
  );
  if (overall === INTERVENED) setField(d, 'gen_ai.compliance.violation_detected', true);
}

function list(values: unknown[]): string[] | undefined {
  const present = [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
  return present.length > 0 ? present : undefined;
}
