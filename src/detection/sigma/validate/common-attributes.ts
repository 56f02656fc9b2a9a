import { list, map, text, type Check } from './schema-checks';
import { DATE, UUID } from './schema-formats';
import { isInteger, isMapping } from './schema-values';

/** Attribute checks shared by detection rules, correlation rules and filters. */

export const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export const title = text({ maxLength: 256 });
export const ruleId = text({ format: UUID });
export const status = text({ oneOf: STATUSES });
export const level = text({ oneOf: LEVELS });
export const description = text({ maxLength: 65535 });
export const freeText = text();
export const taxonomy = text({ maxLength: 256 });
export const date = text({ format: DATE });
export const references = list(freeText, { unique: true, expected: 'a list of strings' });

/** The specification asks for at least two characters per false positive. */
export const falsePositive = text({ minLength: 2 });

export function logsource(attributes: readonly string[]): Check {
  return map({ fields: Object.fromEntries(attributes.map((name) => [name, freeText])) });
}

/**
 * A search identifier: a map of field conditions, or a list whose items are keywords (strings, integers)
 * or maps. What is inside a map is left to the detection parser.
 */
export const searchIdentifier: Check = (value, path, report) => {
  if (isMapping(value)) return;
  if (!Array.isArray(value)) return report.wrongType(path, 'a map or a list', value);
  value.forEach((entry, index) => {
    if (typeof entry === 'string' || isInteger(entry) || isMapping(entry)) return;
    report.wrongType([...path, index], 'a string, an integer or a map', entry);
  });
};
