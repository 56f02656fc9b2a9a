import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  PLACEHOLDERS_FILE,
  REGRESSION_DIR,
  requireCorpus,
  SIGMA_DIR,
  SIGMA_RULE_DIRS,
} from '../../../test/shared-corpus';
import { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import { RuleIndex } from '../../detection/engine/rule-index';
import { loadRuleSet } from '../../detection/loading/load-rule-set';
import { openInput } from '../inputs/input-paths';
import { readJsonRecords } from '../inputs/json-record-reader';
import { PACKAGE_ROOT } from '../testing/connector-tests';
import { GOLDEN_CONTEXT } from '../testing/golden-samples';
import { normalizeEvtxJson } from '../windows-evtx-json/normalize';
import { windowsSysmonConnector } from './index';

/**
 * Proof that the pipeline maps every field: each case of the SigmaHQ regression data (read in place) goes
 * through this connector and its rule, compiled through detections/pipelines/windows-sysmon.yml, must
 * fire on exactly the events it fires on when it reads normalizeEvtxJson's flat fields (which
 * test/sigma-regression.test.ts checks against the corpus's match counts).
 */
interface RegressionCase {
  name: string;
  ruleId: string;
  ruleFile: string;
  eventFiles: string[];
}

function findCases(dir: string, out: RegressionCase[] = []): RegressionCase[] {
  const entries = readdirSync(dir).sort();
  if (entries.includes('info.yml')) {
    const info = parse(readFileSync(join(dir, 'info.yml'), 'utf8')) as { rule_metadata: { id: string }[] };
    const name = dir.slice(REGRESSION_DIR.length + 1);
    const ruleId = info.rule_metadata[0]?.id ?? '';
    out.push({
      name,
      ruleId,
      ruleFile: ruleFileOf(name, ruleId),
      eventFiles: entries.filter((e) => e !== 'info.yml').map((e) => join(dir, e)),
    });
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findCases(path, out);
  }
  return out;
}

/** The case folder mirrors the rule's path; where it does not (a renamed rule), the rule is found by id. */
function ruleFileOf(name: string, ruleId: string): string {
  const mirrored = join(SIGMA_DIR, `${name}.yml`);
  if (existsSync(mirrored)) return mirrored;
  const found = ruleFilesById().get(ruleId);
  if (!found) throw new Error(`no rule file for ${name} (rule ${ruleId})`);
  return found;
}

let byId: Map<string, string> | undefined;
function ruleFilesById(): Map<string, string> {
  if (byId) return byId;
  byId = new Map();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.yml')) {
        const id = /^id:\s*(\S+)/m.exec(readFileSync(path, 'utf8'))?.[1];
        if (id) byId?.set(id, path);
      }
    }
  };
  for (const dir of SIGMA_RULE_DIRS) if (existsSync(dir)) walk(dir);
  return byId;
}

/** The same event as Winlogbeat ships it: identity under winlog.*, every other field in event_data. */
function asWinlogbeat(fields: Record<string, unknown>): Record<string, unknown> {
  const { EventID, Channel, Provider_Name, Computer, EventRecordID, ...eventData } = fields;
  return {
    '@timestamp': fields['TimeCreated'],
    winlog: {
      event_id: String(EventID),
      channel: Channel,
      provider_name: Provider_Name,
      computer_name: Computer,
      record_id: EventRecordID,
      event_data: eventData,
    },
  };
}

async function readDocuments(file: string): Promise<unknown[]> {
  const docs: unknown[] = [];
  for await (const record of readJsonRecords(openInput(file), { source: file, maxRecordBytes: 16 << 20 })) {
    if (!record.ok) throw new Error(`${file}:${record.line}: ${record.reason}`);
    docs.push(record.value);
  }
  return docs;
}

requireCorpus();
const cases = findCases(REGRESSION_DIR);

describe('windows-sysmon: every SigmaHQ regression case fires through the connector and its pipeline', () => {
  it('finds the regression cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  // One rule set of the cases' own rules (not the whole corpus), compiled once for the connector and
  // once without a pipeline for the flat fields: building a rule index is what costs time here.
  let ruleSets: SourceRuleSets;
  let flatIndex: RuleIndex;

  beforeAll(async () => {
    const rulePaths = [...new Set(cases.map((c) => c.ruleFile))];
    ruleSets = await SourceRuleSets.load({
      rulePaths,
      placeholderPaths: [PLACEHOLDERS_FILE],
      sources: [windowsSysmonConnector],
      baseDir: PACKAGE_ROOT,
    });
    flatIndex = new RuleIndex(
      (await loadRuleSet({ rulePaths, placeholderPaths: [PLACEHOLDERS_FILE] })).rules,
    );
  });

  it('compiles every case rule for the connector', () => {
    expect(ruleSets.summary.failed).toEqual([]);
    expect(ruleSets.summary.rulesBySource.get('windows-sysmon')).toBe(ruleSets.summary.rules);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const viaConnector = new Set<string>();
    const viaWinlogbeat = new Set<string>();
    const viaFlatFields = new Set<string>();
    for (const file of testCase.eventFiles) {
      for (const doc of await readDocuments(file)) {
        for (const record of windowsSysmonConnector.unwrap(doc)) {
          const outcome = windowsSysmonConnector.normalize(record as Record<string, unknown>, GOLDEN_CONTEXT);
          if (!outcome.ok) throw new Error(`${file}: ${outcome.reason}`);
          if (ruleSets.detect(outcome.event).some((a) => a.rule.id === testCase.ruleId)) {
            viaConnector.add(outcome.event.id);
          }
        }
        const flat = normalizeEvtxJson(doc);
        if (!flat.ok) throw new Error(`${file}: ${flat.reason}`);
        const shipped = windowsSysmonConnector.normalize(asWinlogbeat(flat.event.fields), GOLDEN_CONTEXT);
        if (!shipped.ok) throw new Error(`${file} as Winlogbeat: ${shipped.reason}`);
        if (ruleSets.detect(shipped.event).some((a) => a.rule.id === testCase.ruleId)) {
          viaWinlogbeat.add(shipped.event.id);
        }
        if (flatIndex.match(flat.event).some((m) => m.rule.meta.id === testCase.ruleId)) {
          viaFlatFields.add(flat.event.id);
        }
      }
    }
    expect(viaFlatFields.size).toBeGreaterThan(0);
    expect([...viaConnector].sort()).toEqual([...viaFlatFields].sort());
    expect([...viaWinlogbeat].sort()).toEqual([...viaFlatFields].sort());
  });
});
