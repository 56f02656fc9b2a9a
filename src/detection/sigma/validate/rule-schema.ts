import {
  date,
  description,
  falsePositive,
  freeText,
  level,
  logsource,
  references,
  ruleId,
  searchIdentifier,
  status,
  taxonomy,
  title,
} from './common-attributes';
import { list, map, text, type Check } from './schema-checks';
import { TAG } from './schema-formats';

export const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;

const related = list(
  map({ required: ['id', 'type'], fields: { id: ruleId, type: text({ oneOf: RELATION_TYPES }) } }),
  { expected: 'a list of maps with id and type' },
);

/** `condition` must be one string; every other key of `detection` is a search identifier. */
const detection = map({
  required: ['condition'],
  fields: { condition: freeText },
  otherFields: searchIdentifier,
});

const uniqueStrings = list(freeText, { unique: true, expected: 'a list of strings' });

/** The constraints of a Sigma detection rule (specification 2.x). */
export const detectionRule: Check = map({
  required: ['title', 'logsource', 'detection'],
  fields: {
    title,
    id: ruleId,
    related,
    name: text({ maxLength: 256 }),
    taxonomy,
    status,
    description,
    license: freeText,
    author: freeText,
    references,
    date,
    modified: date,
    logsource: logsource(['category', 'product', 'service', 'definition']),
    detection,
    fields: uniqueStrings,
    falsepositives: list(falsePositive, { unique: true, expected: 'a list of strings' }),
    level,
    tags: list(text({ format: TAG }), { unique: true, expected: 'a list of tags' }),
    scope: list(text({ minLength: 2 }), { expected: 'a list of strings' }),
  },
});
