import type {
  DetectionItem,
  SearchIdentifier,
  SigmaDetection,
  SigmaLogsource,
  SigmaRule,
} from '../model/rule';
import type { LogsourceCondition, ProcessingItem, ProcessingPipeline } from './pipeline-model';

export interface PipelineResult {
  rule: SigmaRule;
  /** Placeholder values contributed by `value_placeholders` items that applied to this rule. */
  placeholders: Map<string, string[]>;
  /** Replace unresolved placeholders by `*` (from `wildcard_placeholders`). */
  wildcardPlaceholders: boolean;
}

/**
 * Applies pipelines to one rule, returning a transformed copy: the parsed rule is never mutated, so
 * one rule set can be compiled for several sources with different pipelines.
 */
export function applyPipelines(rule: SigmaRule, pipelines: readonly ProcessingPipeline[]): PipelineResult {
  const ordered = [...pipelines].sort((a, b) => a.priority - b.priority);
  let current: SigmaRule = {
    ...rule,
    logsource: { ...rule.logsource },
    detection: cloneDetection(rule.detection),
  };
  const placeholders = new Map<string, string[]>();
  let wildcardPlaceholders = false;
  for (const pipeline of ordered) {
    for (const item of pipeline.items) {
      if (!ruleConditionsHold(item, current.logsource)) continue;
      const t = item.transformation;
      switch (t.type) {
        case 'field_name_mapping':
          mapFields(current.detection, item, (f) => t.mapping[f]);
          break;
        case 'field_name_prefix_mapping':
          mapFields(current.detection, item, (f) => {
            const prefix = Object.keys(t.mapping).find((p) => f.startsWith(p));
            return prefix === undefined ? undefined : [t.mapping[prefix] + f.slice(prefix.length)];
          });
          break;
        case 'add_field_name_prefix':
          mapFields(current.detection, item, (f) => [t.prefix + f]);
          break;
        case 'value_placeholders':
          for (const [name, values] of Object.entries(t.values)) placeholders.set(name, values);
          break;
        case 'wildcard_placeholders':
          wildcardPlaceholders = true;
          break;
        case 'change_logsource':
          current = { ...current, logsource: { ...t.logsource } };
          break;
        case 'add_condition':
          current = { ...current, detection: addCondition(current.detection, t.conditions, item) };
          break;
      }
    }
  }
  return { rule: current, placeholders, wildcardPlaceholders };
}

function ruleConditionsHold(item: ProcessingItem, logsource: SigmaLogsource): boolean {
  if (item.ruleConditions.length === 0) return true;
  const results = item.ruleConditions.map((c) => logsourceMatches(c, logsource));
  return item.ruleConditionOp === 'or' ? results.some(Boolean) : results.every(Boolean);
}

function logsourceMatches(condition: LogsourceCondition, logsource: SigmaLogsource): boolean {
  return (['product', 'category', 'service'] as const).every(
    (key) => condition[key] === undefined || condition[key] === logsource[key],
  );
}

/** Renames the event fields each item reads; fieldref values are field names too and follow the mapping. */
function mapFields(
  detection: SigmaDetection,
  item: ProcessingItem,
  mapOne: (field: string) => readonly string[] | undefined,
): void {
  const applies = (field: string): boolean =>
    (!item.includeFields || item.includeFields.some((g) => globMatch(g, field))) &&
    !(item.excludeFields ?? []).some((g) => globMatch(g, field));
  const mapTargets = (targets: string[]): string[] =>
    targets.flatMap((t) => (applies(t) ? (mapOne(t) ?? [t]) : [t]));
  for (const identifier of detection.identifiers.values()) {
    for (const alternative of identifier.alternatives) {
      for (const di of alternative) {
        if (di.field === null) continue;
        di.targets = mapTargets(di.targets ?? [di.field]);
        if (di.modifiers.includes('fieldref')) {
          di.values = di.values.map((v) => (typeof v === 'string' ? (mapTargets([v])[0] ?? v) : v));
        }
      }
    }
  }
}

/** Adds `field: value` tests to every alternative of every identifier (e.g. the EventID of a category). */
function addCondition(
  detection: SigmaDetection,
  conditions: Record<string, string | number | boolean | null>,
  item: ProcessingItem,
): SigmaDetection {
  const extra: DetectionItem[] = Object.entries(conditions).map(([key, value]) => {
    const [field, ...modifiers] = key.split('|');
    return { field: field ?? key, modifiers, values: [value], location: item.location, key };
  });
  const identifiers = new Map<string, SearchIdentifier>();
  for (const [name, identifier] of detection.identifiers) {
    identifiers.set(name, {
      ...identifier,
      alternatives: identifier.alternatives.map((alt) => [...alt, ...extra.map((e) => ({ ...e }))]),
    });
  }
  return { ...detection, identifiers };
}

function cloneDetection(detection: SigmaDetection): SigmaDetection {
  const identifiers = new Map<string, SearchIdentifier>();
  for (const [name, identifier] of detection.identifiers) {
    identifiers.set(name, {
      ...identifier,
      alternatives: identifier.alternatives.map((alt) =>
        alt.map((di) => ({
          ...di,
          values: [...di.values],
          targets: di.targets ? [...di.targets] : undefined,
        })),
      ),
    });
  }
  return { ...detection, identifiers };
}

function globMatch(glob: string, text: string): boolean {
  const parts = glob.split('*');
  if (parts.length === 1) return glob === text;
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === 0) {
      if (!text.startsWith(part)) return false;
      pos = part.length;
    } else if (i === parts.length - 1) {
      return text.length - part.length >= pos && text.endsWith(part);
    } else {
      const at = text.indexOf(part, pos);
      if (at < 0) return false;
      pos = at + part.length;
    }
  }
  return true;
}
