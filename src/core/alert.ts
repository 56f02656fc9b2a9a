import type { EventLogsource } from './event';

/** A field of the event that made the rule match, with the rule value that matched it. */
export interface AlertMatchedField {
  field: string;
  value: unknown;
  matchedBy: string;
}

/** The rule behind an alert. `author` is always present: the SigmaHQ license requires it on every shown match. */
export interface AlertRule {
  id: string;
  title: string;
  level: string;
  status?: string;
  author: string;
  description?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  license?: string;
  /** The rule's version: its `modified` date, else its `date` (Sigma rules carry no version number). */
  version?: string;
  file: string;
}

/** One match of one rule on one event. The id is deterministic: the same rule and event give the same id. */
export interface Alert {
  id: string;
  timestamp: string;
  rule: AlertRule;
  event: { id: string; logsource: EventLogsource };
  matched: AlertMatchedField[];
  /** Who and what the event was about, copied from the normalized event (absent in offline hunts). */
  context?: AlertEventContext;
}

/** The entity and evidence of the event behind an alert, so triage does not need the event itself. */
export interface AlertEventContext {
  connector: string;
  entityKey: string;
  /** ECS entity fields of the event, nested as in ECS: user, source, cloud, host, `tripline.api_key`. */
  entity: Record<string, unknown>;
  action?: string;
  provider?: string;
  /** The start of the original record (`event.original`, already size-capped and without secrets). */
  originalExcerpt?: string;
}

/** What an alert needs to know of the rule that fired: its descriptive attributes (some optional in a rule) and where it lives. */
export interface FiredRule {
  meta: Pick<AlertRule, 'title' | 'tags' | 'references' | 'falsepositives'> &
    Partial<Pick<AlertRule, 'id' | 'level' | 'status' | 'author' | 'description' | 'license'>> & {
      date?: string;
      modified?: string;
    };
  file: string;
  line: number;
}
