import type { EventLogsource } from '../../core/event';
import type { SigmaLogsource } from '../sigma/model/rule';

/** A rule applies to an event when every log source attribute the rule names is one the event has. */
export function ruleAppliesTo(rule: SigmaLogsource, event: EventLogsource): boolean {
  if (rule.product !== undefined && rule.product !== event.product) return false;
  if (rule.category !== undefined && !event.categories.includes(rule.category)) return false;
  if (rule.service !== undefined && !event.services.includes(rule.service)) return false;
  return true;
}

/** A stable key for an event log source, so events of one kind share one routing bucket. */
export function logsourceKey(logsource: EventLogsource): string {
  return `${logsource.product ?? ''}|${logsource.categories.join(',')}|${logsource.services.join(',')}`;
}
