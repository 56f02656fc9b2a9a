import { readdirSync, readFileSync, statSync } from 'node:fs';
import { openInput } from '../src/connectors/inputs/input-paths';
import { readJsonRecords } from '../src/connectors/inputs/json-record-reader';
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

/**
 * Where the corpus's match_count disagrees with what its own rule says about its own events, the test
 * names the records that must match instead, with the reason, so the check stays exact.
 */
const MATCH_COUNT_CORRECTIONS: Record<string, { records: string[]; why: string }> = {
  'rules/windows/file/file_event/file_event_win_anydesk_artefact': {
    records: ['14985', '14988', '14990'],
    why: "three of the five events have a TargetFilename containing '\\AppData\\Roaming\\AnyDesk\\user.conf'",
  },
  'rules/windows/registry/registry_set/registry_set_disable_administrative_share': {
    records: ['28656599', '28656618'],
    why: 'both events set AutoShareServer / AutoShareWks under LanmanServer\\Parameters to DWORD 0',
  },
};

async function readDocuments(file: string): Promise<unknown[]> {
  const docs: unknown[] = [];
  for await (const record of readJsonRecords(openInput(file), {
    source: file,
    maxRecordBytes: 16 * 1024 * 1024,
  })) {
    if (!record.ok) throw new Error(`${file}:${record.line}: ${record.reason}`);
    docs.push(record.value);
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

  it.each(cases.map((c) => [c.folder.slice(REGRESSION_DIR.length + 1), c] as const))(
    '%s',
    async (name, testCase) => {
      // Distinct events: some cases hold the same record twice (as .json and .jsoncls).
      const matchedEvents = new Set<string>();
      let events = 0;
      for (const file of testCase.eventFiles) {
        for (const doc of await readDocuments(file)) {
          const normalized = normalizeEvtxJson(doc);
          if (!normalized.ok) throw new Error(`${file}: ${normalized.reason}`);
          events++;
          const fired = index
            .match(normalized.event)
            .some((m) => testCase.ruleIds.includes(m.rule.meta.id ?? ''));
          if (fired)
            matchedEvents.add(String(normalized.event.fields['EventRecordID'] ?? normalized.event.id));
        }
      }
      expect(events).toBeGreaterThan(0);
      const correction = MATCH_COUNT_CORRECTIONS[name];
      if (correction) expect([...matchedEvents].sort()).toEqual(correction.records);
      else if (testCase.matchCount !== undefined) expect(matchedEvents.size).toBe(testCase.matchCount);
      else expect(matchedEvents.size).toBeGreaterThan(0);
    },
  );
});
