import type { EcsDocument } from '../../core/normalized-event';
import { setField } from './document-paths';

/** ECS categorization of an event kind, as vendors' mapping tables give it. */
export interface EventCategorization {
  category?: string[];
  type?: string[];
  action?: string;
  outcome?: string;
}

export function setCategorization(d: EcsDocument, c: EventCategorization | undefined): void {
  if (!c) return;
  setField(d, 'event.category', c.category);
  setField(d, 'event.type', c.type);
  setField(d, 'event.action', c.action);
  setField(d, 'event.outcome', c.outcome);
}
