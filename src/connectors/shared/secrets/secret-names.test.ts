import { credentialOf, isCredentialParameter, isSecretName } from './secret-names';

describe('secret names', () => {
  it('knows secret field names in any spelling, and not the ids or names of keys', () => {
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
      'code',
    ]) {
      expect(isSecretName(name)).toBe(false);
    }
  });

  it('knows credential headers and query parameters', () => {
    for (const name of [
      'Authorization',
      'Ocp-Apim-Subscription-Key',
      'api-key',
      'x-api-key',
      'apikey',
      'key',
      'sig',
      'code',
      'access_token',
      'Cookie',
    ]) {
      expect(isCredentialParameter(name)).toBe(true);
    }
    for (const name of ['api-version', 'user-agent', 'content-type', 'keys', 'tokens']) {
      expect(isCredentialParameter(name)).toBe(false);
    }
  });

  it('takes the credential out of header values', () => {
    expect(credentialOf('Bearer abc.def')).toBe('abc.def');
    expect(credentialOf(' basic dXNlcg== ')).toBe('dXNlcg==');
    expect(credentialOf('SharedAccessSignature sr=x&sig=y')).toBe('sr=x&sig=y');
    expect(credentialOf('k-123')).toBe('k-123');
  });
});
