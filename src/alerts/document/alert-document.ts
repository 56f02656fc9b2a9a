import type { Alert } from '../../core/alert';
import { isPromptField, redactPromptText } from './redact-evidence';
import { severityOf } from './severity';
import { threatMapping } from './threat-mapping';

/** An alert as stored in Elasticsearch (and written by the file sink): ECS with `kibana.alert.*` fields. */
export type AlertDocument = Record<string, unknown> & { _id: string };

export interface AlertDocumentOptions {
  /** Remove prompt and completion text from the evidence (default true). */
  redactPrompts: boolean;
  /** When the alert was written (ISO-8601): `event.created`. */
  now: string;
}

/**
 * The alert document SOC analysts triage: ECS `event.kind: alert` (so Elastic Security lists it as an
 * external alert), `rule.*` and `kibana.alert.*` attribution — the author always, as the SigmaHQ licence
 * requires — severity and risk score, ATT&CK and ATLAS threat mapping, OWASP LLM categories, the entity
 * fields of the event, the evidence, a workflow status, and the event it came from.
 */
export function alertDocument(alert: Alert, options: AlertDocumentOptions): AlertDocument {
  const { severity, riskScore, eventSeverity } = severityOf(alert.rule.level);
  const { threat, owaspLlm } = threatMapping(alert.rule.tags);
  const context = alert.context;
  const authors = splitAuthors(alert.rule.author);
  const matched = alert.matched.map((m) => ({
    field: m.field,
    value: options.redactPrompts && isPromptField(m.field) ? '[redacted]' : displayValue(m.value),
    matched_by: m.matchedBy,
  }));
  const excerpt = context?.originalExcerpt;
  const entity = context?.entity ?? {};
  return {
    _id: alert.id,
    ...entity,
    '@timestamp': alert.timestamp,
    message: `${alert.rule.title}${context?.action ? ` (${context.action})` : ''}`,
    event: {
      kind: 'alert',
      id: alert.id,
      created: options.now,
      severity: eventSeverity,
      risk_score: riskScore,
      module: 'tripline',
      dataset: 'tripline.alerts',
      ...(context?.action ? { action: context.action } : {}),
      ...(context?.provider ? { provider: context.provider } : {}),
    },
    rule: {
      id: alert.rule.id,
      uuid: alert.rule.id,
      name: alert.rule.title,
      ...(alert.rule.description ? { description: alert.rule.description } : {}),
      author: authors,
      reference: alert.rule.references,
      ruleset: 'sigma',
      ...(alert.rule.license ? { license: alert.rule.license } : {}),
      ...(alert.rule.version ? { version: alert.rule.version } : {}),
    },
    kibana: {
      alert: {
        uuid: alert.id,
        status: 'active',
        workflow_status: 'open',
        severity,
        risk_score: riskScore,
        original_time: alert.timestamp,
        reason: `${alert.rule.title} matched event ${alert.event.id}`,
        rule: {
          uuid: alert.rule.id,
          rule_id: alert.rule.id,
          name: alert.rule.title,
          ...(alert.rule.description ? { description: alert.rule.description } : {}),
          author: authors,
          references: alert.rule.references,
          tags: alert.rule.tags,
          ...(alert.rule.status ? { status: alert.rule.status } : {}),
          ...(alert.rule.version ? { version: alert.rule.version } : {}),
          false_positives: alert.rule.falsepositives,
        },
      },
    },
    threat,
    tags: [...alert.rule.tags, ...owaspLlm.map((o) => `OWASP ${o}`)],
    related: related(entity),
    tripline: {
      ...(isObject(entity['tripline']) ? entity['tripline'] : {}),
      rule_file: alert.rule.file,
      owasp_llm: owaspLlm,
      workflow: { status: 'open', history: [] },
      matched,
      event: {
        id: alert.event.id,
        logsource: {
          ...(alert.event.logsource.product ? { product: alert.event.logsource.product } : {}),
          category: [...alert.event.logsource.categories],
          service: [...alert.event.logsource.services],
        },
        ...(context ? { connector: context.connector, entity_key: context.entityKey } : {}),
        ...(excerpt !== undefined
          ? { original_excerpt: options.redactPrompts ? redactPromptText(excerpt) : excerpt }
          : {}),
      },
    },
  };
}

function splitAuthors(author: string): string[] {
  return author
    .split(/,\s*|\s+and\s+|\s*\n\s*/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

function displayValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 1024 ? `${value.slice(0, 1024)}…` : value;
  return JSON.stringify(value) ?? 'null';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ECS `related.*`: the users and IPs of the entity, for pivoting. */
function related(entity: Record<string, unknown>): { user: string[]; ip: string[] } {
  const user = isObject(entity['user']) ? entity['user'] : {};
  const source = isObject(entity['source']) ? entity['source'] : {};
  const users = [user['name'], user['email'], user['id']].filter((v): v is string => typeof v === 'string');
  const ips = [source['ip']].filter((v): v is string => typeof v === 'string');
  return { user: [...new Set(users)], ip: ips };
}
