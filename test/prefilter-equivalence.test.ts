import { join, resolve } from 'node:path';
import { loadRegressionEvents, varyEvents } from '../src/bench/sysmon-event-corpus';
import { normalizeEvtxJson } from '../src/connectors/windows-evtx-json/normalize';
import { windowsSysmonConnector } from '../src/connectors/windows-sysmon';
import { flattenDocument } from '../src/detection/engine/flat-document';
import { ruleAppliesTo } from '../src/detection/engine/logsource-routing';
import { RuleIndex } from '../src/detection/engine/rule-index';
import { SourceRuleSets } from '../src/detection/engine/source-rule-sets';
import { loadRuleSet } from '../src/detection/loading/load-rule-set';
import { EventContext } from '../src/detection/sigma/compile/event-context';
import {
  PLACEHOLDERS_FILE,
  REGRESSION_DIR,
  requireCorpus,
  SIGMA_DIR,
  SIGMA_RULE_DIRS,
} from './shared-corpus';

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

/**
 * The detector reads connector documents through a flat view (flattenDocument) and an index built for
 * it: the rules it reports for a windows-sysmon document are exactly those that match when every
 * applicable rule reads the nested document itself.
 */
describe('the flat view of connector documents', () => {
  it('reports the same matches as every applicable rule on the nested document', async () => {
    requireCorpus();
    const root = resolve(__dirname, '..');
    const ruleSets = await SourceRuleSets.load({
      rulePaths: [join(SIGMA_DIR, 'rules', 'windows'), join(root, 'detections')],
      sources: [windowsSysmonConnector],
      baseDir: root,
    });
    const index = ruleSets.indexFor(windowsSysmonConnector.id);
    if (!index) throw new Error('no rules compiled for windows-sysmon');
    const sources = await loadRegressionEvents(REGRESSION_DIR);
    let total = 0;
    for (const [i, record] of varyEvents(sources, 2000, 11).entries()) {
      const outcome = windowsSysmonConnector.normalize(record, {
        maxOriginalBytes: 16384,
        receivedAt: '2026-01-01T00:00:00.000Z',
      });
      if (!outcome.ok) throw new Error(`event ${i}: ${outcome.reason}`);
      const { document, logsource, id } = outcome.event;
      const viaFlatIndex = index
        .match({ fields: flattenDocument(document), logsource, id })
        .map((m) => m.rule.meta.id);
      const ctx = new EventContext(document);
      const everyRule = index.rules
        .filter((r) => ruleAppliesTo(r.logsource, logsource) && r.test(ctx))
        .map((r) => r.meta.id);
      expect(viaFlatIndex).toEqual(everyRule);
      total += everyRule.length;
    }
    expect(total).toBeGreaterThan(100);
  });
});
