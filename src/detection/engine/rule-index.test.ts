import type { DetectionEvent, EventLogsource } from '../../core/event';
import { compileYamlSet, ruleWith } from '../sigma/testing/compile-yaml';
import { RuleIndex } from './rule-index';

const PROCESS: EventLogsource = {
  product: 'windows',
  categories: ['process_creation'],
  services: ['sysmon'],
};
const event = (fields: Record<string, unknown>, logsource = PROCESS): DetectionEvent => ({
  fields,
  logsource,
  id: 'e',
});

function indexOf(...detections: [string, string?][]): RuleIndex {
  return new RuleIndex(
    compileYamlSet(
      detections.map(([d, ls], i) => ruleWith(d, ls).replace('title: Case', `title: Rule ${i}`)),
    ),
  );
}

const titles = (index: RuleIndex, e: DetectionEvent): string[] =>
  index.match(e).map((m) => m.rule.meta.title);

describe('RuleIndex', () => {
  it('routes by log source: category, service and product must all fit', () => {
    const index = indexOf(
      ["sel: { Image|endswith: '\\x.exe' }\ncondition: sel"],
      ["sel: { Image|endswith: '\\x.exe' }\ncondition: sel", '{ product: windows, service: sysmon }'],
      [
        "sel: { Image|endswith: '\\x.exe' }\ncondition: sel",
        '{ product: linux, category: process_creation }',
      ],
    );
    expect(titles(index, event({ Image: 'C:\\x.exe' }))).toEqual(['Rule 0', 'Rule 1']);
    expect(
      titles(
        index,
        event({ Image: 'C:\\x.exe' }, { product: 'windows', categories: ['file_event'], services: [] }),
      ),
    ).toEqual([]);
  });

  it('evaluates a rule only when every required literal is present, case-insensitively', () => {
    const index = indexOf([
      "a: { Image|endswith: '\\x.exe' }\nb: { CommandLine|contains: secret }\ncondition: a and b",
    ]);
    expect(titles(index, event({ Image: 'C:\\X.EXE', CommandLine: 'type SECRET.txt' }))).toEqual(['Rule 0']);
    expect(titles(index, event({ Image: 'C:\\X.EXE', CommandLine: 'type notes.txt' }))).toEqual([]);
    expect(index.stats.rulesEvaluated).toBe(1);
  });

  it('always evaluates rules without a provable literal, and finds keywords in any value', () => {
    const index = indexOf(
      ['sel: { Image|exists: false }\ncondition: sel'],
      ["keywords: ['sekurlsa::']\ncondition: keywords"],
    );
    expect(titles(index, event({ CommandLine: 'x' }))).toEqual(['Rule 0']);
    expect(titles(index, event({ Image: 'a', nested: { deep: ['run SEKURLSA::logonpasswords'] } }))).toEqual([
      'Rule 1',
    ]);
    expect(titles(index, event({ Image: 'a', EventID: 1 }))).toEqual([]);
  });

  it('agrees with the full matcher on characters whose case folding is special', () => {
    const index = indexOf(
      ["sel: { CommandLine|contains: 'ΟΔΟΣ' }\ncondition: sel"],
      ["sel: { CommandLine|contains: 'İSTANBUL' }\ncondition: sel"],
    );
    expect(titles(index, event({ CommandLine: 'echo οδος' }))).toEqual(['Rule 0']);
    expect(titles(index, event({ CommandLine: 'echo ΟΔΟΣ' }))).toEqual(['Rule 0']);
    expect(titles(index, event({ CommandLine: 'echo İstanbul' }))).toEqual(['Rule 1']);
  });

  it('reports numbers and dotted fields to the prefilter', () => {
    const index = indexOf(['sel: { EventID: 4688, process.name: cmd.exe }\ncondition: sel']);
    expect(titles(index, event({ EventID: 4688, process: { name: 'CMD.exe' } }))).toEqual(['Rule 0']);
    expect(titles(index, event({ EventID: 4689, process: { name: 'cmd.exe' } }))).toEqual([]);
  });

  it('finds keywords in a field that also has field literals, and in numbers and null-prototype events', () => {
    const index = indexOf(
      ["sel: { CommandLine|contains: 'whoami' }\ncondition: sel"],
      ["keywords: ['mimikatz']\ncondition: keywords"],
      ["keywords: ['4711']\ncondition: keywords"],
    );
    expect(titles(index, event({ CommandLine: 'run MIMIKATZ.exe' }))).toEqual(['Rule 1']);
    expect(titles(index, event({ CommandLine: 'whoami /all mimikatz' }))).toEqual(['Rule 0', 'Rule 1']);
    expect(titles(index, event({ CommandLine: 'x', ProcessId: 4711 }))).toEqual(['Rule 2']);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { CommandLine: 'whoami' });
    expect(titles(index, event(bare))).toEqual(['Rule 0']);
    expect(titles(index, event({ CommandLine: ['a', 'b whoami'], Other: { deep: 'mimikatz' } }))).toEqual([
      'Rule 0',
      'Rule 1',
    ]);
  });
});
