import { loadRegressionEvents, varyEvents } from '../src/bench/sysmon-event-corpus';
import { normalizeEvtxJson } from '../src/connectors/windows-evtx-json/normalize';
import { ruleAppliesTo } from '../src/detection/engine/logsource-routing';
import { RuleIndex } from '../src/detection/engine/rule-index';
import { loadRuleSet } from '../src/detection/loading/load-rule-set';
import { EventContext } from '../src/detection/sigma/compile/event-context';
import { PLACEHOLDERS_FILE, REGRESSION_DIR, requireCorpus, SIGMA_RULE_DIRS } from './shared-corpus';

/**
 * The literal prefilter must never hide a match: for every event, the rules the index reports are
 * exactly the rules that match when every applicable rule is evaluated without it.
 */
describe('the literal prefilter', () => {
  it('reports the same matches as evaluating every applicable rule', async () => {
    requireCorpus();
    const loaded = await loadRuleSet({ rulePaths: SIGMA_RULE_DIRS, placeholderPaths: [PLACEHOLDERS_FILE] });
    const index = new RuleIndex(loaded.rules);
    const sources = await loadRegressionEvents(REGRESSION_DIR);
    const events = varyEvents(sources, 3000, 7).map((doc) => {
      const n = normalizeEvtxJson(doc);
      if (!n.ok) throw new Error(n.reason);
      return n.event;
    });
    let total = 0;
    for (const event of events) {
      const viaIndex = index.match(event).map((m) => m.rule.meta.id);
      const ctx = new EventContext(event.fields);
      const everyRule = loaded.rules
        .filter((r) => ruleAppliesTo(r.logsource, event.logsource) && r.test(ctx))
        .map((r) => r.meta.id);
      expect(viaIndex).toEqual(everyRule);
      total += everyRule.length;
    }
    expect(total).toBeGreaterThan(100);
    // The point of the index: far fewer rules evaluated than apply.
    expect(index.stats.rulesEvaluated / index.stats.events).toBeLessThan(50);
  });
});
