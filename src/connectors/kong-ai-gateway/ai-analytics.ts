import { isJsonObject } from '../shared/document-paths';

/** The AI Proxy plugin's analytics, whichever of Kong's log layouts carried them. */
export interface AiAnalytics {
  /** Where in the record it was found (`ai.proxy`, `ai.ai-proxy`, ...), for `kong.ai.source`. */
  path: string;
  meta: Record<string, unknown>;
  usage: Record<string, unknown>;
  request?: unknown;
  response?: unknown;
}

/** Plugin blocks in the order they are preferred: current layout first, then 3.6–3.9 plugin names. */
const PREFERRED = ['proxy', 'ai-proxy', 'ai-proxy-advanced'];

/**
 * Kong ≥ 3.8 logs `ai.proxy.{meta,usage,payload.{request,response}}`; Kong 3.6–3.7 logged one block per
 * plugin name (`ai["ai-proxy"]`) with the request payload at `ai.payload.request`, and named the token
 * counts `prompt_token`/`completion_token`. Other AI plugins may add blocks of their own; the first block
 * with `meta` or `usage` is the one read.
 */
export function findAiAnalytics(record: Record<string, unknown>): AiAnalytics | undefined {
  const ai = record['ai'];
  if (!isJsonObject(ai)) return undefined;
  const names = [...PREFERRED, ...Object.keys(ai).filter((k) => !PREFERRED.includes(k))];
  for (const name of names) {
    const block = ai[name];
    if (!isJsonObject(block) || !(isJsonObject(block['meta']) || isJsonObject(block['usage']))) continue;
    const payload = isJsonObject(block['payload']) ? block['payload'] : {};
    const shared = isJsonObject(ai['payload']) ? ai['payload'] : {};
    return {
      path: `ai.${name}`,
      meta: isJsonObject(block['meta']) ? block['meta'] : {},
      usage: isJsonObject(block['usage']) ? block['usage'] : {},
      request: payload['request'] ?? shared['request'],
      response: payload['response'],
    };
  }
  return undefined;
}
