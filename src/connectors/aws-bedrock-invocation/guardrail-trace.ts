import type { JsonObject } from '../connector-type';
import { getField, isJsonObject } from '../shared/document-paths';
import { credentialFingerprint } from '../shared/identity';

/** What Bedrock Guardrails did to one invocation, in the shape of Elastic's `gen_ai.policy.*` fields. */
export interface GuardrailFindings {
  intervened: boolean;
  guardrailIds: string[];
  /** `content_policy`, `topic_policy`, `word_policy`, `sensitive_information_policy`, ... that fired. */
  policies: string[];
  actions: string[];
  confidences: string[];
  /** Content filter types that fired (`PROMPT_ATTACK`, `HATE`, `MISCONDUCT`, ...). */
  violationCodes: string[];
  /** Word and sensitive-information matches. */
  matchDetails: JsonObject[];
  /** Matched texts that are credentials: the caller removes them from everything it keeps. */
  secrets: string[];
}

/** Sensitive-information types whose matched text is a credential: it is fingerprinted, never kept. */
const CREDENTIAL_TYPES = new Set(['AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'PASSWORD', 'PIN']);

/**
 * Reads the guardrail trace of an invocation. InvokeModel responses carry
 * `"amazon-bedrock-guardrailAction": "INTERVENED"` and `"amazon-bedrock-trace": {"guardrail": {"input":
 * {<id>: assessment}, "outputs": [{<id>: assessment}]}}` (on the last chunk when streamed); Converse
 * responses `stopReason: "guardrail_intervened"` and `trace.guardrail.{inputAssessment: {<id>: assessment},
 * outputAssessments: {<id>: [assessment]}}`. An assessment maps policies to lists of findings, e.g.
 * `contentPolicy.filters[{type, confidence, action}]`.
 */
export function readGuardrails(inputBody: unknown, outputBody: unknown): GuardrailFindings | undefined {
  const f: GuardrailFindings = {
    intervened: false,
    guardrailIds: [],
    policies: [],
    actions: [],
    confidences: [],
    violationCodes: [],
    matchDetails: [],
    secrets: [],
  };
  const configured = getField(inputBody, 'guardrailConfig.guardrailIdentifier');
  if (typeof configured === 'string') addUnique(f.guardrailIds, configured);

  for (const part of responseParts(outputBody)) {
    if (
      part['amazon-bedrock-guardrailAction'] === 'INTERVENED' ||
      part['stopReason'] === 'guardrail_intervened'
    ) {
      f.intervened = true;
    }
    const trace = getField(part, 'amazon-bedrock-trace.guardrail') ?? getField(part, 'trace.guardrail');
    if (!isJsonObject(trace)) continue;
    const byGuardrail: [string, unknown][] = [];
    for (const key of ['input', 'inputAssessment']) {
      if (isJsonObject(trace[key])) byGuardrail.push(...Object.entries(trace[key]));
    }
    const outputs = trace['outputs'];
    if (Array.isArray(outputs))
      for (const o of outputs) if (isJsonObject(o)) byGuardrail.push(...Object.entries(o));
    const outputAssessments = trace['outputAssessments'];
    if (isJsonObject(outputAssessments)) {
      for (const [id, list] of Object.entries(outputAssessments)) {
        for (const a of Array.isArray(list) ? list : [list]) byGuardrail.push([id, a]);
      }
    }
    for (const [id, assessment] of byGuardrail) {
      addUnique(f.guardrailIds, id);
      if (isJsonObject(assessment)) readAssessment(assessment, f);
    }
  }
  for (const list of [f.guardrailIds, f.policies, f.actions, f.confidences, f.violationCodes]) list.sort();
  return f.intervened || f.guardrailIds.length > 0 || f.policies.length > 0 ? f : undefined;
}

/** The objects of a response that may carry guardrail results: the body, or each chunk of a stream. */
function responseParts(outputBody: unknown): JsonObject[] {
  const chunks = Array.isArray(outputBody) ? outputBody : [outputBody];
  const parts: JsonObject[] = [];
  for (const chunk of chunks) {
    if (!isJsonObject(chunk)) continue;
    parts.push(chunk);
    // ConverseStream events: {"metadata": {"trace": ...}}, {"messageStop": {"stopReason": ...}}.
    for (const key of ['metadata', 'messageStop']) if (isJsonObject(chunk[key])) parts.push(chunk[key]);
  }
  return parts;
}

function readAssessment(assessment: JsonObject, f: GuardrailFindings): void {
  for (const [policyKey, policy] of Object.entries(assessment)) {
    if (!policyKey.endsWith('Policy') || !isJsonObject(policy)) continue;
    const policyName = policyKey.replace(/([A-Z])/g, '_$1').toLowerCase();
    for (const findings of Object.values(policy)) {
      if (!Array.isArray(findings)) continue;
      for (const finding of findings) {
        if (!isJsonObject(finding)) continue;
        const action = typeof finding['action'] === 'string' ? finding['action'] : undefined;
        if ((action === undefined || action === 'NONE') && finding['detected'] !== true) continue;
        addUnique(f.policies, policyName);
        if (action) addUnique(f.actions, action);
        const type = typeof finding['type'] === 'string' ? finding['type'] : undefined;
        if (policyKey === 'contentPolicy') {
          if (type) addUnique(f.violationCodes, type);
          if (typeof finding['confidence'] === 'string') addUnique(f.confidences, finding['confidence']);
        } else if (policyKey === 'wordPolicy' || policyKey === 'sensitiveInformationPolicy') {
          f.matchDetails.push(matchDetail(policyName, finding, type, f.secrets));
        }
      }
    }
  }
}

function matchDetail(
  policy: string,
  finding: JsonObject,
  type: string | undefined,
  secrets: string[],
): JsonObject {
  const detail: JsonObject = { policy, ...finding };
  const match = finding['match'];
  if (type && CREDENTIAL_TYPES.has(type) && typeof match === 'string' && match.length >= 4) {
    delete detail['match'];
    detail['match_fingerprint'] = credentialFingerprint(match);
    addUnique(secrets, match);
  }
  return detail;
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
