import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic, formatLocation, type Diagnostic } from '../../core/diagnostics';
import { normalizeHuntRecord } from '../../app/hunt/normalize-record';
import { ruleAppliesTo } from '../../detection/engine/logsource-routing';
import { loadRuleSet } from '../../detection/loading/load-rule-set';
import type { CompiledRule } from '../../detection/sigma/compile/compile-rule';
import { parseRuleTestFile, testFileFor, type RuleTestCase } from '../../detection/testing/rule-test-cases';
import { logsourceOfRule, runRuleTest, type RuleTestResult } from '../../detection/testing/run-rule-tests';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { addRuleLoadOptions, type RuleLoadFlags } from './rule-options';

interface TestFlags extends RuleLoadFlags {
  json?: boolean;
  strict?: boolean;
}

export function registerTest(rules: Command): void {
  addRuleLoadOptions(
    rules
      .command('test')
      .description('Run each rule against the true-positive and true-negative events in its <rule>.tests.yml')
      .argument('<paths...>', 'rule files or folders'),
  )
    .option('--json', 'print one JSON object per case and a summary')
    .option('--strict', 'fail rules that lack at least one true positive and one true negative')
    .action(async (paths: string[], flags: TestFlags) => {
      process.exitCode = await test(paths, flags);
    });
}

async function test(paths: string[], flags: TestFlags): Promise<number> {
  const loaded = await loadRuleSet({
    rulePaths: paths,
    pipelinePaths: flags.pipeline,
    placeholderPaths: flags.placeholders,
  });
  const problems: Diagnostic[] = loaded.allDiagnostics.filter((d) => d.severity === 'error');
  const results: RuleTestResult[] = [];
  const casesByFile = new Map<string, RuleTestCase[]>();
  for (const rule of loaded.rules) {
    let cases = casesByFile.get(rule.file);
    if (!cases) {
      cases = await readCases(testFileFor(rule.file), problems);
      casesByFile.set(rule.file, cases);
    }
    const own = cases.filter((c) => c.rule === undefined || c.rule === rule.meta.id);
    for (const testCase of own) results.push(evaluate(rule, testCase));
    if (flags.strict) {
      for (const expect of ['match', 'no_match'] as const) {
        if (!own.some((c) => c.expect === expect)) {
          problems.push({
            code: 'ruletest.missing_case',
            severity: 'error',
            message: `rule '${rule.meta.title}' has no ${expect === 'match' ? 'true positive' : 'true negative'} in ${testFileFor(rule.file)}`,
            location: { file: rule.file, line: rule.line, col: 1 },
            item: rule.meta.id ?? rule.meta.title,
          });
        }
      }
    }
  }
  const failed = results.filter((r) => !r.passed);
  const summary = {
    rules: loaded.rules.length,
    cases: results.length,
    passed: results.length - failed.length,
    failed: failed.length,
    problems: problems.length,
  };
  if (flags.json) {
    for (const r of results) {
      process.stdout.write(
        `${JSON.stringify({ rule: r.rule.meta.id, title: r.rule.meta.title, case: r.testCase.name, expect: r.testCase.expect, passed: r.passed, reason: r.reason, location: formatLocation(r.testCase.location) })}\n`,
      );
    }
    for (const d of problems) process.stdout.write(`${JSON.stringify(d)}\n`);
    process.stdout.write(`${JSON.stringify({ summary })}\n`);
  } else {
    if (results.length > 0) {
      const rows = results.map((r) => [
        r.passed ? 'pass' : 'FAIL',
        r.rule.meta.title,
        r.testCase.expect === 'match' ? 'TP' : 'TN',
        r.testCase.name,
        r.reason ?? '',
      ]);
      process.stdout.write(
        `${renderTable([{ header: 'RESULT' }, { header: 'RULE', maxWidth: 50 }, { header: 'KIND' }, { header: 'CASE', maxWidth: 50 }, { header: 'REASON' }], rows)}\n\n`,
      );
    }
    for (const d of problems) process.stdout.write(`${formatDiagnostic(d)}\n`);
    process.stdout.write(
      `${summary.cases} case(s) for ${summary.rules} rule(s): ${summary.passed} passed, ${summary.failed} failed; ${summary.problems} problem(s)\n`,
    );
  }
  return failed.length > 0 || problems.length > 0 ? EXIT.findings : EXIT.ok;
}

async function readCases(file: string, problems: Diagnostic[]): Promise<RuleTestCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const parsed = parseRuleTestFile(text, file);
  problems.push(...parsed.diagnostics);
  return parsed.cases;
}

function evaluate(rule: CompiledRule, testCase: RuleTestCase): RuleTestResult {
  const normalized = normalizeHuntRecord(testCase.event, logsourceOfRule(rule));
  if (!normalized.ok)
    return { rule, testCase, passed: false, reason: `event cannot be read: ${normalized.reason}` };
  if (!ruleAppliesTo(rule.logsource, normalized.event.logsource)) {
    const passed = testCase.expect === 'no_match';
    return {
      rule,
      testCase,
      passed,
      reason: passed ? undefined : 'the event log source does not fit the rule',
    };
  }
  return runRuleTest(rule, testCase, normalized.event.fields);
}
