import type { YamlPath } from '../yaml/yaml-source';
import {
  date,
  description,
  falsePositive,
  freeText,
  level,
  references,
  ruleId,
  status,
  taxonomy,
  title,
} from './common-attributes';
import { anyMap, boolean, list, map, text, type Check } from './schema-checks';
import type { SchemaReport } from './schema-report';

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const;

/** Types whose `condition` compares a count or an aggregated value, so it cannot be left out. */
const TYPES_NEEDING_CONDITION: readonly string[] = [
  'event_count',
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile',
];

/**
 * Every known type needs `group-by` and some need `condition`. With no valid type there is no way to tell,
 * and the missing or unknown type is already reported, so nothing more is said.
 */
function requireForType(section: Record<string, unknown>, path: YamlPath, report: SchemaReport): void {
  const type = section['type'];
  if (typeof type !== 'string' || !(CORRELATION_TYPES as readonly string[]).includes(type)) return;
  const needed = TYPES_NEEDING_CONDITION.includes(type) ? ['condition', 'group-by'] : ['group-by'];
  for (const key of needed) {
    if (!Object.hasOwn(section, key)) report.missing(path, key, ` for correlation type '${type}'`);
  }
}

/**
 * The `condition` map (gt, gte, lt, lte, eq, neq, field) is only required to be a map here: the official
 * schema states nothing enforceable about its content, and the correlation stage checks it.
 */
const correlationSection = map({
  required: ['type', 'rules', 'timespan'],
  fields: {
    type: text({ oneOf: CORRELATION_TYPES }),
    rules: list(text({ minLength: 2 }), { unique: true, expected: 'a list of rule ids or names' }),
    aliases: map({ otherFields: anyMap }),
    'group-by': list(freeText, { unique: true, expected: 'a list of field names' }),
    timespan: text({ maxLength: 10 }),
    condition: anyMap,
  },
  refine: requireForType,
});

const falsePositiveList = list(falsePositive, { unique: true, expected: 'a string or a list of strings' });

/** Unlike detection rules, a correlation rule may give its false positives as one string. */
const falsePositives: Check = (value, path, report) =>
  typeof value === 'string' ? falsePositive(value, path, report) : falsePositiveList(value, path, report);

/** The constraints of a Sigma correlation rule (specification 2.1). */
export const correlationRule: Check = map({
  required: ['title', 'correlation'],
  fields: {
    title,
    id: ruleId,
    status,
    description,
    author: freeText,
    references,
    date,
    modified: date,
    taxonomy,
    correlation: correlationSection,
    falsepositives: falsePositives,
    level,
    generate: boolean,
  },
});
