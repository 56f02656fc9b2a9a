import type { Alert, AlertMatchedField, FiredRule } from '../core/alert';
import type { DetectionEvent } from '../core/event';
import { alertId } from './alert-id';

const UNKNOWN_AUTHOR = 'unknown author';

/** Turns a rule match into an alert: rule attribution, the event's identity and the fields that matched. */
export function buildAlert(
  rule: FiredRule,
  matched: AlertMatchedField[],
  event: DetectionEvent,
  now: () => Date = () => new Date(),
): Alert {
  const meta = rule.meta;
  const ruleId = meta.id ?? `${rule.file}:${rule.line}`;
  return {
    id: alertId(ruleId, event.id),
    timestamp: event.timestamp ?? now().toISOString(),
    rule: {
      id: ruleId,
      title: meta.title,
      level: meta.level ?? 'medium',
      status: meta.status,
      author: meta.author ?? UNKNOWN_AUTHOR,
      description: meta.description,
      tags: meta.tags,
      references: meta.references,
      falsepositives: meta.falsepositives,
      license: meta.license,
      version: meta.modified ?? meta.date,
      file: rule.file,
    },
    event: { id: event.id, logsource: event.logsource },
    matched,
  };
}
