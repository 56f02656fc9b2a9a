import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type { YamlDocument, YamlPath } from '../yaml/yaml-source';
import type { TextFormat } from './schema-formats';
import { describeValue } from './schema-values';

/** Dotted path of an attribute, e.g. `correlation.group-by` or `tags.2` for the third tag. */
export function fieldName(path: YamlPath): string {
  return path.join('.');
}

function attribute(path: YamlPath): string {
  return path.length === 0 ? 'the document' : `attribute '${fieldName(path)}'`;
}

/**
 * Collects schema violations of one document, each located at the offending attribute. All messages are
 * phrased here so they read alike: "attribute 'x' must be ... (got ...)".
 */
export class SchemaReport {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly doc: YamlDocument) {}

  /** A missing attribute is reported at its parent, since it has no position of its own. */
  missing(parent: YamlPath, key: string, reason = ''): void {
    const path = [...parent, key];
    this.add('schema.required', path, `${attribute(path)} is required${reason}`, parent);
  }

  wrongType(path: YamlPath, expected: string, value: unknown): void {
    this.add('schema.type', path, `${attribute(path)} must be ${expected} (got ${describeValue(value)})`);
  }

  notAllowed(path: YamlPath, allowed: readonly string[], value: unknown): void {
    this.add(
      'schema.enum',
      path,
      `${attribute(path)} must be one of ${allowed.join(', ')} (got ${describeValue(value)})`,
    );
  }

  badFormat(path: YamlPath, format: TextFormat, value: unknown): void {
    this.add(
      'schema.format',
      path,
      `${attribute(path)} must be ${format.description} (got ${describeValue(value)})`,
    );
  }

  tooLong(path: YamlPath, maxLength: number, length: number): void {
    this.add(
      'schema.length',
      path,
      `${attribute(path)} must be at most ${maxLength} characters long (got ${length})`,
    );
  }

  tooShort(path: YamlPath, minLength: number, length: number): void {
    this.add(
      'schema.min_length',
      path,
      `${attribute(path)} must be at least ${minLength} characters long (got ${length})`,
    );
  }

  tooFewItems(path: YamlPath, minItems: number, count: number): void {
    this.add(
      'schema.min_length',
      path,
      `${attribute(path)} must have at least ${minItems} item(s) (got ${count})`,
    );
  }

  /** `path` is the repeated item; the message names the list and the item it repeats. */
  repeated(list: YamlPath, index: number, firstIndex: number, value: unknown): void {
    const path = [...list, index];
    this.add(
      'schema.unique',
      path,
      `${attribute(list)} must not repeat items: item ${index} repeats item ${firstIndex} (${describeValue(value)})`,
    );
  }

  private add(code: Diagnostic['code'], path: YamlPath, message: string, at: YamlPath = path): void {
    this.diagnostics.push(diagnostic(code, message, this.doc.locate(at), { field: fieldName(path) }));
  }
}
