import type { EventLogsource } from '../../core/event';
import type { CompiledRule } from '../sigma/compile/compile-rule';
import { EventContext } from '../sigma/compile/event-context';
import type { RuleTestCase } from './rule-test-cases';

export interface RuleTestResult {
  rule: CompiledRule;
  testCase: RuleTestCase;
  passed: boolean;
  /** What happened, in words, when the case failed. */
  reason?: string;
}

/** The log source a rule's own test events are assumed to come from: exactly the rule's. */
export function logsourceOfRule(rule: CompiledRule): EventLogsource {
  return {
    product: rule.logsource.product,
    categories: rule.logsource.category ? [rule.logsource.category] : [],
    services: rule.logsource.service ? [rule.logsource.service] : [],
  };
}

/** Evaluates one case against one rule: true positives must match, true negatives must not. */
export function runRuleTest(
  rule: CompiledRule,
  testCase: RuleTestCase,
  fields: Record<string, unknown>,
): RuleTestResult {
  const matched = rule.test(new EventContext(fields));
  const passed = matched === (testCase.expect === 'match');
  return {
    rule,
    testCase,
    passed,
    reason: passed
      ? undefined
      : matched
        ? 'the rule matched a true negative'
        : 'the rule did not match a true positive',
  };
}
