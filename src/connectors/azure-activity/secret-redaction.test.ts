import { credentialFingerprint } from '../shared/identity';
import { isSecretName, redactSecrets, REDACTED } from './secret-redaction';

describe('secret redaction', () => {
  it('knows secret names in any spelling, and not the ids or names of keys', () => {
    for (const name of [
      'AZURE_OPENAI_API_KEY',
      'x-api-key',
      'clientSecret',
      'password',
      'key1',
      'Authorization',
      'token',
    ]) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of [
      'accessKeyId',
      'serviceAccountKeyName',
      'keyAlgorithm',
      'secretName',
      'tokenType',
      'kind',
    ]) {
      expect(isSecretName(name)).toBe(false);
    }
  });

  it('replaces values and reports where they were, with their fingerprint', () => {
    const { record, secrets } = redactSecrets({ properties: { primaryKey: 'abc123', name: 'acct' } });
    expect(record).toEqual({ properties: { primaryKey: REDACTED, name: 'acct' } });
    expect(secrets).toEqual([
      { field: 'properties.primaryKey', fingerprint: credentialFingerprint('abc123') },
    ]);
  });

  it('redacts env-var style pairs and Kubernetes Secret data', () => {
    const { record } = redactSecrets({
      env: [
        { name: 'HF_TOKEN', value: 'hf_abcdefghijklmnopqrstuvwxyz' },
        { name: 'MODEL', value: 'llama' },
      ],
      object: { kind: 'Secret', data: { 'tls.key': 'LS0tLS1CRUdJTg==' } },
    });
    expect(record).toEqual({
      env: [
        { name: 'HF_TOKEN', value: REDACTED },
        { name: 'MODEL', value: 'llama' },
      ],
      object: { kind: 'Secret', data: { 'tls.key': REDACTED } },
    });
  });

  it('searches JSON held in strings and re-serializes only when something was redacted', () => {
    const clean = '{"action":"Microsoft.Web/sites/write","scope":"/subscriptions/x"}';
    expect(redactSecrets({ Authorization: clean }).record).toEqual({ Authorization: clean });
    const body = '{"properties":{"apiKey":"k-123456"}}';
    expect(redactSecrets({ requestbody: body }).record).toEqual({
      requestbody: '{"properties":{"apiKey":"[redacted]"}}',
    });
  });

  it('redacts secrets inside free text', () => {
    const { record, secrets } = redactSecrets({
      uri: 'https://acct.blob.core.windows.net/models/w.bin?sv=2024-05-04&sig=AbCdEf%2Bgh%3D&se=2026',
      header: 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.payload.sig',
      note: 'key sk-proj-abcdefghijklmnopqrstuvwxyz0123 leaked',
      conn: 'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=Zm9vYmFy=',
    });
    expect(record).toEqual({
      uri: 'https://acct.blob.core.windows.net/models/w.bin?sv=2024-05-04&sig=[redacted]&se=2026',
      header: 'Bearer [redacted]',
      note: 'key [redacted] leaked',
      conn: 'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=[redacted]',
    });
    expect(secrets).toHaveLength(4);
  });

  it('cuts very long strings and marks the cut', () => {
    const { record } = redactSecrets({ prompt: 'a'.repeat(100) }, { maxStringBytes: 10 });
    expect(record).toEqual({ prompt: 'aaaaaaaaaa[truncated]' });
  });
});
