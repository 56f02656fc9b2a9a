import type { EcsDocument } from '../../../core/normalized-event';
import { setField } from '../document-paths';

/**
 * Token counts under both name sets: OpenTelemetry / ECS 9 (`input_tokens`, `output_tokens`) and the
 * older names Elastic's integrations and rules still read (`prompt_tokens`, `completion_tokens`).
 */
export function setGenAiUsage(d: EcsDocument, input: number | undefined, output: number | undefined): void {
  setField(d, 'gen_ai.usage.input_tokens', input);
  setField(d, 'gen_ai.usage.output_tokens', output);
  setField(d, 'gen_ai.usage.prompt_tokens', input);
  setField(d, 'gen_ai.usage.completion_tokens', output);
}
