/**
 * OpenTelemetry `gen_ai.provider.name` well-known values for the provider names LiteLLM
 * (`custom_llm_provider`) and Kong AI Proxy (`provider_name`) write. Unknown providers keep their name.
 */
const WELL_KNOWN: Record<string, string> = {
  openai: 'openai',
  azure: 'azure.ai.openai',
  azure_ai: 'azure.ai.inference',
  anthropic: 'anthropic',
  bedrock: 'aws.bedrock',
  vertex_ai: 'gcp.vertex_ai',
  gemini: 'gcp.gemini',
  mistral: 'mistral_ai',
  cohere: 'cohere',
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x_ai',
  perplexity: 'perplexity',
  watsonx: 'ibm.watsonx.ai',
};

export function genAiProviderName(provider: string | undefined): string | undefined {
  if (provider === undefined) return undefined;
  const lower = provider.toLowerCase();
  return Object.prototype.hasOwnProperty.call(WELL_KNOWN, lower) ? WELL_KNOWN[lower] : provider;
}
