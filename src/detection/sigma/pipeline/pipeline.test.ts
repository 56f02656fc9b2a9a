import { compileYaml, matches, ruleWith } from '../testing/compile-yaml';
import { parsePipeline } from './parse-pipeline';

const PROCESS_RULE = ruleWith("sel: { Image|endswith: '\\cmd.exe', User: alice }\ncondition: sel");

describe('field-mapping pipelines', () => {
  it('maps field names one-to-one, only for rules matching its log source condition', () => {
    const pipeline = `name: ecs\ntransformations:\n  - type: field_name_mapping\n    mapping: { Image: process.executable, User: user.name }\n    rule_conditions: [{ type: logsource, product: windows }]\n`;
    const mapped = compileYaml(PROCESS_RULE, { pipelines: [pipeline] });
    expect(matches(mapped, { process: { executable: 'C:\\cmd.exe' }, user: { name: 'alice' } })).toBe(true);
    expect(matches(mapped, { Image: 'C:\\cmd.exe', User: 'alice' })).toBe(false);
    const linuxRule = PROCESS_RULE.replace('product: windows', 'product: linux');
    const untouched = compileYaml(linuxRule, { pipelines: [pipeline] });
    expect(matches(untouched, { Image: 'C:\\cmd.exe', User: 'alice' })).toBe(true);
  });

  it('maps one field to several (any of them)', () => {
    const pipeline = `name: multi\ntransformations:\n  - type: field_name_mapping\n    mapping: { User: [user.name, user.id] }\n`;
    const rule = compileYaml(PROCESS_RULE, { pipelines: [pipeline] });
    expect(matches(rule, { Image: 'C:\\cmd.exe', user: { id: 'alice' } })).toBe(true);
    expect(matches(rule, { Image: 'C:\\cmd.exe', user: { id: 'bob' } })).toBe(false);
  });

  it('adds prefixes, limited by field name conditions', () => {
    const pipeline = `name: prefix\ntransformations:\n  - type: add_field_name_prefix\n    prefix: winlog.event_data.\n    field_name_conditions: { exclude: ['User'] }\n`;
    const rule = compileYaml(PROCESS_RULE, { pipelines: [pipeline] });
    expect(matches(rule, { winlog: { event_data: { Image: 'C:\\cmd.exe' } }, User: 'alice' })).toBe(true);
    expect(matches(rule, { Image: 'C:\\cmd.exe', User: 'alice' })).toBe(false);
  });

  it('rewrites prefixes', () => {
    const pipeline = `name: pm\ntransformations:\n  - type: field_name_prefix_mapping\n    mapping: { 'requestParameters.': 'aws.cloudtrail.request_parameters.' }\n`;
    const rule = compileYaml(ruleWith('sel: { requestParameters.bucketName: logs }\ncondition: sel'), {
      pipelines: [pipeline],
    });
    expect(matches(rule, { aws: { cloudtrail: { request_parameters: { bucketName: 'logs' } } } })).toBe(true);
    expect(matches(rule, { requestParameters: { bucketName: 'logs' } })).toBe(false);
  });

  it('supplies placeholder values, or turns unresolved placeholders into wildcards', () => {
    const rule = ruleWith("sel: { Computer|expand: '%Servers%' }\ncondition: sel");
    const values = `name: v\ntransformations:\n  - type: value_placeholders\n    values: { Servers: ['SRV-*'] }\n`;
    const withValues = compileYaml(rule, { pipelines: [values] });
    expect(matches(withValues, { Computer: 'srv-01' })).toBe(true);
    expect(matches(withValues, { Computer: 'ws-01' })).toBe(false);
    const wildcard = compileYaml(rule, {
      pipelines: ['name: w\ntransformations:\n  - type: wildcard_placeholders\n'],
    });
    expect(matches(wildcard, { Computer: 'anything' })).toBe(true);
    expect(matches(wildcard, {})).toBe(false);
  });

  it('changes the log source and adds conditions', () => {
    const pipeline = `name: sysmon\ntransformations:\n  - type: add_condition\n    conditions: { EventID: 1 }\n    rule_conditions: [{ type: logsource, category: process_creation }]\n  - type: change_logsource\n    product: windows\n    service: sysmon\n`;
    const rule = compileYaml(PROCESS_RULE, { pipelines: [pipeline] });
    expect(rule.logsource).toEqual({ product: 'windows', service: 'sysmon' });
    expect(matches(rule, { EventID: 1, Image: 'C:\\cmd.exe', User: 'alice' })).toBe(true);
    expect(matches(rule, { EventID: 3, Image: 'C:\\cmd.exe', User: 'alice' })).toBe(false);
  });

  it('runs pipelines by priority and maps fieldref values too', () => {
    const first = `name: first\npriority: 10\ntransformations:\n  - type: field_name_mapping\n    mapping: { Image: process.executable, ParentImage: process.parent.executable }\n`;
    const second = `name: second\npriority: 20\ntransformations:\n  - type: add_field_name_prefix\n    prefix: x.\n`;
    const rule = compileYaml(ruleWith('sel: { Image|fieldref: ParentImage }\ncondition: sel'), {
      pipelines: [second, first],
    });
    expect(matches(rule, { x: { process: { executable: 'a', parent: { executable: 'A' } } } })).toBe(true);
    expect(matches(rule, { x: { process: { executable: 'a', parent: { executable: 'b' } } } })).toBe(false);
  });

  it('reports malformed pipelines with their lines', () => {
    const parsed = parsePipeline(
      'name: bad\ntransformations:\n  - type: field_name_mappin\n  - type: add_field_name_prefix\n    prefixx: a\n',
      'bad.yml',
    );
    expect(parsed.pipeline).toBeUndefined();
    expect(parsed.diagnostics.map((d) => [d.code, d.location.line])).toEqual(
      expect.arrayContaining([
        ['pipeline.unknown_transformation', 3],
        ['pipeline.invalid', 5],
      ]),
    );
  });
});

describe('the prefilter requirement of compiled rules', () => {
  it('requires the literal of a simple rule on its field', () => {
    const rule = compileYaml(ruleWith("sel: { Image|endswith: '\\x.exe' }\ncondition: sel"));
    expect(rule.requirement).toEqual([[{ field: 'Image', text: '\\x.exe' }]]);
  });

  it('requires both sides of an AND, one of either side of an OR, nothing under NOT or for a bare regex', () => {
    const both = compileYaml(
      ruleWith("a: { Image|endswith: '\\x.exe' }\nb: { CommandLine|contains: secret }\ncondition: a and b"),
    );
    expect(both.requirement).toHaveLength(2);
    const either = compileYaml(
      ruleWith("a: { Image|endswith: '\\x.exe' }\nb: { CommandLine|contains: secret }\ncondition: a or b"),
    );
    expect(either.requirement).toEqual([
      [
        { field: 'Image', text: '\\x.exe' },
        { field: 'CommandLine', text: 'secret' },
      ],
    ]);
    expect(compileYaml(ruleWith("a: { Image|endswith: '\\x.exe' }\ncondition: not a")).requirement).toEqual(
      [],
    );
    expect(compileYaml(ruleWith("a: { Image|re: '.*' }\ncondition: a")).requirement).toEqual([]);
    expect(compileYaml(ruleWith("a: { Image|re: 'abc[0-9]+' }\ncondition: a")).requirement).toEqual([
      [{ field: 'Image', text: 'abc' }],
    ]);
  });
});
