import type { Alert } from '../../core/alert';
import type { NormalizedEvent } from '../../core/normalized-event';

/** ECS field sets that name the entity an alert is about. */
const ENTITY_FIELDS = ['user', 'source', 'cloud', 'host', 'orchestrator', 'user_agent'] as const;
const EXCERPT_CHARS = 2048;

/** Copies the entity and evidence of the event into the alert. */
export function attachEventContext(alert: Alert, event: NormalizedEvent): Alert {
  const doc = event.document;
  const entity: Record<string, unknown> = {};
  for (const name of ENTITY_FIELDS) if (doc[name] !== undefined) entity[name] = doc[name];
  // API keys appear as fingerprints only: tripline.api_key (cloud keys) and llm.api_key (AI gateways).
  const apiKey = (doc['tripline'] as Record<string, unknown> | undefined)?.['api_key'];
  if (apiKey !== undefined) entity['tripline'] = { api_key: apiKey };
  const llmKey = (doc['llm'] as Record<string, unknown> | undefined)?.['api_key'];
  if (llmKey !== undefined) entity['llm'] = { api_key: llmKey };
  const ecsEvent = (doc['event'] ?? {}) as Record<string, unknown>;
  const original = ecsEvent['original'];
  return {
    ...alert,
    context: {
      connector: event.connector,
      entityKey: event.key,
      entity,
      ...(typeof ecsEvent['action'] === 'string' ? { action: ecsEvent['action'] } : {}),
      ...(typeof ecsEvent['provider'] === 'string' ? { provider: ecsEvent['provider'] } : {}),
      ...(typeof original === 'string' ? { originalExcerpt: original.slice(0, EXCERPT_CHARS) } : {}),
    },
  };
}
