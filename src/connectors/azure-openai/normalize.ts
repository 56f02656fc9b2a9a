import { isIP } from 'node:net';
import type { EventLogsource } from '../../core/event';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { recordProperties } from '../shared/azure/azure-records';
import { azureRegion, setAzureResourceFields } from '../shared/azure/azure-resource';
import { genAiOperationName } from '../shared/azure/gen-ai-operation';
import { elasticAzureCopy } from '../shared/azure/snake-case';
import { numberField, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { contentId } from '../shared/identity';
import { badTimeReason, toIsoTimestamp } from '../shared/timestamps';

export const AZURE_OPENAI_LOGSOURCES = {
  RequestResponse: { product: 'azure_openai', categories: [], services: ['request_response'] },
  Audit: { product: 'azure_openai', categories: [], services: ['audit'] },
  Trace: { product: 'azure_openai', categories: [], services: ['trace'] },
} as const satisfies Record<string, EventLogsource>;

type Category = keyof typeof AZURE_OPENAI_LOGSOURCES;

const NS = 'azure.open_ai';

/** Diagnostic categories of `Microsoft.CognitiveServices/accounts` (Azure OpenAI, AI Foundry / AI Services). */
export function isAzureOpenAiRecord(record: JsonObject): boolean {
  const category = record['category'];
  const resourceId = record['resourceId'];
  return (
    typeof category === 'string' &&
    category in AZURE_OPENAI_LOGSOURCES &&
    typeof resourceId === 'string' &&
    /\/providers\/microsoft\.cognitiveservices\/accounts\//i.test(resourceId)
  );
}

/**
 * One Azure OpenAI diagnostic record → ECS with Elastic's azure_openai names (the record snake_cased under
 * `azure.open_ai`), `gen_ai.*` for inference calls, and the record itself under `azure.open_ai.raw`.
 * RequestResponse records carry no tokens, prompts or content-filter results, and a masked caller IP.
 */
export function normalizeAzureOpenAi(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isAzureOpenAiRecord(record)) {
    return {
      ok: false,
      reason:
        'not an Azure OpenAI diagnostic record (needs category RequestResponse, Audit or Trace and a Microsoft.CognitiveServices/accounts resourceId)',
    };
  }
  const timestamp = toIsoTimestamp(record['time']);
  if (!timestamp) return { ok: false, reason: badTimeReason('time', record['time']) };

  const category = record['category'] as Category;
  const properties = recordProperties(record) ?? {};
  // `properties` is parsed in the kept record too, so rules address `properties.*` whatever the delivery.
  const raw: JsonObject = record['properties'] === undefined ? record : { ...record, properties };
  const d: JsonObject = {};
  const operation = stringField(record, 'operationName');
  const objectId = stringField(properties, 'objectId');

  setField(d, 'event.kind', 'event');
  setField(d, 'event.provider', 'Microsoft.CognitiveServices');
  setField(d, 'event.action', operation);
  setField(d, 'event.category', category === 'Audit' ? ['configuration'] : ['api']);
  setField(d, 'event.type', category === 'Audit' ? [auditType(operation)] : ['access']);
  const status = httpStatus(record['resultSignature']);
  if (status !== undefined) {
    setField(d, 'event.outcome', status < 400 ? 'success' : 'failure');
    setField(d, 'http.response.status_code', status);
  }
  setDuration(d, record, properties);

  const resource = setAzureResourceFields(d, stringField(record, 'resourceId'));
  setField(d, 'cloud.region', azureRegion(record['location']));
  setField(d, 'cloud.service.name', 'openai');
  setField(d, 'user.id', objectId);

  // The caller IP of RequestResponse logs is masked (`81.2.69.***`): only a real address goes to source.ip.
  const caller = stringField(record, 'callerIpAddress');
  setField(d, 'source.address', caller);
  if (caller && isIP(caller)) {
    setField(d, 'source.ip', caller);
    setField(d, 'related.ip', [caller]);
  }

  if (category !== 'Audit') setGenAi(d, operation, properties);

  setField(d, NS, elasticAzureCopy(raw));
  setField(d, `${NS}.raw`, raw);

  const id = contentId(record);
  const key = objectId ?? resource?.id ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'azure-openai',
        module: 'azure_openai',
        dataset: 'azure_openai.logs',
        id,
        key,
        timestamp,
        logsource: AZURE_OPENAI_LOGSOURCES[category],
        document: d,
        record,
      },
      context,
    ),
  };
}

function setGenAi(d: JsonObject, operation: string | undefined, properties: JsonObject): void {
  const deployment = stringField(properties, 'modelDeploymentName');
  const model = stringField(properties, 'modelName');
  const operationName = genAiOperationName(operation);
  if (!deployment && !model && !operationName) return;
  setField(d, 'gen_ai.provider.name', 'azure.ai.openai');
  setField(d, 'gen_ai.system', 'az.ai.openai');
  setField(d, 'gen_ai.operation.name', operationName);
  // What the caller asks for is the deployment; the model behind it is what answers.
  setField(d, 'gen_ai.request.model', deployment);
  setField(d, 'gen_ai.response.model', model);
  setField(d, 'gen_ai.performance.request_size', numberField(properties, 'requestLength'));
  setField(d, 'gen_ai.performance.response_size', numberField(properties, 'responseLength'));
}

/** Key listing reads a secret, regeneration changes one; other Audit operations are reads. */
function auditType(operation: string | undefined): string {
  return /regenerate|write|delete|create|update/i.test(operation ?? '') ? 'change' : 'access';
}

function httpStatus(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-5]\d\d$/.test(text) ? Number(text) : undefined;
}

/** .NET ticks (100 ns since 0001-01-01) of `requestTime` / `responseTime`. */
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000;

/**
 * `event.duration` (ns): like Elastic, from `responseTime - requestTime` (ticks) in whole milliseconds when
 * both are known, since `durationMs` is sometimes off; else from `durationMs`. The tick values exceed 2^53,
 * so once parsed as JSON numbers they are exact to about 13 µs only — below the millisecond kept.
 */
function setDuration(d: JsonObject, record: JsonObject, properties: JsonObject): void {
  const requestTicks = numberField(properties, 'requestTime');
  const responseTicks = numberField(properties, 'responseTime');
  if (requestTicks !== undefined && responseTicks !== undefined && responseTicks >= requestTicks) {
    setField(d, 'event.duration', Math.round((responseTicks - requestTicks) / 10_000) * 1_000_000);
    setField(d, 'event.start', ticksToIso(requestTicks));
    setField(d, 'event.end', ticksToIso(responseTicks));
    return;
  }
  const durationMs = numberField(record, 'durationMs');
  if (durationMs !== undefined) setField(d, 'event.duration', Math.round(durationMs * 1e6));
}

function ticksToIso(ticks: number): string | undefined {
  return toIsoTimestamp(Math.round((ticks - TICKS_AT_UNIX_EPOCH) / 10_000));
}
