import { credentialFingerprint } from '../identity';
import { redactAuditRecord } from './audit-redaction';

describe('redactAuditRecord', () => {
  it('lists where each secret was, caps long strings, and keeps JSON documents under secret names', () => {
    const rbac = '{"action":"Microsoft.Web/sites/write","scope":"/subscriptions/x"}';
    const { value, secrets } = redactAuditRecord({
      properties: { clientSecret: 'abc123', Authorization: rbac, prompt: 'a'.repeat(20_000) },
    });
    expect(value).toEqual({
      properties: {
        clientSecret: '[redacted]',
        Authorization: rbac,
        prompt: `${'a'.repeat(16_384)}[truncated]`,
      },
    });
    expect(secrets).toEqual([
      { field: 'properties.clientSecret', fingerprint: credentialFingerprint('abc123') },
    ]);
  });

  it('takes every value of the data maps of the given objects as a secret (Secret patches)', () => {
    const patch = { requestObject: { data: { anything: 'dG9r' } } };
    expect(redactAuditRecord(patch).secrets).toEqual([]);
    expect(redactAuditRecord(patch, { secretObjectPaths: ['requestObject'] }).value).toEqual({
      requestObject: { data: { anything: '[redacted]' } },
    });
  });
});
