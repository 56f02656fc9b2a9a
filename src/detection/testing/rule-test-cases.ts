import { diagnostic, type Diagnostic } from '../../core/diagnostics';
import { isRecord } from '../sigma/parse/parse-detection';
import { parseYamlSource } from '../sigma/yaml/yaml-source';
import type { SourceLocation } from '../../core/diagnostics';

export type Expectation = 'match' | 'no_match';

/** One event a rule must (true positive) or must not (true negative) fire on. */
export interface RuleTestCase {
  name: string;
  expect: Expectation;
  /** Restricts the case to one rule of the file, by id; absent means every rule of the rule file. */
  rule?: string;
  /** The event: flat Sigma field names, or a raw Windows event in EVTX-as-JSON form. */
  event: Record<string, unknown>;
  location: SourceLocation;
}

/** The test file of `rule.yml` is `rule.tests.yml`, beside it. */
export function testFileFor(ruleFile: string): string {
  return ruleFile.replace(/\.ya?ml$/, '.tests.yml');
}

export function isTestFile(path: string): boolean {
  return /\.tests\.ya?ml$/.test(path);
}

/**
 * Parses a rule test file:
 * ```yaml
 * true_positives:
 *   - name: encoded command from Word
 *     event: { Image: 'C:\Windows\System32\cmd.exe', ParentImage: '...\WINWORD.EXE' }
 * true_negatives:
 *   - name: admin shell
 *     event: { ... }
 * ```
 */
export function parseRuleTestFile(
  text: string,
  file: string,
): { cases: RuleTestCase[]; diagnostics: Diagnostic[] } {
  const source = parseYamlSource(text, file);
  const diagnostics = [...source.diagnostics];
  const cases: RuleTestCase[] = [];
  const doc = source.documents[0];
  if (!doc) return { cases, diagnostics };
  const bad = (message: string, path: (string | number)[]): void => {
    diagnostics.push(
      diagnostic('ruletest.invalid_fixture', message, doc.locate(path), { field: path.join('.') }),
    );
  };
  if (!isRecord(doc.value)) {
    bad('a rule test file must be a mapping with true_positives and/or true_negatives', []);
    return { cases, diagnostics };
  }
  for (const key of Object.keys(doc.value)) {
    if (key !== 'true_positives' && key !== 'true_negatives')
      bad(`unknown attribute '${key}' (use true_positives, true_negatives)`, [key]);
  }
  for (const [key, expect] of [
    ['true_positives', 'match'],
    ['true_negatives', 'no_match'],
  ] as const) {
    const list = doc.value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      bad(`'${key}' must be a list of cases`, [key]);
      continue;
    }
    list.forEach((entry, index) => {
      const path = [key, index];
      if (!isRecord(entry) || !isRecord(entry['event'])) {
        bad(`case ${index + 1} of '${key}' needs an 'event' mapping`, path);
        return;
      }
      cases.push({
        name: typeof entry['name'] === 'string' ? entry['name'] : `${key}[${index}]`,
        expect,
        rule: typeof entry['rule'] === 'string' ? entry['rule'] : undefined,
        event: entry['event'],
        location: doc.locate(path),
      });
    });
  }
  return { cases, diagnostics };
}
