import { stringField } from '../shared/document-paths';

/** `gen_ai.*` of a Vertex AI prediction call (`aiplatform.googleapis.com` `PredictionService.*`). */
export interface VertexAiCall {
  operation?: string;
  model?: string;
}

/** OpenTelemetry's `gen_ai.operation.name` per Vertex method; prediction methods not listed have none. */
const OPERATIONS: Record<string, string> = {
  GenerateContent: 'generate_content',
  StreamGenerateContent: 'generate_content',
  ChatCompletions: 'chat',
};

/**
 * Audit entries name the model in `resourceName` or `request.model`
 * (`projects/<p>/locations/<l>/publishers/google/models/gemini-2.5-flash`). Calls to a deployed endpoint
 * (`.../endpoints/<id>`) do not say which model serves it. Audit entries carry no token counts.
 */
export function vertexAiCall(
  serviceName: string | undefined,
  methodName: string | undefined,
  resourceName: string | undefined,
  request: unknown,
): VertexAiCall | undefined {
  if (serviceName !== 'aiplatform.googleapis.com' || !methodName?.includes('.PredictionService.')) {
    return undefined;
  }
  const method = methodName.split('.').pop() ?? '';
  const model = modelId(resourceName) ?? modelId(stringField(request, 'model'));
  const operation =
    OPERATIONS[method] ?? (method === 'Predict' && model?.includes('embedding') ? 'embeddings' : undefined);
  return { operation, model };
}

function modelId(name: string | undefined): string | undefined {
  const match = name === undefined ? null : /\/models\/([^/:]+)/.exec(name);
  return match?.[1];
}
