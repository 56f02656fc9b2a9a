import type { EventLogsource } from '../../core/event';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, numberField, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { setGenAiUsage } from '../shared/gen-ai/usage';
import { contentId } from '../shared/identity';
import { redactKnownSecrets } from '../shared/secrets/known-secrets';
import { redactedContext } from '../shared/secrets/original-text';
import { badTimeReason, toIsoTimestamp } from '../shared/timestamps';
import { bodyText, rawWithCappedBodies, type BodyText } from './bodies';
import { readGuardrails, type GuardrailFindings } from './guardrail-trace';
import { genAiOperation, readModelExchange } from './model-exchange';
import { principalName } from './principal';
import { isBedrockInvocationRecord } from './unwrap';

/** Sigma has no log source for model invocation logs: this is tripline's own taxonomy entry. */
export const BEDROCK_INVOCATION_LOGSOURCE: EventLogsource = {
  product: 'bedrock',
  categories: [],
  services: ['invocation'],
};

const NS = 'aws_bedrock.invocation';

/**
 * One Bedrock model invocation log record → ECS with the names of Elastic's aws_bedrock integration
 * (`aws_bedrock.invocation.*`, Elastic's proposed `gen_ai.*`) and the ECS 9 / OpenTelemetry `gen_ai.*`
 * names, plus the record under `aws_bedrock.invocation.raw` with bodies over 8 KB cut. These logs carry
 * no source IP, user agent or access key: those are in CloudTrail, joined by the request id.
 */
export function normalizeBedrockInvocation(
  vendorRecord: JsonObject,
  context: NormalizeContext,
): NormalizeOutcome {
  if (!isBedrockInvocationRecord(vendorRecord)) {
    return {
      ok: false,
      reason:
        'not a Bedrock model invocation log record (needs schemaType ModelInvocationLog, or modelId, operation, requestId and accountId)',
    };
  }
  const timestamp = toIsoTimestamp(vendorRecord['timestamp']);
  if (!timestamp) return { ok: false, reason: badTimeReason('timestamp', vendorRecord['timestamp']) };

  const guardrails = readGuardrails(
    getField(vendorRecord, 'input.inputBodyJson'),
    getField(vendorRecord, 'output.outputBodyJson'),
  );
  // A credential the guardrail found (e.g. an AWS secret key in a completion) is in its trace: it goes
  // everywhere else too, so it is removed from the whole record and from the original text.
  const { value: record, found } = redactKnownSecrets(vendorRecord, guardrails?.secrets ?? []);

  const d: JsonObject = {};
  const operation = stringField(record, 'operation') ?? '';
  const modelId = stringField(record, 'modelId') ?? '';
  const arn = stringField(record, 'identity.arn');
  const accountId = stringField(record, 'accountId');
  const errorCode = stringField(record, 'errorCode');
  const inputBody = getField(record, 'input.inputBodyJson');
  const outputBody = getField(record, 'output.outputBodyJson');
  const exchange = readModelExchange(inputBody, outputBody);
  const failed = errorCode !== undefined || guardrails?.intervened === true;

  setField(d, 'event.kind', 'event');
  setField(d, 'event.category', ['api']);
  const denied = guardrails?.intervened === true || /AccessDenied/.test(errorCode ?? '');
  setField(d, 'event.type', denied ? ['access', 'denied'] : ['access']);
  setField(d, 'event.action', operation);
  setField(d, 'event.provider', 'bedrock.amazonaws.com');
  setField(d, 'event.outcome', failed ? 'failure' : 'success');
  if (exchange.latencyMs !== undefined) setField(d, 'event.duration', Math.round(exchange.latencyMs * 1e6));
  setField(d, 'error.code', errorCode);
  setField(d, 'cloud.provider', 'aws');
  setField(d, 'cloud.account.id', accountId);
  setField(d, 'cloud.region', record['region']);
  setField(d, 'cloud.service.name', 'bedrock');
  setField(d, 'user.id', arn);
  setField(d, 'user.name', arn ? principalName(arn) : undefined);

  setGenAi(d, record, operation, modelId, arn);
  setField(d, 'gen_ai.request.max_tokens', exchange.maxTokens);
  setField(d, 'gen_ai.request.temperature', exchange.temperature);
  setField(d, 'gen_ai.request.top_p', exchange.topP);
  setField(d, 'gen_ai.request.top_k', exchange.topK);
  setField(d, 'gen_ai.request.model_version', exchange.modelVersion);
  setField(d, 'gen_ai.response.id', exchange.responseId);
  setField(d, 'gen_ai.response.model', exchange.responseModel);
  setField(
    d,
    'gen_ai.response.finish_reasons',
    exchange.finishReasons.length > 0 ? exchange.finishReasons : undefined,
  );
  setField(d, 'gen_ai.response.error_code', errorCode);
  setField(d, 'gen_ai.performance.response_time', exchange.latencyMs);
  setField(d, 'gen_ai.performance.start_response_time', exchange.firstByteLatencyMs);
  if (guardrails) setGuardrails(d, guardrails);

  const input = bodyText(inputBody);
  const output = bodyText(outputBody);
  setField(d, 'gen_ai.prompt', input?.text);
  setField(d, 'gen_ai.completion', output?.text);
  setField(d, 'gen_ai.performance.request_size', input?.length);
  setField(d, 'gen_ai.performance.response_size', output?.length);

  setInvocationFields(d, record, input, output);
  setField(d, `${NS}.raw`, rawWithCappedBodies(record, input, output));

  const id = stringField(record, 'requestId') ?? contentId(vendorRecord);
  const key = arn ?? accountId ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'aws-bedrock-invocation',
        module: 'aws_bedrock',
        dataset: 'aws_bedrock.invocation',
        id,
        key,
        timestamp,
        logsource: BEDROCK_INVOCATION_LOGSOURCE,
        document: d,
        record,
      },
      redactedContext(context, found, record),
    ),
  };
}

function setGenAi(d: JsonObject, record: JsonObject, operation: string, modelId: string, arn?: string): void {
  setField(d, 'gen_ai.provider.name', 'aws.bedrock');
  setField(d, 'gen_ai.system', 'aws');
  setField(
    d,
    'gen_ai.operation.name',
    genAiOperation(operation, modelId, getField(record, 'input.inputBodyJson')),
  );
  // ECS 9 has gen_ai.request.model as a string; Elastic's rules read gen_ai.request.model.id, which cannot
  // coexist on that path, so the ECS name wins and Elastic's older alias gen_ai.model.id is written instead.
  setField(d, 'gen_ai.request.model', modelId);
  setField(d, 'gen_ai.model.id', modelId);
  setField(d, 'gen_ai.request.id', record['requestId']);
  setField(d, 'gen_ai.response.timestamp', toIsoTimestamp(record['timestamp']));
  setField(d, 'gen_ai.user.id', arn);
  const inputTokens = numberField(record, 'input.inputTokenCount');
  const outputTokens = numberField(record, 'output.outputTokenCount');
  setGenAiUsage(d, inputTokens, outputTokens);
}

function setGuardrails(d: JsonObject, g: GuardrailFindings): void {
  const list = (values: readonly unknown[]): readonly unknown[] | undefined =>
    values.length > 0 ? values : undefined;
  setField(d, 'gen_ai.guardrail_id', list(g.guardrailIds));
  setField(d, 'gen_ai.policy.name', list(g.policies));
  setField(d, 'gen_ai.policy.action', list(g.actions));
  setField(d, 'gen_ai.policy.confidence', list(g.confidences));
  setField(d, 'gen_ai.policy.match_detail', list(g.matchDetails));
  setField(d, 'gen_ai.compliance.violation_code', list(g.violationCodes));
  if (g.intervened) setField(d, 'gen_ai.compliance.violation_detected', true);
}

/** Elastic's `aws_bedrock.invocation.*` names for the record's own fields (bodies excepted). */
function setInvocationFields(
  d: JsonObject,
  record: JsonObject,
  input: BodyText | undefined,
  output: BodyText | undefined,
): void {
  setField(d, `${NS}.schema_type`, record['schemaType']);
  setField(d, `${NS}.schema_version`, record['schemaVersion']);
  setField(d, `${NS}.model_id`, stringField(record, 'modelId'));
  setField(d, `${NS}.request_id`, record['requestId']);
  setField(d, `${NS}.error_code`, stringField(record, 'errorCode'));
  setField(d, `${NS}.status`, record['status']);
  setField(d, `${NS}.inference_region`, record['inferenceRegion']);
  setField(d, `${NS}.performance_config.latency`, stringField(record, 'performanceConfig.latency'));
  setField(d, `${NS}.input.input_content_type`, stringField(record, 'input.inputContentType'));
  setField(d, `${NS}.input.input_token_count`, numberField(record, 'input.inputTokenCount'));
  setField(
    d,
    `${NS}.input.cache_read_input_token_count`,
    numberField(record, 'input.cacheReadInputTokenCount'),
  );
  setField(
    d,
    `${NS}.input.cache_write_input_token_count`,
    numberField(record, 'input.cacheWriteInputTokenCount'),
  );
  setField(d, `${NS}.input.input_body_s3_path`, stringField(record, 'input.inputBodyS3Path'));
  setField(d, `${NS}.output.output_content_type`, stringField(record, 'output.outputContentType'));
  setField(d, `${NS}.output.output_token_count`, numberField(record, 'output.outputTokenCount'));
  setField(d, `${NS}.output.output_body_s3_path`, stringField(record, 'output.outputBodyS3Path'));
  // Elastic's names for a body too large to keep; here the hash is SHA-256 of the body's JSON text.
  setField(d, `${NS}.input.input_body_json_massive_hash`, input?.hash);
  setField(d, `${NS}.input.input_body_json_massive_length`, input?.hash ? input.length : undefined);
  setField(d, `${NS}.output.output_body_json_massive_hash`, output?.hash);
  setField(d, `${NS}.output.output_body_json_massive_length`, output?.hash ? output.length : undefined);
}
