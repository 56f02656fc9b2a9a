import { formatDiagnostic } from '../src/core/diagnostics';
import { loadRuleSet, type LoadedRuleSet } from '../src/detection/loading/load-rule-set';
import { PLACEHOLDERS_FILE, requireCorpus, SIGMA_RULE_DIRS } from './shared-corpus';

describe('the SigmaHQ corpus', () => {
  let loaded: LoadedRuleSet;

  beforeAll(async () => {
    requireCorpus();
    loaded = await loadRuleSet({ rulePaths: SIGMA_RULE_DIRS, placeholderPaths: [PLACEHOLDERS_FILE] });
  });

  it('loads every rule file and compiles at least 99% of the rules without an error', () => {
    const total = loaded.collection.rules.length;
    const compiled = loaded.rules.length;
    expect(total).toBeGreaterThan(3500);
    expect(compiled + loaded.failed.length).toBe(total);
    const report = loaded.failed.map(
      (f) => `${f.file} (${f.title}):\n  ${f.diagnostics.map(formatDiagnostic).join('\n  ')}`,
    );
    // Printed so the rules that do not compile are listed with their reasons in every run.
    if (report.length > 0)
      console.info(`${loaded.failed.length} of ${total} rules do not compile:\n${report.join('\n')}`);
    expect(compiled / total).toBeGreaterThanOrEqual(0.99);
  });

  it('gives every rule that fails a reason with a file and a line', () => {
    for (const failed of loaded.failed) {
      expect(failed.diagnostics.length).toBeGreaterThan(0);
      for (const d of failed.diagnostics) {
        expect(d.location.file).toBe(failed.file);
        expect(d.location.line).toBeGreaterThan(0);
      }
    }
  });

  it('reports no file that cannot be read or parsed as YAML', () => {
    const broken = loaded.allDiagnostics.filter(
      (d) => d.code === 'file.unreadable' || d.code === 'yaml.syntax',
    );
    expect(broken.map(formatDiagnostic)).toEqual([]);
  });
});
