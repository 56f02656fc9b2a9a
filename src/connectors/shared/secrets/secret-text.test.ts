import { hasSecretText, redactSecretText } from './secret-text';

describe('redactSecretText', () => {
  it.each([
    [
      'curl -H "Authorization: Bearer sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6"',
      'curl -H "Authorization: Bearer [redacted]"',
    ],
    [
      'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"',
      'curl -H "Authorization: Bearer [redacted]"',
    ],
    ['Authorization: Bearer abcdefghijkl', 'Authorization: Bearer [redacted]'],
    [
      'curl -H "x-api-key: 0123456789abcdef" https://api.anthropic.com',
      'curl -H "x-api-key: [redacted]" https://api.anthropic.com',
    ],
    ['Ocp-Apim-Subscription-Key: 4f9c2b7e1a8d', 'Ocp-Apim-Subscription-Key: [redacted]'],
    ['export OPENAI_API_KEY=sk-Q2xv9Tk3LmR8wZp4HsYb1NcVd6', 'export OPENAI_API_KEY=[redacted]'],
    ['rotated sk-admin-AbCdEfGh1234', 'rotated [redacted]'],
    [
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY python train.py',
      'AWS_SECRET_ACCESS_KEY=[redacted] python train.py',
    ],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [redacted]',
    ],
    [
      '{"AccessKeyId": "ASIAXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}',
      '{"AccessKeyId": "ASIAXAMPLE", "SecretAccessKey": "[redacted]"}',
    ],
    ['HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 hf upload', 'HF_TOKEN=[redacted] hf upload'],
    ['key ABSKQmVkcm9ja0FQSUtleS1hYmNkZWZnaGlq', 'key [redacted]'],
    [
      'az storage blob upload --sas-token "se=2026&sig=Zm9vYmFy%3D"',
      'az storage blob upload --sas-token "se=2026&sig=[redacted]"',
    ],
    [
      'https://acct.blob.core.windows.net/m/w.bin?sv=2024-05-04&sig=AbCdEf%2Bgh%3D&se=2026',
      'https://acct.blob.core.windows.net/m/w.bin?sv=2024-05-04&sig=[redacted]&se=2026',
    ],
    [
      'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=Zm9vYmFy=',
      'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=[redacted]',
    ],
    ['Server=db;User Id=app;Password=p4ss;', 'Server=db;User Id=app;Password=[redacted];'],
    ['mysql --password=hunter22 -u root', 'mysql --password=[redacted] -u root'],
    ['claude --api-key abc123', 'claude --api-key [redacted]'],
  ])('%s', (input, expected) => {
    const result = redactSecretText(input);
    expect(result.text).toBe(expected);
    expect(result.secrets.length).toBeGreaterThan(0);
    expect(hasSecretText(input)).toBe(true);
    expect(hasSecretText(result.text)).toBe(false);
  });

  it.each([
    'findstr /s /i "OPENAI_API_KEY" C:\\Users\\*\\.env',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE aws s3 ls',
    'C:\\Windows\\System32\\svchost.exe -k netsvcs -p -s Schedule',
    'pwsh -c "Get-ChildItem env: | ? Name -match ANTHROPIC_API_KEY"',
    // OpenAI's display form of a key.
    'key sk-abc...xyz revoked',
    // Kong hides Authorization headers itself.
    'Authorization: REDACTED',
  ])('leaves %s alone', (input) => {
    expect(redactSecretText(input)).toEqual({ text: input, secrets: [] });
  });

  it('keeps the public prefix of provider keys on request, and fingerprints the whole key', () => {
    const key = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
    const result = redactSecretText(`curl -H "Authorization: Bearer ${key}"`, { keepKeyPrefixes: true });
    expect(result.text).toBe('curl -H "Authorization: Bearer sk-proj-[redacted]"');
    expect(result.secrets).toEqual([{ secret: key, replaced: 'Q2xv9Tk3LmR8wZp4HsYb1NcVd6' }]);
    expect(
      redactSecretText('HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567', { keepKeyPrefixes: true }).text,
    ).toBe('HF_TOKEN=hf_[redacted]');
  });

  it('lists secrets in the order they stand in the text', () => {
    const result = redactSecretText('a Bearer abcdefghijkl then sk-AbCdEfGh12345678');
    expect(result.secrets.map((s) => s.secret)).toEqual(['abcdefghijkl', 'sk-AbCdEfGh12345678']);
  });
});
