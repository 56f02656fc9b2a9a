import { join } from 'node:path';
import { normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { credentialFingerprint } from '../shared/identity';
import { openAiAuditConnector } from './index';

describeGoldenSamples(openAiAuditConnector, join(__dirname, 'testdata'), 3);

describe('openai-audit', () => {
  const record = {
    object: 'organization.audit_log',
    id: 'audit_log-test0001',
    type: 'api_key.deleted',
    effective_at: 1769507412,
    project: { id: 'proj_abc', name: 'p' },
    actor: {
      type: 'session',
      session: { user: { id: 'user-abc', email: 'a@example.com' }, ip_address: '81.2.69.160' },
    },
    'api_key.deleted': { id: 'key_target' },
  };

  it('unwraps list pages and arrays, and keeps single records', () => {
    const page = { object: 'list', data: [record, record], first_id: 'a', last_id: 'b', has_more: false };
    expect(openAiAuditConnector.unwrap(page)).toEqual([record, record]);
    expect(openAiAuditConnector.unwrap([record])).toEqual([record]);
    expect(openAiAuditConnector.unwrap(record)).toEqual([record]);
  });

  it('detects audit logs and tolerates forwarder fields, but not other vendors', () => {
    expect(openAiAuditConnector.detect({ ...record, forwarder: { host: 'x' } })).toBe(true);
    expect(openAiAuditConnector.detect({ eventName: 'x', eventTime: '2024-01-01' })).toBe(false);
    expect(openAiAuditConnector.detect({ id: 'chatcmpl-1', type: 'x' })).toBe(false);
  });

  it('rejects another vendor and a record without a usable effective_at', () => {
    expect(rejectionOf(openAiAuditConnector, { eventName: 'x' })).toEqual(
      'not an OpenAI audit log (needs id, type and actor or object)',
    );
    const noTime = without(record, 'effective_at');
    expect(rejectionOf(openAiAuditConnector, noTime)).toEqual('effective_at is not a time: null');
  });

  it('keys by the actor key fingerprint, else the session user, else the project', () => {
    const keyOf = (r: Record<string, unknown>) => normalizeOk(openAiAuditConnector, r).key;
    const byKey = { ...record, actor: { type: 'api_key', api_key: { id: 'key_abc', type: 'user' } } };
    expect(keyOf(byKey)).toBe(credentialFingerprint('key_abc'));
    expect(keyOf(record)).toBe('user-abc');
    expect(keyOf({ ...record, actor: { type: 'session', session: {} } })).toBe('proj_abc');
  });

  it('never lets an sk- key into the document or event.original', () => {
    const secret = 'sk-proj-AbCdEfGh1234567890';
    const leaky = { ...record, note: `rotated ${secret}` };
    const event = normalizeOk(openAiAuditConnector, leaky, { originalText: JSON.stringify(leaky) });
    const text = JSON.stringify(event);
    expect(text).not.toContain(secret);
    expect(text).toContain(credentialFingerprint(secret));
  });
});
