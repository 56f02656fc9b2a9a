/**
 * OpenTelemetry `gen_ai.operation.name` for Azure OpenAI operation ids (the `operationName` of
 * RequestResponse logs and the `operationId` of the API Management import of the Azure OpenAI API).
 * Operations without a GenAI equivalent (threads, files, fine-tuning jobs, deployments) get none.
 */
const OPERATIONS: Record<string, string> = {
  chatcompletions_create: 'chat',
  responses_create: 'chat',
  completions_create: 'text_completion',
  embeddings_create: 'embeddings',
  imagegenerations_create: 'image_generation',
  create_run: 'invoke_agent',
  create_thread_and_run: 'invoke_agent',
  createthreadandrun: 'invoke_agent',
};

/** The same operations recognized by their REST path, for gateways whose operation ids are custom. */
const PATHS: [RegExp, string][] = [
  [/\/chat\/completions$/, 'chat'],
  [/\/responses$/, 'chat'],
  [/\/completions$/, 'text_completion'],
  [/\/embeddings$/, 'embeddings'],
  [/\/images\/generations$/, 'image_generation'],
];

export function genAiOperationName(operation: string | undefined, path?: string): string | undefined {
  const byOperation = operation ? OPERATIONS[operation.toLowerCase()] : undefined;
  if (byOperation) return byOperation;
  const cleanPath = path?.replace(/\/+$/, '').toLowerCase();
  return cleanPath ? PATHS.find(([pattern]) => pattern.test(cleanPath))?.[1] : undefined;
}
