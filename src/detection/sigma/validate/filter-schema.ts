import {
  date,
  description,
  freeText,
  logsource,
  ruleId,
  searchIdentifier,
  taxonomy,
  title,
} from './common-attributes';
import { list, map, type Check } from './schema-checks';

/** The `filter` section: the rules it applies to, one `selection` and a condition. */
const filterSection = map({
  required: ['rules', 'selection', 'condition'],
  fields: {
    rules: list(freeText, { unique: true, minItems: 1, expected: 'a list of rule ids or names' }),
    selection: searchIdentifier,
    condition: freeText,
  },
});

/** The constraints of a Sigma global filter (specification 2.x). Filters have no status or level. */
export const sigmaFilter: Check = map({
  required: ['title', 'logsource', 'filter'],
  fields: {
    title,
    id: ruleId,
    description,
    date,
    modified: date,
    taxonomy,
    logsource: logsource(['category', 'product', 'service']),
    filter: filterSection,
  },
});
