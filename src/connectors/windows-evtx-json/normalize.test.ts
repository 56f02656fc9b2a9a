import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeEvtxJson } from './normalize';

/**
 * Golden files: each `<name>.input.json` in testdata/ is a raw event as EVTX-to-JSON converters write
 * it, and `<name>.expected.json` what normalizeEvtxJson makes of it. After a deliberate change, rewrite
 * the expected files with UPDATE_GOLDEN=1 (then prettier) and review the diff.
 */
const TESTDATA = join(__dirname, 'testdata');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const inputs = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.input.json'))
  .sort();

describe('normalizeEvtxJson golden files', () => {
  it('has samples', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8);
  });

  it.each(inputs)('%s', (input) => {
    const raw: unknown = JSON.parse(readFileSync(join(TESTDATA, input), 'utf8'));
    const result = normalizeEvtxJson(raw);
    const actual: unknown = JSON.parse(JSON.stringify(result.ok ? result.event : { error: result.reason }));
    const expectedPath = join(TESTDATA, input.replace('.input.json', '.expected.json'));
    if (UPDATE) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(expectedPath))
      throw new Error(`${expectedPath} is missing: write it with UPDATE_GOLDEN=1 and review it`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});

describe('normalizeEvtxJson', () => {
  const sysmon = (system: Record<string, unknown>, eventData: Record<string, unknown> = {}): unknown => ({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        ...system,
      },
      EventData: eventData,
    },
  });

  it.each([
    [12, ['registry_event', 'registry_add', 'registry_delete']],
    [13, ['registry_event', 'registry_set']],
    [14, ['registry_event', 'registry_rename']],
    [4, ['sysmon_status']],
    [16, ['sysmon_status']],
    [17, ['pipe_created']],
    [18, ['pipe_created']],
    [19, ['wmi_event']],
    [21, ['wmi_event']],
    [255, ['sysmon_error']],
    [9999, []],
  ])('gives Sysmon event %i the categories %j', (eventId, categories) => {
    const result = normalizeEvtxJson(sysmon({ EventID: eventId }));
    expect(result.ok && result.event.logsource).toEqual({
      product: 'windows',
      categories,
      services: ['sysmon'],
    });
  });

  it.each([
    ['Microsoft-Windows-PowerShell/Operational', 4103, ['ps_module'], ['powershell']],
    ['PowerShellCore/Operational', 4104, ['ps_script'], ['powershell']],
    ['Windows PowerShell', 600, ['ps_classic_provider_start'], ['powershell-classic']],
    ['Windows PowerShell', 800, ['ps_classic_script'], ['powershell-classic']],
    ['Windows PowerShell', 4104, [], ['powershell-classic']],
    ['Microsoft-Windows-PowerShell/Operational', 800, [], ['powershell']],
    ['security', 4688, [], ['security']],
    ['Microsoft-Windows-Kernel-ShimEngine/Diagnostic', 1, [], ['kernel-shimengine']],
    ['Some-Unknown/Operational', 1, [], []],
  ])('gives %s event %i the categories %j and services %j', (channel, eventId, categories, services) => {
    const result = normalizeEvtxJson({ Event: { System: { EventID: eventId, Channel: channel } } });
    expect(result.ok && result.event.logsource).toEqual({ product: 'windows', categories, services });
  });

  it('rejects what is not a Windows event, naming what is missing', () => {
    expect(normalizeEvtxJson([1])).toEqual({ ok: false, reason: expect.stringMatching(/not a JSON object/) });
    expect(normalizeEvtxJson({ foo: 1 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/no Event object/),
    });
    expect(normalizeEvtxJson({ Event: { EventData: {} } })).toEqual({
      ok: false,
      reason: 'Event.System is missing',
    });
    expect(normalizeEvtxJson({ Event: { System: { Channel: 'Security' } } })).toEqual({
      ok: false,
      reason: 'Event.System.EventID is missing',
    });
    expect(normalizeEvtxJson({ Event: { System: { EventID: 'abc' } } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/EventID is not a number/),
    });
    expect(normalizeEvtxJson({ EventID: 'x', Channel: 'Security' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/EventID is not a number/),
    });
  });

  it('identifies an event by host, channel and record number, or else by a hash of its content', () => {
    const full = normalizeEvtxJson(sysmon({ EventID: 1, Computer: 'h', EventRecordID: 7 }));
    expect(full.ok && full.event.id).toBe('h/Microsoft-Windows-Sysmon/Operational/7');
    const a = normalizeEvtxJson(sysmon({ EventID: 1 }, { Image: 'a.exe', CommandLine: 'a' }));
    const sameReordered = normalizeEvtxJson(sysmon({ EventID: 1 }, { CommandLine: 'a', Image: 'a.exe' }));
    const other = normalizeEvtxJson(sysmon({ EventID: 1 }, { Image: 'b.exe', CommandLine: 'a' }));
    expect(a.ok && a.event.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.ok && a.event.id).toBe(sameReordered.ok && sameReordered.event.id);
    expect(a.ok && a.event.id).not.toBe(other.ok && other.event.id);
  });

  it('lets EventData win over a System value of the same name', () => {
    const result = normalizeEvtxJson(
      sysmon({ EventID: 1, Execution: { '#attributes': { ProcessID: 4 } } }, { ProcessID: 99 }),
    );
    expect(result.ok && result.event.fields['ProcessID']).toBe(99);
  });

  it('gives plain EventData and the general path the same fields, in the same order', () => {
    const system = { EventID: 1, Computer: 'h', EventRecordID: 7, Level: 4 };
    const plain = normalizeEvtxJson(sysmon(system, { Image: 'a.exe', Level: 'mine', Hashes: ['x', 'y'] }));
    // `Data` takes the general path: named data become fields like the map above.
    const general = normalizeEvtxJson(
      sysmon(system, {
        Data: [
          { '#attributes': { Name: 'Image' }, '#text': 'a.exe' },
          { '#attributes': { Name: 'Level' }, '#text': 'mine' },
          { '#attributes': { Name: 'Hashes' }, '#text': ['x', 'y'] },
        ],
      }),
    );
    expect(plain.ok && Object.entries(plain.event.fields)).toEqual(
      general.ok && Object.entries(general.event.fields),
    );
    expect(plain.ok && Object.keys(plain.event.fields)).toEqual([
      'Image',
      'Level',
      'Hashes',
      'EventID',
      'Provider_Name',
      'Channel',
      'Computer',
      'EventRecordID',
    ]);
    // A value that is undefined (not JSON, but a caller may pass it) still reads as the empty string.
    const undefinedValue = normalizeEvtxJson(sysmon(system, { Image: undefined }));
    expect(undefinedValue.ok && undefinedValue.event.fields['Image']).toBe('');
  });
});
