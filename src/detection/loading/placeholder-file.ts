import { diagnostic, type Diagnostic } from '../../core/diagnostics';
import { isRecord } from '../sigma/parse/parse-detection';
import { parseYamlSource } from '../sigma/yaml/yaml-source';

/**
 * Parses a placeholder values file: a YAML mapping of placeholder name to a value or a list of values,
 * e.g. `Admins_Workstations: ['ADM-*', 'PAW-*']`.
 */
export function parsePlaceholderFile(
  text: string,
  file: string,
): { values: Map<string, string[]>; diagnostics: Diagnostic[] } {
  const source = parseYamlSource(text, file);
  const diagnostics = [...source.diagnostics];
  const values = new Map<string, string[]>();
  const doc = source.documents[0];
  if (!doc) return { values, diagnostics };
  if (!isRecord(doc.value)) {
    diagnostics.push(
      diagnostic('placeholders.invalid', 'a placeholder file must map names to values', doc.locate([])),
    );
    return { values, diagnostics };
  }
  for (const [name, raw] of Object.entries(doc.value)) {
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0 || list.some((v) => v === null || typeof v === 'object')) {
      diagnostics.push(
        diagnostic(
          'placeholders.invalid',
          `placeholder '${name}' must be a value or a non-empty list of values`,
          doc.locate([name]),
          { field: name },
        ),
      );
      continue;
    }
    values.set(name, list.map(String));
  }
  return { values, diagnostics };
}
