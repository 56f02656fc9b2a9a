/**
 * OpenTelemetry `gen_ai.operation.name` of a LiteLLM `call_type` (`acompletion` is the async form of
 * `completion`). Call types without a GenAI operation name (rerank, moderation, files...) get none.
 */
const OPERATIONS: Record<string, string> = {
  completion: 'chat',
  responses: 'chat',
  anthropic_messages: 'chat',
  text_completion: 'text_completion',
  embedding: 'embeddings',
  generate_content: 'generate_content',
};

export function operationName(callType: string): string | undefined {
  return lookup(callType) ?? (callType.startsWith('a') ? lookup(callType.slice(1)) : undefined);
}

function lookup(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? OPERATIONS[name] : undefined;
}
