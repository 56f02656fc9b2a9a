import type { Diagnostic } from '../../../core/diagnostics';
import type { YamlDocument } from '../yaml/yaml-source';
import { correlationRule } from './correlation-schema';
import { sigmaFilter } from './filter-schema';
import { detectionRule } from './rule-schema';
import type { Check } from './schema-checks';
import { SchemaReport } from './schema-report';
import { isMapping } from './schema-values';

export type SigmaDocumentKind = 'rule' | 'correlation' | 'filter';

/** Which kind of Sigma document a parsed YAML value is, judged by its top-level section. */
export function detectDocumentKind(value: unknown): SigmaDocumentKind | undefined {
  if (!isMapping(value)) return undefined;
  if (Object.hasOwn(value, 'correlation')) return 'correlation';
  if (Object.hasOwn(value, 'detection')) return 'rule';
  if (Object.hasOwn(value, 'filter')) return 'filter';
  return undefined;
}

const CHECKS: Record<SigmaDocumentKind, Check> = {
  rule: detectionRule,
  correlation: correlationRule,
  filter: sigmaFilter,
};

/**
 * Checks a document against the constraints of the Sigma JSON schema for its kind and reports every
 * violation, each located at the offending attribute (or at the parent of a missing one).
 */
export function checkSchema(doc: YamlDocument, kind: SigmaDocumentKind): Diagnostic[] {
  const report = new SchemaReport(doc);
  CHECKS[kind](doc.value, [], report);
  return report.diagnostics;
}
