import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';

/**
 * A request or response body logged by API Management: JSON text (possibly cut at the configured byte
 * limit, then unparsable) or, for streamed completions, server-sent events (`data: {...}` lines) — then
 * each chunk is one object.
 */
export function parseOpenAiBody(body: unknown): JsonObject[] {
  if (isJsonObject(body)) return [body];
  if (typeof body !== 'string' || body.trim() === '') return [];
  const single = parseObject(body);
  if (single) return [single];
  const chunks: JsonObject[] = [];
  for (const line of body.split(/\r?\n/)) {
    const match = /^data:\s*(.*)$/.exec(line.trim());
    const chunk = match && match[1] !== '[DONE]' ? parseObject(match[1] ?? '') : undefined;
    if (chunk) chunks.push(chunk);
  }
  return chunks;
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** What the OpenAI-format bodies say about one call. */
export interface OpenAiExchange {
  requestModel?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stream?: boolean;
  responseId?: string;
  responseModel?: string;
  finishReasons: string[];
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  errorCode?: string;
  errorInnerCode?: string;
  errorMessage?: string;
}

/** Reads the chat/completions/embeddings/responses request and response objects (all chunks of a stream). */
export function readExchange(request: JsonObject[], response: JsonObject[]): OpenAiExchange {
  const out: OpenAiExchange = { finishReasons: [] };
  const req = request[0];
  if (req) {
    out.requestModel = str(req['model']);
    out.maxTokens =
      num(req['max_tokens']) ?? num(req['max_completion_tokens']) ?? num(req['max_output_tokens']);
    out.temperature = num(req['temperature']);
    out.topP = num(req['top_p']);
    out.stream = typeof req['stream'] === 'boolean' ? req['stream'] : undefined;
  }
  for (const chunk of response) {
    out.responseId ??= str(chunk['id']);
    out.responseModel ??= str(chunk['model']);
    const choices = chunk['choices'];
    if (Array.isArray(choices)) {
      for (const choice of choices) {
        const reason = isJsonObject(choice) ? str(choice['finish_reason']) : undefined;
        if (reason && !out.finishReasons.includes(reason)) out.finishReasons.push(reason);
      }
    }
    const usage = chunk['usage'];
    if (isJsonObject(usage)) {
      // Chat/completions name them prompt/completion tokens, the Responses API input/output tokens.
      out.inputTokens = num(usage['prompt_tokens']) ?? num(usage['input_tokens']) ?? out.inputTokens;
      out.outputTokens = num(usage['completion_tokens']) ?? num(usage['output_tokens']) ?? out.outputTokens;
      out.totalTokens = num(usage['total_tokens']) ?? out.totalTokens;
    }
    const error = chunk['error'];
    if (isJsonObject(error)) {
      out.errorCode ??= str(error['code']) ?? str(error['type']);
      out.errorMessage ??= str(error['message']);
      const inner = error['innererror'];
      if (isJsonObject(inner)) out.errorInnerCode ??= str(inner['code']);
    }
  }
  return out;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
