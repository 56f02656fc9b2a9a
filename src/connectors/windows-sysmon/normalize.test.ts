import { join } from 'node:path';
import { getField } from '../shared/document-paths';
import { normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { windowsSysmonConnector } from './index';

describeGoldenSamples(windowsSysmonConnector, join(__dirname, 'testdata'), 4);

describe('windows-sysmon', () => {
  const evtx = {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        TimeCreated: { '#attributes': { SystemTime: '2026-03-14T08:41:17.5528930Z' } },
        EventRecordID: 42,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: 'ws-1.corp.example',
      },
      EventData: { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
    },
  };
  const winlogbeat = {
    '@timestamp': '2026-03-14T09:20:17.052Z',
    winlog: {
      channel: 'Security',
      event_id: '4688',
      provider_name: 'Microsoft-Windows-Security-Auditing',
      computer_name: 'ws-2.corp.example',
      record_id: 7,
      event_data: { NewProcessName: 'C:\\Windows\\System32\\cmd.exe', NewProcessId: '0x1f4' },
    },
  };

  it('detects the three shapes and nothing else', () => {
    expect(windowsSysmonConnector.detect(evtx)).toBe(true);
    expect(windowsSysmonConnector.detect(winlogbeat)).toBe(true);
    expect(windowsSysmonConnector.detect({ EventID: 4688, Channel: 'Security' })).toBe(true);
    expect(windowsSysmonConnector.detect({ eventSource: 'iam.amazonaws.com', eventName: 'x' })).toBe(false);
    expect(windowsSysmonConnector.detect({ winlog: { channel: 'Security' } })).toBe(false);
  });

  it('unwraps arrays and Elasticsearch hits, and keeps single events', () => {
    const hit = { _index: 'winlogbeat', _id: '1', _source: winlogbeat };
    expect(windowsSysmonConnector.unwrap([evtx, hit])).toEqual([evtx, winlogbeat]);
    expect(windowsSysmonConnector.unwrap({ hits: { hits: [hit] } })).toEqual([winlogbeat]);
    expect(windowsSysmonConnector.unwrap(evtx)).toEqual([evtx]);
  });

  it('keys events by computer, with normalizeEvtxJson ids', () => {
    const a = windowsSysmonConnector.normalize(evtx, GOLDEN_CONTEXT);
    expect(a.ok && [a.event.key, a.event.id]).toEqual([
      'ws-1.corp.example',
      'ws-1.corp.example/Microsoft-Windows-Sysmon/Operational/42',
    ]);
    const b = windowsSysmonConnector.normalize(winlogbeat, GOLDEN_CONTEXT);
    expect(b.ok && [b.event.key, b.event.id]).toEqual(['ws-2.corp.example', 'ws-2.corp.example/Security/7']);
    expect(b.ok && getField(b.event.document, 'process.pid')).toBe(500);
  });

  it('lays the event out as Winlogbeat does', () => {
    const event = normalizeOk(windowsSysmonConnector, evtx);
    const d = event.document;
    expect(getField(d, 'winlog.event_id')).toBe('1');
    expect(getField(d, 'winlog.event_data.CommandLine')).toBe('whoami /all');
    expect(getField(d, 'winlog.event_data.EventID')).toBeUndefined();
    expect(getField(d, 'process.executable')).toBe('C:\\Windows\\System32\\whoami.exe');
  });

  it('rejects events without a time, naming the field', () => {
    const system = without(evtx.Event.System, 'TimeCreated');
    const noTime = { Event: { ...evtx.Event, System: system } };
    expect(rejectionOf(windowsSysmonConnector, noTime)).toEqual(
      'Event.System.TimeCreated.SystemTime is missing or not a time: null',
    );
    expect(windowsSysmonConnector.normalize({ ...winlogbeat, '@timestamp': 'soon' }, GOLDEN_CONTEXT)).toEqual(
      {
        ok: false,
        reason: '@timestamp is missing or not a time: "soon"',
      },
    );
  });

  it('rejects records of another vendor and broken events', () => {
    const other = windowsSysmonConnector.normalize({ eventSource: 's3.amazonaws.com' }, GOLDEN_CONTEXT);
    expect(other.ok).toBe(false);
    const badId = { Event: { System: { ...evtx.Event.System, EventID: 'abc' } } };
    expect(rejectionOf(windowsSysmonConnector, badId)).toEqual('Event.System.EventID is not a number: "abc"');
  });

  it('redacts secrets in the document, the raw record and event.original', () => {
    const secret = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const withKey = {
      ...evtx,
      Event: {
        ...evtx.Event,
        EventData: { ...evtx.Event.EventData, CommandLine: `claude --api-key ${secret}` },
      },
    };
    const text = JSON.stringify(withKey);
    const event = normalizeOk(windowsSysmonConnector, withKey, { originalText: text });
    const all = JSON.stringify(event.document);
    expect(all).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(getField(event.document, 'process.command_line')).toBe('claude --api-key sk-ant-api03-[redacted]');
    expect(getField(event.document, 'event.original')).toContain('sk-ant-api03-[redacted]');
    expect(getField(event.document, 'tripline.credential.fingerprint')).toEqual([
      expect.stringMatching(/^sha256:[0-9a-f]{24}$/),
    ]);
  });

  it('lists every Windows log source normalizeEvtxJson derives', () => {
    const has = (category: string | undefined, service: string): boolean =>
      windowsSysmonConnector.logsources.some(
        (l) =>
          l.product === 'windows' &&
          l.services.includes(service) &&
          (category === undefined ? l.categories.length === 0 : l.categories.includes(category)),
      );
    expect(has('process_creation', 'sysmon')).toBe(true);
    expect(has('registry_set', 'sysmon')).toBe(true);
    expect(has('ps_script', 'powershell')).toBe(true);
    expect(has('ps_classic_start', 'powershell-classic')).toBe(true);
    expect(has(undefined, 'security')).toBe(true);
    expect(has(undefined, 'windefend')).toBe(true);
    expect(windowsSysmonConnector.logsources.length).toBeGreaterThan(70);
  });
});
