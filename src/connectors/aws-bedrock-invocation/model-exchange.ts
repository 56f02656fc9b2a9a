import type { JsonObject } from '../connector-type';
import { getField, isJsonObject, numberField, stringField } from '../shared/document-paths';

/** What the model-native request and response bodies say about one invocation. */
export interface ModelExchange {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  /** Anthropic's `anthropic_version` (Elastic: `gen_ai.request.model_version`). */
  modelVersion?: string;
  responseId?: string;
  responseModel?: string;
  finishReasons: string[];
  /** Milliseconds, from streaming invocation metrics or Converse `metrics.latencyMs`. */
  latencyMs?: number;
  firstByteLatencyMs?: number;
}

/**
 * The request parameters of the common body shapes: Anthropic messages, Converse (`inferenceConfig`),
 * Amazon Nova (`inferenceConfig` snake_case), Titan (`textGenerationConfig`), Llama/Mistral/OpenAI style.
 */
export function readModelExchange(input: unknown, output: unknown): ModelExchange {
  const x: ModelExchange = { finishReasons: [] };
  if (isJsonObject(input)) {
    x.maxTokens = first(input, [
      'max_tokens',
      'inferenceConfig.maxTokens',
      'inferenceConfig.max_new_tokens',
      'textGenerationConfig.maxTokenCount',
      'max_gen_len',
      'max_completion_tokens',
    ]);
    x.temperature = first(input, [
      'temperature',
      'inferenceConfig.temperature',
      'textGenerationConfig.temperature',
    ]);
    x.topP = first(input, [
      'top_p',
      'inferenceConfig.topP',
      'inferenceConfig.top_p',
      'textGenerationConfig.topP',
    ]);
    x.topK = first(input, ['top_k', 'inferenceConfig.top_k']);
    x.modelVersion = stringField(input, 'anthropic_version');
  }
  const chunks = Array.isArray(output) ? output : [output];
  for (const chunk of chunks) {
    if (!isJsonObject(chunk)) continue;
    x.responseId ??= stringField(chunk, 'id') ?? stringField(chunk, 'message.id');
    x.responseModel ??= stringField(chunk, 'model') ?? stringField(chunk, 'message.model');
    for (const path of ['stop_reason', 'stopReason', 'delta.stop_reason', 'messageStop.stopReason']) {
      addReason(x, getField(chunk, path));
    }
    for (const list of ['results', 'choices', 'generations']) {
      const items = chunk[list];
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (isJsonObject(item)) addReason(x, item['completionReason'] ?? item['finish_reason']);
      }
    }
    const metrics = chunk['amazon-bedrock-invocationMetrics'];
    x.latencyMs ??=
      numberField(metrics, 'invocationLatency') ??
      numberField(chunk, 'metrics.latencyMs') ??
      numberField(chunk, 'metadata.metrics.latencyMs');
    x.firstByteLatencyMs ??= numberField(metrics, 'firstByteLatency');
  }
  return x;
}

/** OpenTelemetry `gen_ai.operation.name`: Converse is chat; for InvokeModel the body and model tell. */
export function genAiOperation(operation: string, modelId: string, input: unknown): string | undefined {
  if (operation.startsWith('Converse')) return 'chat';
  if (/embed/i.test(modelId)) return 'embeddings';
  if (/image|canvas|reel|stability|sd3|titan-image|video/i.test(modelId)) return undefined;
  if (isJsonObject(input) && Array.isArray(input['messages'])) return 'chat';
  return 'text_completion';
}

function first(record: JsonObject, paths: string[]): number | undefined {
  for (const path of paths) {
    const value = numberField(record, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

function addReason(x: ModelExchange, value: unknown): void {
  if (typeof value === 'string' && value !== '' && !x.finishReasons.includes(value))
    x.finishReasons.push(value);
}
