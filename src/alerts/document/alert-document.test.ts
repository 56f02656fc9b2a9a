import type { Alert } from '../../core/alert';
import { alertDocument } from './alert-document';
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

describe('redactPromptText', () => {
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
