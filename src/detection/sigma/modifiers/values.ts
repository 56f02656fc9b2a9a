import type { Token } from '../model/sigma-string';

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte';
export type StringMode = 'equals' | 'contains' | 'startswith' | 'endswith';

/** A rule value on its way through the modifier chain. */
export type SigmaValue =
  | { kind: 'string'; tokens: Token[]; raw: string }
  | { kind: 'bytes'; data: Buffer }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'regex'; pattern: string; flags: string }
  | { kind: 'cidr'; network: string }
  | { kind: 'compare'; op: CompareOp; value: number }
  | { kind: 'exists'; value: boolean }
  | { kind: 'fieldref'; field: string; mode: StringMode }
  | { kind: 'timepart'; part: TimePart; inner: SigmaValue };

export function describeValue(value: SigmaValue): string {
  switch (value.kind) {
    case 'string':
      return 'a string';
    case 'bytes':
      return 'encoded bytes';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'regex':
      return 'a regular expression';
    case 'cidr':
      return 'a network range';
    case 'compare':
      return 'a numeric comparison';
    case 'exists':
      return 'an existence test';
    case 'fieldref':
      return 'a field reference';
    case 'timepart':
      return 'a date part';
  }
}
