import { redactOriginalText, redactRecord, redactText } from './secret-redaction';

describe('secret redaction', () => {
  it.each([
    [
      'curl -H "Authorization: Bearer sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6"',
      'curl -H "Authorization: Bearer sk-proj-[redacted]"',
    ],
    [
      'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"',
      'curl -H "Authorization: Bearer [redacted]"',
    ],
    [
      'curl -H "x-api-key: 0123456789abcdef" https://api.anthropic.com',
      'curl -H "x-api-key: [redacted]" https://api.anthropic.com',
    ],
    ['export OPENAI_API_KEY=sk-Q2xv9Tk3LmR8wZp4HsYb1NcVd6', 'export OPENAI_API_KEY=sk-[redacted]'],
    [
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY python train.py',
      'AWS_SECRET_ACCESS_KEY=[redacted] python train.py',
    ],
    [
      'HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 huggingface-cli upload',
      'HF_TOKEN=hf_[redacted] huggingface-cli upload',
    ],
    [
      'az storage blob upload --sas-token "se=2026&sig=Zm9vYmFy%3D"',
      'az storage blob upload --sas-token "se=2026&sig=[redacted]"',
    ],
    ['mysql --password=hunter22 -u root', 'mysql --password=[redacted] -u root'],
  ])('%s', (input, expected) => {
    const result = redactText(input);
    expect(result.text).toBe(expected);
    expect(result.secrets.length).toBeGreaterThan(0);
  });

  it.each([
    'findstr /s /i "OPENAI_API_KEY" C:\\Users\\*\\.env',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE aws s3 ls',
    'C:\\Windows\\System32\\svchost.exe -k netsvcs -p -s Schedule',
    'pwsh -c "Get-ChildItem env: | ? Name -match ANTHROPIC_API_KEY"',
  ])('leaves %s alone', (input) => {
    expect(redactText(input)).toEqual({ text: input, secrets: [] });
  });

  it('returns the same record when nothing is secret, and fingerprints each distinct secret', () => {
    const plain = { a: { b: ['x', 1] } };
    expect(redactRecord(plain).value).toBe(plain);
    const key = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
    const redacted = redactRecord({ cmd: [`curl -H "Authorization: Bearer ${key}"`], env: `KEY=${key}` });
    expect(redacted.value).toEqual({
      cmd: ['curl -H "Authorization: Bearer sk-proj-[redacted]"'],
      env: 'KEY=sk-proj-[redacted]',
    });
    expect(redacted.fingerprints).toHaveLength(1);
  });

  it('redacts the original text, or writes the redacted record when escapes hide the secret', () => {
    const key = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
    const record = { cmd: `curl -H "Authorization: Bearer ${key}"` };
    const redacted = redactRecord(record);
    expect(redactOriginalText(JSON.stringify(record), redacted)).toBe(
      '{"cmd":"curl -H \\"Authorization: Bearer sk-proj-[redacted]\\""}',
    );
    const escaped = JSON.stringify(record).replace('sk-proj', 'sk\\u002dproj');
    expect(redactOriginalText(escaped, redacted)).toBe(JSON.stringify(redacted.value));
  });
});
