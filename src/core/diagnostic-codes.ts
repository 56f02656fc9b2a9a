import type { Severity } from './diagnostics';

interface CodeInfo {
  severity: Severity;
  description: string;
}

/**
 * The catalogue of diagnostic codes. Codes are stable: never renamed, never reused for another meaning.
 * A test checks that every code used in the source is listed here and described.
 */
export const DIAGNOSTIC_CODES = {
  // Reading files
  'file.unreadable': { severity: 'error', description: 'The file could not be read.' },
  'file.not_sigma': {
    severity: 'info',
    description: 'A YAML document among the rules is not a Sigma document (no title or log source): skipped.',
  },
  'yaml.syntax': { severity: 'error', description: 'The file is not valid YAML.' },
  'yaml.not_mapping': { severity: 'error', description: 'A YAML document is not a mapping.' },
  'yaml.duplicate_key': { severity: 'error', description: 'A mapping repeats a key.' },
  // Schema (the Sigma specification's JSON schemas)
  'schema.required': { severity: 'error', description: 'A required attribute is missing.' },
  'schema.type': { severity: 'error', description: 'An attribute has the wrong type.' },
  'schema.enum': { severity: 'error', description: 'An attribute has a value outside the allowed set.' },
  'schema.format': {
    severity: 'error',
    description: 'An attribute does not have the required format (uuid, date, tag).',
  },
  'schema.length': {
    severity: 'error',
    description: 'An attribute is longer than the specification allows.',
  },
  'schema.min_length': {
    severity: 'error',
    description:
      'An attribute or list is shorter than the specification allows (e.g. an empty list of filter rules).',
  },
  'schema.unique': {
    severity: 'error',
    description: 'A list repeats an item that the specification requires to be unique.',
  },
  // Rule semantics
  'rule.unknown_kind': {
    severity: 'error',
    description: 'A document is neither a detection rule, a correlation rule nor a filter.',
  },
  'rule.duplicate_id': { severity: 'error', description: 'Two rules share one id.' },
  'rule.deprecated_status': {
    severity: 'info',
    description: 'The rule has status deprecated or unsupported; it is loaded but flagged.',
  },
  'detection.empty': { severity: 'error', description: 'The detection section has no search identifier.' },
  'detection.bad_identifier': {
    severity: 'error',
    description: 'A search identifier is neither a map, a list of maps, nor a list of keywords.',
  },
  'detection.bad_value': {
    severity: 'error',
    description: 'A value in a search identifier is of a type Sigma does not allow (e.g. a nested map).',
  },
  'modifier.unknown': { severity: 'error', description: 'A field uses a modifier Sigma does not define.' },
  'modifier.invalid_chain': {
    severity: 'error',
    description: 'Modifiers are combined in a way the specification does not allow.',
  },
  'modifier.all_single_value': {
    severity: 'error',
    description: 'The `all` modifier is used on a single value, which the specification forbids.',
  },
  'modifier.bad_value': {
    severity: 'error',
    description: 'A value does not fit its modifier (bad regex, CIDR, number or exists flag).',
  },
  'condition.syntax': { severity: 'error', description: 'The condition cannot be parsed.' },
  'condition.unknown_identifier': {
    severity: 'error',
    description: 'The condition names a search identifier that the detection does not define.',
  },
  'condition.no_match_pattern': {
    severity: 'error',
    description: 'An `x of pattern` expression matches no search identifier.',
  },
  'condition.unused_identifier': {
    severity: 'warning',
    description: 'A search identifier is defined but never used by the condition.',
  },
  'placeholder.unresolved': {
    severity: 'error',
    description: 'A value with `expand` names a placeholder that has no configured values.',
  },
  'filter.unknown_rule': {
    severity: 'warning',
    description: 'A filter names a rule that is not loaded.',
  },
  'filter.logsource_mismatch': {
    severity: 'warning',
    description: 'A filter targets a rule whose log source it cannot match.',
  },
  'correlation.unknown_rule': {
    severity: 'error',
    description: 'A correlation rule refers to a rule that is not loaded.',
  },
  'correlation.not_evaluated': {
    severity: 'info',
    description: 'Correlation rules are validated here and evaluated by the stateful stage.',
  },
  // Pipelines and placeholder configuration
  'pipeline.invalid': { severity: 'error', description: 'A field-mapping pipeline is malformed.' },
  'pipeline.unknown_transformation': {
    severity: 'error',
    description: 'A pipeline names a transformation type that does not exist.',
  },
  'placeholders.invalid': { severity: 'error', description: 'A placeholder values file is malformed.' },
  // Rule tests
  'ruletest.invalid_fixture': { severity: 'error', description: 'A rule test fixture cannot be read.' },
  'ruletest.missing_case': {
    severity: 'error',
    description: 'With --strict, a rule lacks a true-positive or a true-negative test case.',
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
