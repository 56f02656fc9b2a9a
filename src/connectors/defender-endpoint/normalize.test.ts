import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import { getField } from '../shared/document-paths';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { defenderEndpointConnector } from './index';
import { productOf } from './platform';

describeGoldenSamples(defenderEndpointConnector, join(__dirname, 'testdata'), 3);

const ROOT = resolve(__dirname, '..', '..', '..');

const networkRow = {
  Timestamp: '2026-04-02T10:14:23.4470021Z',
  DeviceId: '8e2f1c9b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
  DeviceName: 'dev-ml-04.contoso.com',
  ActionType: 'ConnectionSuccess',
  RemoteIP: '162.159.140.245',
  RemotePort: 443,
  RemoteUrl: 'api.openai.com',
  LocalIP: '10.12.8.44',
  LocalPort: 58221,
  Protocol: 'Tcp',
  InitiatingProcessFileName: 'python.exe',
  InitiatingProcessFolderPath: 'c:\\users\\jdoe\\python.exe',
  ReportId: 40233,
};

describe('defender-endpoint', () => {
  it('unwraps Event Hub batches, API results and single rows', () => {
    const streamed = { category: 'AdvancedHunting-DeviceNetworkEvents', properties: networkRow };
    expect(defenderEndpointConnector.unwrap({ records: [streamed, streamed] })).toHaveLength(2);
    expect(defenderEndpointConnector.unwrap({ Schema: [], Results: [networkRow] })).toEqual([networkRow]);
    expect(defenderEndpointConnector.unwrap(networkRow)).toEqual([networkRow]);
  });

  it('detects device tables and rows, and rejects others', () => {
    expect(defenderEndpointConnector.detect(networkRow)).toBe(true);
    expect(
      defenderEndpointConnector.detect({ category: 'AdvancedHunting-DeviceProcessEvents', properties: {} }),
    ).toBe(true);
    expect(
      defenderEndpointConnector.detect({ category: 'AdvancedHunting-EmailEvents', properties: {} }),
    ).toBe(false);
    expect(defenderEndpointConnector.detect({ eventSource: 'x', eventName: 'y', eventTime: 'z' })).toBe(
      false,
    );
    expect(defenderEndpointConnector.normalize({ foo: 1 }, GOLDEN_CONTEXT)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not a Defender for Endpoint record/),
    });
  });

  it('rejects rows without a usable Timestamp', () => {
    expect(defenderEndpointConnector.normalize({ ...networkRow, Timestamp: 'n/a' }, GOLDEN_CONTEXT)).toEqual({
      ok: false,
      reason: 'Timestamp is missing or not a time: "n/a"',
    });
  });

  it('keys events by DeviceId, else DeviceName', () => {
    const a = defenderEndpointConnector.normalize(networkRow, GOLDEN_CONTEXT);
    expect(a.ok && a.event.key).toBe('8e2f1c9b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f');
    const noId = without(networkRow, 'DeviceId');
    const b = defenderEndpointConnector.normalize(noId, GOLDEN_CONTEXT);
    expect(b.ok && b.event.key).toBe('dev-ml-04.contoso.com');
  });

  it('infers the table of an API row from its columns', () => {
    const outcome = defenderEndpointConnector.normalize(networkRow, GOLDEN_CONTEXT);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.event.logsource).toEqual({
      product: 'windows',
      categories: ['network_connection'],
      services: [],
    });
    expect(getField(outcome.event.document, 'destination.domain')).toBe('api.openai.com');
    expect(getField(outcome.event.document, 'm365_defender.event.initiated')).toBe(true);
  });

  it('reads the platform from the image path', () => {
    expect(productOf('C:\\Windows\\System32\\cmd.exe')).toBe('windows');
    expect(productOf('/usr/bin/curl')).toBe('linux');
    expect(productOf('/Applications/Ollama.app/Contents/MacOS/Ollama')).toBe('macos');
    expect(productOf(undefined)).toBe('windows');
  });

  it("maps Sigma's network_connection field names through its pipeline", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'defender-rule-'));
    writeFileSync(
      join(dir, 'rule.yml'),
      [
        'title: Python talks to the OpenAI API',
        'id: 5d0e0d5e-8f3a-4d2b-9a51-2f6c1b7e9a01',
        'logsource: { product: windows, category: network_connection }',
        'detection:',
        '  selection:',
        "    Image|endswith: '\\python.exe'",
        "    DestinationHostname: 'api.openai.com'",
        '    DestinationPort: 443',
        "    Initiated: 'true'",
        '  condition: selection',
        'level: low',
        '',
      ].join('\n'),
    );
    const ruleSets = await SourceRuleSets.load({
      rulePaths: [dir],
      sources: [defenderEndpointConnector],
      baseDir: ROOT,
    });
    const outcome = defenderEndpointConnector.normalize(networkRow, GOLDEN_CONTEXT);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(ruleSets.detect(outcome.event).map((a) => a.rule.id)).toEqual([
      '5d0e0d5e-8f3a-4d2b-9a51-2f6c1b7e9a01',
    ]);
  });
});

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
