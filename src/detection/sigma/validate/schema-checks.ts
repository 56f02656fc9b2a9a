import type { YamlPath } from '../yaml/yaml-source';
import type { TextFormat } from './schema-formats';
import type { SchemaReport } from './schema-report';
import { codePointLength, isMapping, sameValue } from './schema-values';

/** Checks one value found at `path` and reports every violation; a check never throws. */
export type Check = (value: unknown, path: YamlPath, report: SchemaReport) => void;

export interface TextRules {
  oneOf?: readonly string[];
  maxLength?: number;
  minLength?: number;
  format?: TextFormat;
}

export function text(rules: TextRules = {}): Check {
  return (value, path, report) => {
    if (typeof value !== 'string') return report.wrongType(path, 'a string', value);
    if (rules.oneOf && !rules.oneOf.includes(value)) report.notAllowed(path, rules.oneOf, value);
    const length = codePointLength(value);
    if (rules.maxLength !== undefined && length > rules.maxLength)
      report.tooLong(path, rules.maxLength, length);
    if (rules.minLength !== undefined && length < rules.minLength)
      report.tooShort(path, rules.minLength, length);
    if (rules.format && !rules.format.matches(value)) report.badFormat(path, rules.format, value);
  };
}

export const boolean: Check = (value, path, report) => {
  if (typeof value !== 'boolean') report.wrongType(path, 'a boolean (true or false)', value);
};

/** Any map, whatever it contains. */
export const anyMap: Check = (value, path, report) => {
  if (!isMapping(value)) report.wrongType(path, 'a map', value);
};

export interface ListRules {
  /** Items must be pairwise different (compared structurally). */
  unique?: boolean;
  minItems?: number;
  /** How to name the expected type when the value is not a list, e.g. "a list of strings". */
  expected?: string;
}

export function list(item: Check | undefined, rules: ListRules = {}): Check {
  return (value, path, report) => {
    if (!Array.isArray(value)) return report.wrongType(path, rules.expected ?? 'a list', value);
    if (rules.minItems !== undefined && value.length < rules.minItems) {
      report.tooFewItems(path, rules.minItems, value.length);
    }
    value.forEach((entry, index) => item?.(entry, [...path, index], report));
    if (rules.unique) reportRepeats(value, path, report);
  };
}

function reportRepeats(items: readonly unknown[], path: YamlPath, report: SchemaReport): void {
  items.forEach((entry, index) => {
    const first = items.findIndex((other) => sameValue(other, entry));
    if (first < index) report.repeated(path, index, first, entry);
  });
}

export interface MapRules {
  required?: readonly string[];
  /** Checks for known attributes; attributes not listed here are allowed and unchecked. */
  fields?: Readonly<Record<string, Check>>;
  /** Check for every attribute not listed in `fields` (the search identifiers of `detection`). */
  otherFields?: Check;
  /** Constraints that involve several attributes of the map. */
  refine?: (value: Record<string, unknown>, path: YamlPath, report: SchemaReport) => void;
}

export function map(rules: MapRules): Check {
  return (value, path, report) => {
    if (!isMapping(value)) return report.wrongType(path, 'a map', value);
    for (const key of rules.required ?? []) {
      if (!Object.hasOwn(value, key)) report.missing(path, key);
    }
    for (const [key, entry] of Object.entries(value)) {
      const check = rules.fields && Object.hasOwn(rules.fields, key) ? rules.fields[key] : rules.otherFields;
      check?.(entry, [...path, key], report);
    }
    rules.refine?.(value, path, report);
  };
}
