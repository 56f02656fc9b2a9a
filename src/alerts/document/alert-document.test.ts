import type { Alert } from '../../core/alert';
import { AlertDocumentWriter, alertDocument } from './alert-document';
import { redactPromptText } from './redact-evidence';
import { threatMapping } from './threat-mapping';

const alert: Alert = {
  id: 'a'.repeat(40),
  timestamp: '2026-11-20T10:04:45.000Z',
  rule: {
    id: 'rule-1',
    title: 'Bedrock Model Invocation Logging Disabled',
    level: 'high',
    author: 'Jane Doe, John Roe',
    description: 'desc',
    tags: ['attack.defense-evasion', 'attack.t1562.008', 'atlas.aml.t0034', 'owasp.llm10'],
    references: ['https://example.org/r'],
    falsepositives: [],
    version: '2026-01-02',
    file: 'detections/x.yml',
  },
  event: { id: 'evt-1', logsource: { product: 'aws', categories: [], services: ['cloudtrail'] } },
  matched: [
    {
      field: 'aws.cloudtrail.raw.eventName',
      value: 'DeleteModelInvocationLoggingConfiguration',
      matchedBy: 'equals',
    },
    {
      field: 'litellm.raw.messages.content',
      value: 'ignore all previous instructions',
      matchedBy: 'contains',
    },
  ],
  context: {
    connector: 'aws-cloudtrail',
    entityKey: 'AKIAEXAMPLE',
    entity: {
      user: { name: 'build-bot' },
      source: { ip: '198.51.100.7' },
      cloud: { account: { id: '111122223333' } },
    },
    action: 'DeleteModelInvocationLoggingConfiguration',
    originalExcerpt: '{"eventName":"X","messages":[{"role":"user","content":"secret plans"}]}',
  },
};

describe('alertDocument', () => {
  const doc = alertDocument(alert, { redactPrompts: true, now: '2026-11-20T10:05:00.000Z' });

  it('is an ECS alert with kibana.alert attribution, severity and risk score', () => {
    expect(doc._id).toBe(alert.id);
    expect(doc['event']).toMatchObject({
      kind: 'alert',
      severity: 73,
      risk_score: 73,
      created: '2026-11-20T10:05:00.000Z',
    });
    expect(doc['rule']).toMatchObject({
      id: 'rule-1',
      name: alert.rule.title,
      author: ['Jane Doe', 'John Roe'],
      version: '2026-01-02',
    });
    expect(doc['kibana']).toMatchObject({
      alert: {
        workflow_status: 'open',
        severity: 'high',
        risk_score: 73,
        rule: { author: ['Jane Doe', 'John Roe'], version: '2026-01-02' },
      },
    });
  });

  it('carries the entity fields and related users and IPs', () => {
    expect(doc['user']).toEqual({ name: 'build-bot' });
    expect(doc['cloud']).toEqual({ account: { id: '111122223333' } });
    expect(doc['related']).toEqual({ user: ['build-bot'], ip: ['198.51.100.7'] });
  });

  it('maps ATT&CK and ATLAS tags to ECS threat entries and OWASP LLM 2025 categories', () => {
    expect(doc['threat']).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: ['TA0005'],
          name: ['Defense Evasion'],
          reference: ['https://attack.mitre.org/tactics/TA0005/'],
        },
        technique: {
          id: ['T1562'],
          name: ['Impair Defenses'],
          reference: ['https://attack.mitre.org/techniques/T1562/'],
          subtechnique: {
            id: ['T1562.008'],
            name: ['Disable or Modify Cloud Logs'],
            reference: ['https://attack.mitre.org/techniques/T1562/008/'],
          },
        },
      },
      {
        framework: 'MITRE ATLAS',
        technique: {
          id: ['AML.T0034'],
          name: ['Cost Harvesting'],
          reference: ['https://atlas.mitre.org/techniques/AML.T0034'],
        },
      },
    ]);
    expect((doc['tripline'] as { owasp_llm: string[] }).owasp_llm).toEqual([
      'LLM10:2025 Unbounded Consumption',
    ]);
  });

  it('redacts prompt text from the evidence unless told not to', () => {
    const evidence = doc['tripline'] as { event: { original_excerpt: string }; matched: { value: string }[] };
    expect(evidence.event.original_excerpt).toBe('{"eventName":"X","messages":"[redacted]"}');
    expect(evidence.matched[1]?.value).toBe('[redacted]');
    const kept = alertDocument(alert, { redactPrompts: false, now: 'x' })['tripline'] as {
      event: { original_excerpt: string };
    };
    expect(kept.event.original_excerpt).toContain('secret plans');
  });
});

describe('AlertDocumentWriter', () => {
  it('writes the part of each rule once, and again when an alert describes the rule differently', () => {
    const writer = new AlertDocumentWriter({ redactPrompts: true });
    const first = JSON.parse(writer.json(alert, 'now')) as { rule: { name: string }; threat: unknown[] };
    const edited: Alert = {
      ...alert,
      rule: { ...alert.rule, title: 'Renamed', tags: ['attack.t1552.001'] },
    };
    const second = JSON.parse(writer.json(edited, 'now')) as typeof first;
    expect(first.rule.name).toBe(alert.rule.title);
    expect(second.rule.name).toBe('Renamed');
    expect(second.threat).toEqual([expect.objectContaining({ framework: 'MITRE ATT&CK' })]);
    expect(JSON.parse(writer.json(alert, 'now'))).toEqual(first);
  });

  it('keeps its own top-level fields when the entity has fields of the same names', () => {
    const clash: Alert = {
      ...alert,
      context: {
        ...(alert.context as NonNullable<Alert['context']>),
        entity: {
          event: { kind: 'event' },
          tags: ['x'],
          host: { name: 'h1' },
          tripline: { api_key: { fingerprint: 'f' } },
        },
      },
    };
    const doc = alertDocument(clash, { redactPrompts: true, now: 'now' }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(doc['event']?.['kind']).toBe('alert');
    expect(doc['tags']).toContain('attack.t1562.008');
    expect(doc['host']).toEqual({ name: 'h1' });
    expect(doc['tripline']?.['api_key']).toEqual({ fingerprint: 'f' });
    expect(doc['tripline']?.['rule_file']).toBe('detections/x.yml');
  });

  it('writes one line of valid JSON whatever the text in the alert', () => {
    const odd: Alert = {
      ...alert,
      rule: { ...alert.rule, title: 'line\nbreak "quoted" \u2028', description: '\\' },
      context: {
        ...(alert.context as NonNullable<Alert['context']>),
        entity: { user: { name: 'a\nb' }, gone: undefined },
      },
    };
    const text = new AlertDocumentWriter({ redactPrompts: false }).json(odd, 'now');
    expect(text).not.toMatch(/[\r\n]/);
    expect((JSON.parse(text) as { rule: { name: string } }).rule.name).toBe(odd.rule.title);
  });
});

describe('redactPromptText', () => {
  it('leaves a record without prompt fields as it is, and still finds one spelled with escapes', () => {
    const plain = '{"eventName": "ListModels", "n": 1.50}';
    expect(redactPromptText(plain)).toBe(plain);
    expect(redactPromptText('{"PROMPT":"x","a":1}')).toBe('{"PROMPT":"[redacted]","a":1}');
    expect(redactPromptText('{"pro\\u006dpt":"tell me","a":1}')).toBe('{"prompt":"[redacted]","a":1}');
  });

  it('cuts a truncated record before its first prompt field', () => {
    expect(redactPromptText('{"model":"gpt-4o","prompt":"tell me the sys')).toBe(
      '{"model":"gpt-4o",[redacted] (prompt content removed from a truncated record)',
    );
  });
});

describe('threatMapping', () => {
  it('ignores tags of other namespaces and unknown tactics', () => {
    expect(threatMapping(['cve.2024-1234', 'attack.unknown-tactic', 'detection.threat-hunting'])).toEqual({
      threat: [],
      owaspLlm: [],
    });
  });
});
