import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes';

export type Severity = 'error' | 'warning' | 'info';

/** Where in a source file a diagnostic points. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/**
 * One problem found while loading content (rules, pipelines, placeholders, fixtures).
 * Loaders collect every diagnostic instead of throwing on the first one.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  location: SourceLocation;
  /** Id or title of the rule the diagnostic belongs to, when known. */
  item?: string;
  /** Dotted path of the offending field inside the document, e.g. `detection.selection.Image|foo`. */
  field?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  location: SourceLocation,
  extra: { item?: string; field?: string; severity?: Severity } = {},
): Diagnostic {
  const { severity, ...rest } = extra;
  return { code, severity: severity ?? DIAGNOSTIC_CODES[code].severity, message, location, ...rest };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  const item = d.item ? ` [${d.item}]` : '';
  return `${formatLocation(d.location)} ${d.severity} ${d.code}${item}: ${d.message}`;
}
