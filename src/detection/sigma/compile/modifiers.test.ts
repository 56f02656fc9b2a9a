import { compileYaml, diagnoseYaml, matches, ruleWith } from '../testing/compile-yaml';

/** Each modifier with an event that must match and one that must not. */
interface Case {
  name: string;
  detection: string;
  match: Record<string, unknown>;
  noMatch: Record<string, unknown>;
  placeholders?: Record<string, string[]>;
}

const b64 = (s: string, encoding: BufferEncoding = 'utf8'): string =>
  Buffer.from(s, encoding).toString('base64');

const CASES: Case[] = [
  {
    name: 'contains',
    detection: "sel: { CommandLine|contains: 'mimikatz' }\ncondition: sel",
    match: { CommandLine: 'run Mimikatz.exe now' },
    noMatch: { CommandLine: 'mimi katz' },
  },
  {
    name: 'startswith',
    detection: "sel: { Image|startswith: 'C:\\Temp\\' }\ncondition: sel",
    match: { Image: 'c:\\temp\\x.exe' },
    noMatch: { Image: 'D:\\C:\\Temp\\x.exe' },
  },
  {
    name: 'endswith',
    detection: "sel: { Image|endswith: '\\cmd.exe' }\ncondition: sel",
    match: { Image: 'C:\\Windows\\CMD.EXE' },
    noMatch: { Image: 'C:\\cmd.exe.bak' },
  },
  {
    name: 'all',
    detection: "sel: { CommandLine|contains|all: [' -enc ', ' -nop '] }\ncondition: sel",
    match: { CommandLine: 'powershell -nop -w hidden -enc AAA' },
    noMatch: { CommandLine: 'powershell -enc AAA' },
  },
  {
    name: 'exists true',
    detection: 'sel: { ParentImage|exists: true }\ncondition: sel',
    match: { ParentImage: null },
    noMatch: { Image: 'x' },
  },
  {
    name: 'exists false',
    detection: 'sel: { ParentImage|exists: false }\ncondition: sel',
    match: { Image: 'x' },
    noMatch: { ParentImage: '' },
  },
  {
    name: 'cased',
    detection: "sel: { CommandLine|cased|contains: 'DownloadString' }\ncondition: sel",
    match: { CommandLine: 'x.DownloadString(u)' },
    noMatch: { CommandLine: 'x.downloadstring(u)' },
  },
  {
    name: 'neq single',
    detection: "sel: { User|neq: 'SYSTEM' }\ncondition: sel",
    match: { User: 'alice' },
    noMatch: { User: 'system' },
  },
  {
    name: 'neq list (differs from every value)',
    detection: 'sel: { LogonType|neq: [2, 10] }\ncondition: sel',
    match: { LogonType: 3 },
    noMatch: { LogonType: 10 },
  },
  {
    name: 'windash hyphen and slash',
    detection: "sel: { CommandLine|windash|contains: ' -decode ' }\ncondition: sel",
    match: { CommandLine: 'certutil /decode a b' },
    noMatch: { CommandLine: 'certutil decode a b' },
  },
  {
    name: 'windash en dash',
    detection: "sel: { CommandLine|contains|windash: ' -enc' }\ncondition: sel",
    match: { CommandLine: 'powershell \u2013enc AAA' },
    noMatch: { CommandLine: 'powershell +enc AAA' },
  },
  {
    name: 'windash em dash and horizontal bar',
    detection: "sel: { CommandLine|contains|windash: ' -f ' }\ncondition: sel",
    match: { CommandLine: 'x \u2014f y' },
    noMatch: { CommandLine: 'x \u2015 y' },
  },
  {
    name: 'windash only at flag positions',
    detection: "sel: { CommandLine|contains|windash: 'Set-MpPreference' }\ncondition: sel",
    match: { CommandLine: 'Set-MpPreference -x' },
    noMatch: { CommandLine: 'Set/MpPreference -x' },
  },
  {
    name: 're',
    detection: "sel: { CommandLine|re: '\\\\[a-z]{8}\\.exe$' }\ncondition: sel",
    match: { CommandLine: 'C:\\Temp\\abcdefgh.exe' },
    noMatch: { CommandLine: 'C:\\Temp\\ABCDEFGH.exe' },
  },
  {
    name: 're|i',
    detection: "sel: { CommandLine|re|i: 'invoke-[a-z]+kat' }\ncondition: sel",
    match: { CommandLine: 'INVOKE-MIMIKATZ' },
    noMatch: { CommandLine: 'invoke-1kat' },
  },
  {
    name: 're|m',
    detection: "sel: { Payload|re|m: '^evil$' }\ncondition: sel",
    match: { Payload: 'good\nevil\nfine' },
    noMatch: { Payload: 'good evil fine' },
  },
  {
    name: 're|s',
    detection: "sel: { Payload|re|s: 'start.end' }\ncondition: sel",
    match: { Payload: 'start\nend' },
    noMatch: { Payload: 'start\n\nend' },
  },
  {
    name: 'base64',
    detection: "sel: { Data|base64: 'http://' }\ncondition: sel",
    match: { Data: b64('http://') },
    noMatch: { Data: b64('https://') },
  },
  {
    name: 'base64|contains',
    detection: "sel: { Data|base64|contains: 'http://' }\ncondition: sel",
    match: { Data: `xx${b64('http://')}yy` },
    noMatch: { Data: 'aHR0cHM6Ly8=' },
  },
  {
    name: 'base64offset|contains at offset 0',
    detection: "sel: { CommandLine|base64offset|contains: 'IEX' }\ncondition: sel",
    match: { CommandLine: `-enc ${b64('IEX (New-Object)')}` },
    noMatch: { CommandLine: `-enc ${b64('Get-Item')}` },
  },
  {
    name: 'base64offset|contains at offset 1',
    detection: "sel: { CommandLine|base64offset|contains: 'IEX' }\ncondition: sel",
    match: { CommandLine: b64('aIEX (New-Object)') },
    noMatch: { CommandLine: b64('aIE5 (New-Object)') },
  },
  {
    name: 'base64offset|contains at offset 2',
    detection: "sel: { CommandLine|base64offset|contains: 'IEX' }\ncondition: sel",
    match: { CommandLine: b64('abIEX (New-Object)') },
    noMatch: { CommandLine: b64('abIE (New-Object)') },
  },
  {
    name: 'wide|base64offset|contains',
    detection: "sel: { CommandLine|wide|base64offset|contains: 'IEX' }\ncondition: sel",
    match: { CommandLine: `-enc ${b64('xIEX (iwr u)', 'utf16le')}` },
    noMatch: { CommandLine: `-enc ${b64('xIEX (iwr u)')}` },
  },
  {
    name: 'utf16le|base64offset|contains',
    detection: "sel: { CommandLine|utf16le|base64offset|contains: 'whoami' }\ncondition: sel",
    match: { CommandLine: b64('whoami /all', 'utf16le') },
    noMatch: { CommandLine: b64('whoami /all') },
  },
  {
    name: 'utf16be|base64',
    detection: "sel: { Data|utf16be|base64: 'ab' }\ncondition: sel",
    match: { Data: Buffer.from([0, 0x61, 0, 0x62]).toString('base64') },
    noMatch: { Data: b64('ab', 'utf16le') },
  },
  {
    name: 'utf16|base64 (with BOM)',
    detection: "sel: { Data|utf16|base64: 'ab' }\ncondition: sel",
    match: { Data: Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0]).toString('base64') },
    noMatch: { Data: b64('ab', 'utf16le') },
  },
  {
    name: 'lt',
    detection: 'sel: { Size|lt: 100 }\ncondition: sel',
    match: { Size: 99 },
    noMatch: { Size: 100 },
  },
  {
    name: 'lte on a numeric string',
    detection: 'sel: { Size|lte: 100 }\ncondition: sel',
    match: { Size: '100' },
    noMatch: { Size: '101' },
  },
  {
    name: 'gt',
    detection: 'sel: { Size|gt: 100 }\ncondition: sel',
    match: { Size: 101 },
    noMatch: { Size: 'large' },
  },
  {
    name: 'gte',
    detection: 'sel: { Size|gte: 1.5 }\ncondition: sel',
    match: { Size: 1.5 },
    noMatch: { Size: 1.49 },
  },
  {
    name: 'minute',
    detection: 'sel: { UtcTime|minute: 42 }\ncondition: sel',
    match: { UtcTime: '2025-10-24 23:42:38.276' },
    noMatch: { UtcTime: '2025-10-24 23:43:38.276' },
  },
  {
    name: 'hour with gte',
    detection: "sel: { '@timestamp|hour|gte': 22 }\ncondition: sel",
    match: { '@timestamp': '2025-10-24T23:52:38Z' },
    noMatch: { '@timestamp': '2025-10-24T08:52:38Z' },
  },
  {
    name: 'day',
    detection: 'sel: { UtcTime|day: 24 }\ncondition: sel',
    match: { UtcTime: '2025-10-24T01:00:00Z' },
    noMatch: { UtcTime: '2025-10-25T01:00:00Z' },
  },
  {
    name: 'week',
    detection: 'sel: { UtcTime|week: 43 }\ncondition: sel',
    match: { UtcTime: '2025-10-24T01:00:00Z' },
    noMatch: { UtcTime: '2025-11-24T01:00:00Z' },
  },
  {
    name: 'month',
    detection: 'sel: { UtcTime|month: 10 }\ncondition: sel',
    match: { UtcTime: '2025-10-24T01:00:00Z' },
    noMatch: { UtcTime: '2025-09-24T01:00:00Z' },
  },
  {
    name: 'year',
    detection: 'sel: { UtcTime|year|lt: 2026 }\ncondition: sel',
    match: { UtcTime: '2025-10-24T01:00:00Z' },
    noMatch: { UtcTime: '2026-01-01T00:00:00Z' },
  },
  {
    name: 'cidr IPv4',
    detection: "sel: { DestinationIp|cidr: '10.0.0.0/8' }\ncondition: sel",
    match: { DestinationIp: '10.20.30.40' },
    noMatch: { DestinationIp: '11.0.0.1' },
  },
  {
    name: 'cidr IPv4 list',
    detection: "sel: { DestinationIp|cidr: ['192.168.0.0/16', '172.16.0.0/12'] }\ncondition: sel",
    match: { DestinationIp: '172.31.255.255' },
    noMatch: { DestinationIp: '172.32.0.1' },
  },
  {
    name: 'cidr IPv6',
    detection: "sel: { DestinationIp|cidr: 'fe80::/10' }\ncondition: sel",
    match: { DestinationIp: 'FE80::1%eth0' },
    noMatch: { DestinationIp: 'fec0::1' },
  },
  {
    name: 'cidr IPv6 mapped IPv4',
    detection: "sel: { DestinationIp|cidr: '::ffff:10.0.0.0/104' }\ncondition: sel",
    match: { DestinationIp: '10.1.2.3' },
    noMatch: { DestinationIp: '::ffff:11.1.2.3' },
  },
  {
    name: 'expand',
    detection: "sel: { Computer|expand: '%DomainControllers%' }\ncondition: sel",
    match: { Computer: 'DC02.corp' },
    noMatch: { Computer: 'WS01.corp' },
    placeholders: { DomainControllers: ['DC01*', 'DC02*'] },
  },
  {
    name: 'contains|expand',
    detection: "sel: { CommandLine|contains|expand: '%userdomain%' }\ncondition: sel",
    match: { CommandLine: 'net user x /domain:CORP' },
    noMatch: { CommandLine: 'net user x' },
    placeholders: { userdomain: ['corp'] },
  },
  {
    name: 'fieldref',
    detection: 'sel: { TargetFilename|fieldref: Image }\ncondition: sel',
    match: { Image: 'C:\\a.exe', TargetFilename: 'c:\\A.EXE' },
    noMatch: { Image: 'C:\\a.exe', TargetFilename: 'C:\\b.exe' },
  },
  {
    name: 'fieldref|neq',
    detection: 'sel: { User|fieldref|neq: ParentUser }\ncondition: sel',
    match: { User: 'alice', ParentUser: 'bob' },
    noMatch: { User: 'alice', ParentUser: 'ALICE' },
  },
  {
    name: 'fieldref|contains',
    detection: 'sel: { CommandLine|fieldref|contains: Image }\ncondition: sel',
    match: { Image: 'x.exe', CommandLine: 'run x.exe -a' },
    noMatch: { Image: 'x.exe', CommandLine: 'run y.exe' },
  },
  {
    name: 'fieldref|endswith',
    detection: 'sel: { Image|fieldref|endswith: OriginalFileName }\ncondition: sel',
    match: { Image: 'C:\\w\\cmd.exe', OriginalFileName: 'Cmd.Exe' },
    noMatch: { Image: 'C:\\w\\evil.exe', OriginalFileName: 'Cmd.Exe' },
  },
];

describe('modifiers', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rule = compileYaml(ruleWith(c.detection), { placeholders: c.placeholders });
    expect(matches(rule, c.match)).toBe(true);
    expect(matches(rule, c.noMatch)).toBe(false);
  });
});

describe('modifier misuse is reported with a code and a line', () => {
  it.each([
    ['unknown modifier', "sel: { Image|endswiht: 'x' }\ncondition: sel", 'modifier.unknown'],
    [
      'all on a single value',
      "sel: { Image|contains|all: 'x' }\ncondition: sel",
      'modifier.all_single_value',
    ],
    ['regex flag without re', "sel: { Image|i: 'x' }\ncondition: sel", 'modifier.invalid_chain'],
    [
      'unsupported regex (backreference)',
      "sel: { Image|re: '(a)\\1' }\ncondition: sel",
      'modifier.bad_value',
    ],
    ['bad CIDR', "sel: { Ip|cidr: '10.0.0.0/33' }\ncondition: sel", 'modifier.bad_value'],
    ['non-numeric comparison', "sel: { Size|gt: 'big' }\ncondition: sel", 'modifier.bad_value'],
    ['exists without a boolean', "sel: { Size|exists: 'yes' }\ncondition: sel", 'modifier.bad_value'],
    [
      'unresolved placeholder',
      "sel: { Computer|expand: '%nowhere%' }\ncondition: sel",
      'placeholder.unresolved',
    ],
    ['base64 of a wildcard', "sel: { Data|base64: 'a*b' }\ncondition: sel", 'modifier.invalid_chain'],
    ['contains on a regex', "sel: { Data|re|contains: 'a' }\ncondition: sel", 'modifier.invalid_chain'],
  ])('%s', (_name, detection, code) => {
    const diagnostics = diagnoseYaml(ruleWith(detection));
    const found = diagnostics.find((d) => d.code === code);
    expect(found).toBeDefined();
    expect(found?.location.line).toBe(4); // the line of the item: title, logsource, detection, then `sel`
    expect(found?.severity).toBe('error');
  });
});
