import type { AlertRule } from '../../core/alert';
import { severityOf } from './severity';
import { threatMapping } from './threat-mapping';

/**
 * The parts of an alert document that depend only on its rule, the JSON ones already serialized: most of
 * the document's bytes. A sink writes thousands of alerts of a few hundred rules, so each rule's parts are
 * built and serialized once, not once per alert.
 */
export interface RuleFragments {
  severity: 'low' | 'medium' | 'high' | 'critical';
  riskScore: number;
  eventSeverity: number;
  /** JSON of ECS `rule`. */
  rule: string;
  /** JSON of `kibana.alert.rule`. */
  kibanaRule: string;
  /** JSON of ECS `threat` (ATT&CK and ATLAS entries). */
  threat: string;
  /** JSON of `tags`: the rule's tags and the OWASP LLM categories. */
  tags: string;
  owaspLlm: string[];
}

export function ruleFragments(rule: AlertRule): RuleFragments {
  const { severity, riskScore, eventSeverity } = severityOf(rule.level);
  const { threat, owaspLlm } = threatMapping(rule.tags);
  const authors = splitAuthors(rule.author);
  return {
    severity,
    riskScore,
    eventSeverity,
    rule: JSON.stringify({
      id: rule.id,
      uuid: rule.id,
      name: rule.title,
      ...(rule.description ? { description: rule.description } : {}),
      author: authors,
      reference: rule.references,
      ruleset: 'sigma',
      ...(rule.license ? { license: rule.license } : {}),
      ...(rule.version ? { version: rule.version } : {}),
    }),
    kibanaRule: JSON.stringify({
      uuid: rule.id,
      rule_id: rule.id,
      name: rule.title,
      ...(rule.description ? { description: rule.description } : {}),
      author: authors,
      references: rule.references,
      tags: rule.tags,
      ...(rule.status ? { status: rule.status } : {}),
      ...(rule.version ? { version: rule.version } : {}),
      false_positives: rule.falsepositives,
    }),
    threat: JSON.stringify(threat),
    tags: JSON.stringify([...rule.tags, ...owaspLlm.map((o) => `OWASP ${o}`)]),
    owaspLlm,
  };
}

/**
 * Rule fragments by rule id. An alert carries its rule's attributes, so an entry is used only while the
 * alert describes the rule the same way (an edited rule gets new fragments). Bounded: a topic with more
 * distinct rules than `capacity` starts the cache over instead of growing it.
 */
export class RuleFragmentCache {
  private readonly entries = new Map<string, { rule: AlertRule; fragments: RuleFragments }>();

  constructor(private readonly capacity = 10_000) {}

  get(rule: AlertRule): RuleFragments {
    const entry = this.entries.get(rule.id);
    if (entry && sameRule(entry.rule, rule)) return entry.fragments;
    const fragments = ruleFragments(rule);
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(rule.id, { rule, fragments });
    return fragments;
  }
}

const SCALARS = ['id', 'title', 'level', 'status', 'author', 'description', 'license', 'version'] as const;
const LISTS = ['tags', 'references', 'falsepositives'] as const;

function sameRule(a: AlertRule, b: AlertRule): boolean {
  for (const key of SCALARS) if (a[key] !== b[key]) return false;
  for (const key of LISTS) if (!sameList(a[key], b[key])) return false;
  return true;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function splitAuthors(author: string): string[] {
  return author
    .split(/,\s*|\s+and\s+|\s*\n\s*/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}
