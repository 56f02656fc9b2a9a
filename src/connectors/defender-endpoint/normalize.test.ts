import { join } from 'node:path';
import { getField } from '../shared/document-paths';
import { loadRuleYaml, normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { defenderEndpointConnector } from './index';
import { productOf } from './platform';

describeGoldenSamples(defenderEndpointConnector, join(__dirname, 'testdata'), 3);

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
    expect(rejectionOf(defenderEndpointConnector, { foo: 1 })).toEqual(
      expect.stringMatching(/^not a Defender for Endpoint record/),
    );
  });

  it('rejects rows without a usable Timestamp', () => {
    expect(rejectionOf(defenderEndpointConnector, { ...networkRow, Timestamp: 'n/a' })).toEqual(
      'Timestamp is missing or not a time: "n/a"',
    );
  });

  it('keys events by DeviceId, else DeviceName', () => {
    expect(normalizeOk(defenderEndpointConnector, networkRow).key).toBe(
      '8e2f1c9b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
    );
    const noId = without(networkRow, 'DeviceId');
    expect(normalizeOk(defenderEndpointConnector, noId).key).toBe('dev-ml-04.contoso.com');
  });

  it('infers the table of an API row from its columns', () => {
    const event = normalizeOk(defenderEndpointConnector, networkRow);
    expect(event.logsource).toEqual({
      product: 'windows',
      categories: ['network_connection'],
      services: [],
    });
    expect(getField(event.document, 'destination.domain')).toBe('api.openai.com');
    expect(getField(event.document, 'm365_defender.event.initiated')).toBe(true);
  });

  it('reads the platform from the image path', () => {
    expect(productOf('C:\\Windows\\System32\\cmd.exe')).toBe('windows');
    expect(productOf('/usr/bin/curl')).toBe('linux');
    expect(productOf('/Applications/Ollama.app/Contents/MacOS/Ollama')).toBe('macos');
    expect(productOf(undefined)).toBe('windows');
  });

  it("maps Sigma's network_connection field names through its pipeline", async () => {
    const ruleSets = await loadRuleYaml(defenderEndpointConnector, [
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
    ]);
    const event = normalizeOk(defenderEndpointConnector, networkRow);
    expect(ruleSets.detect(event).map((a) => a.rule.id)).toEqual(['5d0e0d5e-8f3a-4d2b-9a51-2f6c1b7e9a01']);
  });
});
