import { createHash } from 'node:crypto';

/**
 * Deterministic alert id: a redelivered event yields the same id, so stores that write with
 * create-if-absent semantics keep one document per alert.
 */
export function alertId(ruleId: string, eventId: string): string {
  return createHash('sha256').update(ruleId).update('\u0000').update(eventId).digest('hex').slice(0, 40);
}
