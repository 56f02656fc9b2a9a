import type { SourceLocation } from '../../../core/diagnostics';
import type { ConditionNode } from '../parse/condition-parser';
import type { YamlDocument, YamlPath } from '../yaml/yaml-source';

/** A value as written in a rule, before modifiers apply. */
export type RawValue = string | number | boolean | null;

export interface SigmaLogsource {
  product?: string;
  category?: string;
  service?: string;
}

/** Descriptive attributes of a rule: what alerts carry and what analysts read. */
export interface SigmaRuleMeta {
  id?: string;
  title: string;
  name?: string;
  status?: string;
  description?: string;
  author?: string;
  license?: string;
  references: string[];
  tags: string[];
  level?: string;
  falsepositives: string[];
  date?: string;
  modified?: string;
  fields: string[];
}

/**
 * One field test: `Image|endswith: ['\\a.exe', '\\b.exe']`. `field` is null for keywords (search every
 * string value of the event). Values are ORed unless the `all` modifier is present.
 */
export interface DetectionItem {
  field: string | null;
  modifiers: string[];
  values: RawValue[];
  /** Where the item was written, for diagnostics and explanations. */
  location: SourceLocation;
  /** The key as written, e.g. `CommandLine|contains|all`. */
  key: string;
  /**
   * Event fields the item reads, set by field-mapping pipelines (one Sigma field can map to several
   * event fields, which are then ORed). Absent means `[field]`.
   */
  targets?: string[];
}

/** A search identifier: alternatives are ORed, the items of one alternative are ANDed. */
export interface SearchIdentifier {
  name: string;
  alternatives: DetectionItem[][];
  location: SourceLocation;
}

export interface SigmaCondition {
  text: string;
  ast: ConditionNode;
  location: SourceLocation;
}

export interface SigmaDetection {
  identifiers: Map<string, SearchIdentifier>;
  /** Several conditions (a YAML list) are ORed. */
  conditions: SigmaCondition[];
}

interface SourceRef {
  file: string;
  document: YamlDocument;
}

export interface SigmaRule {
  kind: 'rule';
  meta: SigmaRuleMeta;
  logsource: SigmaLogsource;
  detection: SigmaDetection;
  source: SourceRef;
}

/** A Sigma filter (filters specification): `and not (filter condition)` on the rules it names. */
export interface SigmaFilter {
  kind: 'filter';
  meta: Pick<SigmaRuleMeta, 'id' | 'title' | 'description' | 'author' | 'date' | 'modified'>;
  logsource: SigmaLogsource;
  /** Rule ids (or names) the filter applies to. */
  targets: string[];
  detection: SigmaDetection;
  source: SourceRef;
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

/** A Sigma correlation rule: parsed and checked here, evaluated by the stateful stage. */
export interface SigmaCorrelation {
  kind: 'correlation';
  meta: SigmaRuleMeta;
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespan: string;
  condition?: Record<string, unknown>;
  source: SourceRef;
}

export type SigmaDocument = SigmaRule | SigmaFilter | SigmaCorrelation;

export function pathOf(...steps: (string | number)[]): YamlPath {
  return steps;
}
