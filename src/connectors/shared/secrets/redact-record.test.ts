import { credentialFingerprint } from '../identity';
import { fingerprintsOf, redactRecord } from './redact-record';
import { isCredentialParameter, isSecretName } from './secret-names';

const byName = { isSecretKey: isSecretName, searchJsonUnderSecretKeys: true };

describe('redactRecord', () => {
  it('returns the same record when nothing is secret', () => {
    const plain = { a: { b: ['x', 1, 'Basic'] }, name: 'MODEL', value: 'llama' };
    expect(redactRecord(plain, byName)).toEqual({ value: plain, found: [] });
    expect(redactRecord(plain).value).toBe(plain);
  });

  it('redacts secrets by their text in every string, and fingerprints each distinct credential', () => {
    const key = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
    const { value, found } = redactRecord(
      { cmd: [`curl -H "Authorization: Bearer ${key}"`], env: `KEY=${key}`, other: 1 },
      { keepKeyPrefixes: true },
    );
    expect(value).toEqual({
      cmd: ['curl -H "Authorization: Bearer sk-proj-[redacted]"'],
      env: 'KEY=sk-proj-[redacted]',
      other: 1,
    });
    expect(found.map((f) => f.field)).toEqual(['cmd', 'env']);
    expect(fingerprintsOf(found)).toEqual([credentialFingerprint(key)]);
  });

  it('replaces values of secret names and reports where they were', () => {
    const { value, found } = redactRecord({ properties: { primaryKey: 'abc123', name: 'acct' } }, byName);
    expect(value).toEqual({ properties: { primaryKey: '[redacted]', name: 'acct' } });
    expect(found).toEqual([
      {
        field: 'properties.primaryKey',
        name: 'primaryKey',
        fingerprint: credentialFingerprint('abc123'),
        replaced: 'abc123',
        replacement: '[redacted]',
      },
    ]);
  });

  it('redacts env-var style pairs and Kubernetes Secret data', () => {
    const { value } = redactRecord(
      {
        env: [
          { name: 'HF_TOKEN', value: 'hf_abcdefghijklmnopqrstuvwxyz' },
          { name: 'MODEL', value: 'llama' },
        ],
        object: { kind: 'Secret', data: { 'tls.key': 'LS0tLS1CRUdJTg==' } },
        patch: { data: { token: 'dG9r' } },
      },
      { ...byName, secretObjectPaths: ['patch'] },
    );
    expect(value).toEqual({
      env: [
        { name: 'HF_TOKEN', value: '[redacted]' },
        { name: 'MODEL', value: 'llama' },
      ],
      object: { kind: 'Secret', data: { 'tls.key': '[redacted]' } },
      patch: { data: { token: '[redacted]' } },
    });
  });

  it('searches JSON held in strings and re-serializes only when something was redacted', () => {
    const clean = '{"action":"Microsoft.Web/sites/write","scope":"/subscriptions/x"}';
    expect(redactRecord({ Authorization: clean }, byName).value).toEqual({ Authorization: clean });
    const body = '{"properties": {"apiKey": "k-123456"}}';
    const { value, found } = redactRecord({ requestbody: body }, byName);
    expect(value).toEqual({ requestbody: '{"properties":{"apiKey":"[redacted]"}}' });
    expect(found.map((f) => f.field)).toEqual(['requestbody.properties.apiKey']);
  });

  it('takes the whole value of a credential header, values of a repeated one, and skips what is hidden', () => {
    const isSecretKey = (key: string, parents: readonly string[]) =>
      parents.join('.') === 'request.headers' && isCredentialParameter(key);
    const { value, found } = redactRecord(
      {
        request: { headers: { apikey: ['k1k1k1', 'REDACTED'], authorization: 'Bearer abc', accept: '*/*' } },
        response: { headers: { apikey: 'not a request header' } },
      },
      { isSecretKey },
    );
    expect(value).toEqual({
      request: {
        headers: { apikey: ['[redacted]', 'REDACTED'], authorization: '[redacted]', accept: '*/*' },
      },
      response: { headers: { apikey: 'not a request header' } },
    });
    expect(fingerprintsOf(found)).toEqual([credentialFingerprint('k1k1k1'), credentialFingerprint('abc')]);
  });

  it('redacts credential query parameters of URL fields URL-encoded', () => {
    const { value, found } = redactRecord(
      { url: 'https://a.example/x?api-version=1&subscription-key=abc%2F1', note: 'see ?key=x1' },
      { isUrlKey: (key) => key === 'url' },
    );
    expect(value).toEqual({
      url: 'https://a.example/x?api-version=1&subscription-key=%5Bredacted%5D',
      note: 'see ?key=[redacted]',
    });
    expect(found.map((f) => [f.name, f.fingerprint])).toEqual([
      ['subscription-key', credentialFingerprint('abc/1')],
      [undefined, credentialFingerprint('x1')],
    ]);
  });

  it('cuts very long strings and marks the cut', () => {
    expect(redactRecord({ prompt: 'a'.repeat(100) }, { maxStringBytes: 10 }).value).toEqual({
      prompt: 'aaaaaaaaaa[truncated]',
    });
  });

  it('drops what is nested too deep to walk', () => {
    let deep: unknown = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
    for (let i = 0; i < 80; i++) deep = [deep];
    expect(JSON.stringify(redactRecord({ deep }).value)).not.toContain('Q2xv9Tk3');
  });
});
