import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { normalizeEvtxJson } from '../src/connectors/windows-evtx-json/normalize';
import { RuleIndex } from '../src/detection/engine/rule-index';
import { loadRuleSet } from '../src/detection/loading/load-rule-set';
import { PLACEHOLDERS_FILE, REGRESSION_DIR, requireCorpus, SIGMA_RULE_DIRS } from './shared-corpus';

interface RegressionCase {
  folder: string;
  ruleIds: string[];
  matchCount?: number;
  eventFiles: string[];
}

function findCases(dir: string): RegressionCase[] {
  const out: RegressionCase[] = [];
  const entries = readdirSync(dir).sort();
  if (entries.includes('info.yml')) {
    const info = parse(readFileSync(join(dir, 'info.yml'), 'utf8')) as {
      rule_metadata: { id: string }[];
      regression_tests_info?: { match_count?: number }[];
    };
    out.push({
      folder: dir,
      ruleIds: info.rule_metadata.map((r) => r.id),
      matchCount: info.regression_tests_info?.[0]?.match_count,
      eventFiles: entries.filter((e) => e !== 'info.yml').map((e) => join(dir, e)),
    });
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findCases(path));
  }
  return out;
}

/** The corpus files hold one or more JSON documents one after another. */
function readDocuments(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  const docs: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && --depth === 0) {
      docs.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return docs;
}

requireCorpus();
const cases = findCases(REGRESSION_DIR);

describe('SigmaHQ regression data: the named rule fires on its true positives', () => {
  let index: RuleIndex;

  beforeAll(async () => {
    const loaded = await loadRuleSet({ rulePaths: SIGMA_RULE_DIRS, placeholderPaths: [PLACEHOLDERS_FILE] });
    index = new RuleIndex(loaded.rules);
  });

  it('finds the regression cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases.map((c) => [c.folder.slice(REGRESSION_DIR.length + 1), c] as const))('%s', (_name, testCase) => {
    let matches = 0;
    let events = 0;
    for (const file of testCase.eventFiles) {
      for (const doc of readDocuments(file)) {
        const normalized = normalizeEvtxJson(doc);
        if (!normalized.ok) throw new Error(`${file}: ${normalized.reason}`);
        events++;
        const fired = index.match(normalized.event).map((m) => m.rule.meta.id);
        matches += fired.filter((id) => id !== undefined && testCase.ruleIds.includes(id)).length;
      }
    }
    expect(events).toBeGreaterThan(0);
    if (testCase.matchCount !== undefined) expect(matches).toBe(testCase.matchCount);
    else expect(matches).toBeGreaterThan(0);
  });
});
