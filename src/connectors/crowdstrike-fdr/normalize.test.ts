import { join } from 'node:path';
import { getField } from '../shared/document-paths';
import { loadRuleYaml, normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { crowdstrikeFdrConnector } from './index';

describeGoldenSamples(crowdstrikeFdrConnector, join(__dirname, 'testdata'), 3);

const processEvent = {
  event_simpleName: 'ProcessRollup2',
  aid: 'e2b7c41f0a9d4c3e8f1a6b5d7c9e0f12',
  cid: '9f2d6b1c8e3a4f7d0b5c2a9e8d7f6c5b',
  ComputerName: 'DS-WKS-031',
  event_platform: 'Win',
  timestamp: '1775131022754',
  ParentBaseFileName: 'winword.exe',
  ImageFileName: '\\Device\\HarddiskVolume3\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
  id: '0c77d6a1-2f6d-11f1-8f4e-06a1c3e5f7b9',
};

describe('crowdstrike-fdr', () => {
  it('detects FDR events and rejects others', () => {
    expect(crowdstrikeFdrConnector.detect(processEvent)).toBe(true);
    expect(crowdstrikeFdrConnector.detect({ event_simpleName: 'X' })).toBe(false);
    expect(rejectionOf(crowdstrikeFdrConnector, { eventSource: 'x' })).toEqual(
      'not a CrowdStrike FDR event (needs event_simpleName, aid or cid, and timestamp)',
    );
  });

  it('splits arrays and keeps single events', () => {
    expect(crowdstrikeFdrConnector.unwrap([processEvent, processEvent])).toHaveLength(2);
    expect(crowdstrikeFdrConnector.unwrap(processEvent)).toEqual([processEvent]);
  });

  it('reads epoch-millisecond text, falls back to ContextTimeStamp, and rejects events without a time', () => {
    expect(normalizeOk(crowdstrikeFdrConnector, processEvent).timestamp).toBe('2026-04-02T11:57:02.754Z');
    const noTimestamp = without(processEvent, 'timestamp');
    expect(
      normalizeOk(crowdstrikeFdrConnector, { ...noTimestamp, ContextTimeStamp: '1775131022.311' }).timestamp,
    ).toBe('2026-04-02T11:57:02.311Z');
    expect(rejectionOf(crowdstrikeFdrConnector, { ...processEvent, timestamp: '' })).toEqual(
      'timestamp is missing or not a time: ""',
    );
  });

  it('keys events by sensor (aid), else computer name', () => {
    expect(normalizeOk(crowdstrikeFdrConnector, processEvent).key).toBe('e2b7c41f0a9d4c3e8f1a6b5d7c9e0f12');
    const noAid = without(processEvent, 'aid');
    expect(normalizeOk(crowdstrikeFdrConnector, noAid).key).toBe('DS-WKS-031');
  });

  it('takes the product from event_platform, else from the image path', () => {
    const noPlatform = without(processEvent, 'event_platform');
    expect(normalizeOk(crowdstrikeFdrConnector, noPlatform).logsource).toEqual({
      product: 'windows',
      categories: ['process_creation'],
      services: [],
    });
    expect(
      normalizeOk(crowdstrikeFdrConnector, { ...processEvent, event_simpleName: 'UserLogon' }).logsource
        .categories,
    ).toEqual([]);
  });

  it('keeps device paths and lets Image|endswith and ParentImage|endswith rules match', async () => {
    const ruleSets = await loadRuleYaml(crowdstrikeFdrConnector, [
      'title: Office spawns an encoded PowerShell',
      'id: 7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
      'logsource: { product: windows, category: process_creation }',
      'detection:',
      '  selection:',
      "    ParentImage|endswith: '\\winword.exe'",
      "    Image|endswith: '\\powershell.exe'",
      "    CommandLine|contains: ' -enc '",
      '  condition: selection',
      'level: high',
    ]);
    const event = normalizeOk(crowdstrikeFdrConnector, processEvent);
    expect(getField(event.document, 'process.executable')).toBe(processEvent.ImageFileName);
    expect(ruleSets.detect(event).map((a) => a.rule.id)).toEqual(['7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b']);
  });
});
