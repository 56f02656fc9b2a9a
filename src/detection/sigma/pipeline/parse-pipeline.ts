import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type { SigmaLogsource } from '../model/rule';
import { isRecord } from '../parse/parse-detection';
import { parseYamlSource, type YamlDocument, type YamlPath } from '../yaml/yaml-source';
import type {
  LogsourceCondition,
  ProcessingItem,
  ProcessingPipeline,
  Transformation,
} from './pipeline-model';

const TRANSFORMATION_TYPES = [
  'field_name_mapping',
  'field_name_prefix_mapping',
  'add_field_name_prefix',
  'value_placeholders',
  'wildcard_placeholders',
  'change_logsource',
  'add_condition',
] as const;

const ITEM_KEYS = new Set([
  'id',
  'type',
  'mapping',
  'prefix',
  'values',
  'product',
  'category',
  'service',
  'conditions',
  'rule_conditions',
  'rule_cond_op',
  'field_name_conditions',
]);

/** Parses a pipeline YAML file; every problem is returned with its location, nothing is thrown. */
export function parsePipeline(
  text: string,
  file: string,
): { pipeline?: ProcessingPipeline; diagnostics: Diagnostic[] } {
  const source = parseYamlSource(text, file);
  const diagnostics = [...source.diagnostics];
  const doc = source.documents[0];
  if (!doc) return { diagnostics };
  const value = doc.value;
  const bad = (
    message: string,
    path: YamlPath,
    code: 'pipeline.invalid' | 'pipeline.unknown_transformation' = 'pipeline.invalid',
  ): void => {
    diagnostics.push(diagnostic(code, message, doc.locate(path), { field: path.join('.') }));
  };
  if (!isRecord(value)) {
    bad('a pipeline must be a mapping with `name` and `transformations`', []);
    return { diagnostics };
  }
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  if (!name) bad("pipeline attribute 'name' must be a non-empty string", ['name']);
  const priority = value['priority'] ?? 0;
  if (typeof priority !== 'number') bad("pipeline attribute 'priority' must be a number", ['priority']);
  for (const key of Object.keys(value)) {
    if (!['name', 'priority', 'transformations', 'description', 'vars'].includes(key)) {
      bad(`unknown pipeline attribute '${key}'`, [key]);
    }
  }
  const rawItems = value['transformations'];
  if (!Array.isArray(rawItems)) {
    bad("pipeline attribute 'transformations' must be a list", ['transformations']);
    return { diagnostics };
  }
  const items: ProcessingItem[] = [];
  rawItems.forEach((raw, index) => {
    const item = parseItem(raw, ['transformations', index], doc, bad);
    if (item) items.push(item);
  });
  if (diagnostics.length > 0 || !name) return { diagnostics };
  return { pipeline: { name, priority: priority as number, items, file }, diagnostics };
}

type Report = (
  message: string,
  path: YamlPath,
  code?: 'pipeline.invalid' | 'pipeline.unknown_transformation',
) => void;

function parseItem(raw: unknown, path: YamlPath, doc: YamlDocument, bad: Report): ProcessingItem | undefined {
  if (!isRecord(raw)) {
    bad('a transformation must be a mapping', path);
    return undefined;
  }
  for (const key of Object.keys(raw))
    if (!ITEM_KEYS.has(key)) bad(`unknown transformation attribute '${key}'`, [...path, key]);
  const type = raw['type'];
  if (typeof type !== 'string' || !(TRANSFORMATION_TYPES as readonly string[]).includes(type)) {
    bad(
      `unknown transformation type '${String(type)}' (known: ${TRANSFORMATION_TYPES.join(', ')})`,
      [...path, 'type'],
      'pipeline.unknown_transformation',
    );
    return undefined;
  }
  const transformation = parseTransformation(type as Transformation['type'], raw, path, bad);
  if (!transformation) return undefined;
  const op = raw['rule_cond_op'] ?? 'and';
  if (op !== 'and' && op !== 'or') bad("'rule_cond_op' must be 'and' or 'or'", [...path, 'rule_cond_op']);
  const fieldConditions = isRecord(raw['field_name_conditions']) ? raw['field_name_conditions'] : {};
  return {
    id: typeof raw['id'] === 'string' ? raw['id'] : undefined,
    transformation,
    ruleConditions: parseRuleConditions(raw['rule_conditions'], [...path, 'rule_conditions'], bad),
    ruleConditionOp: op === 'or' ? 'or' : 'and',
    includeFields: stringList(fieldConditions['include']),
    excludeFields: stringList(fieldConditions['exclude']),
    location: doc.locate(path),
  };
}

function parseTransformation(
  type: Transformation['type'],
  raw: Record<string, unknown>,
  path: YamlPath,
  bad: Report,
): Transformation | undefined {
  const needMap = (key: string): Record<string, unknown> | undefined => {
    const v = raw[key];
    if (isRecord(v)) return v;
    bad(`transformation '${type}' needs a mapping '${key}'`, [...path, key]);
    return undefined;
  };
  switch (type) {
    case 'field_name_mapping': {
      const mapping = needMap('mapping');
      if (!mapping) return undefined;
      const out: Record<string, string[]> = {};
      for (const [from, to] of Object.entries(mapping)) {
        const targets = stringList(to);
        if (!targets || targets.length === 0)
          bad(`mapping of '${from}' must be a field name or a list of them`, [...path, 'mapping', from]);
        else out[from] = targets;
      }
      return { type, mapping: out };
    }
    case 'field_name_prefix_mapping': {
      const mapping = needMap('mapping');
      if (!mapping) return undefined;
      return { type, mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, String(v)])) };
    }
    case 'add_field_name_prefix':
      if (typeof raw['prefix'] !== 'string') {
        bad("transformation 'add_field_name_prefix' needs a string 'prefix'", [...path, 'prefix']);
        return undefined;
      }
      return { type, prefix: raw['prefix'] };
    case 'value_placeholders': {
      const values = needMap('values');
      if (!values) return undefined;
      return {
        type,
        values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, stringList(v) ?? []])),
      };
    }
    case 'wildcard_placeholders':
      return { type };
    case 'change_logsource': {
      const logsource: SigmaLogsource = {};
      for (const key of ['product', 'category', 'service'] as const) {
        if (typeof raw[key] === 'string') logsource[key] = (raw[key] as string).toLowerCase();
      }
      return { type, logsource };
    }
    case 'add_condition': {
      const conditions = needMap('conditions');
      if (!conditions) return undefined;
      return { type, conditions: conditions as Record<string, string | number | boolean | null> };
    }
  }
}

function parseRuleConditions(raw: unknown, path: YamlPath, bad: Report): LogsourceCondition[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    bad("'rule_conditions' must be a list", path);
    return [];
  }
  const out: LogsourceCondition[] = [];
  raw.forEach((c, i) => {
    if (!isRecord(c) || c['type'] !== 'logsource') {
      bad("a rule condition must be a mapping with type 'logsource'", [...path, i]);
      return;
    }
    const cond: LogsourceCondition = { type: 'logsource' };
    for (const key of ['product', 'category', 'service'] as const) {
      if (typeof c[key] === 'string') cond[key] = (c[key] as string).toLowerCase();
    }
    out.push(cond);
  });
  return out;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}
