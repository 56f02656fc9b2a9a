import { redactKnownSecrets } from './known-secrets';
import { redactOriginalText } from './original-text';
import { redactRecord } from './redact-record';

describe('redactOriginalText', () => {
  const key = 'sk-proj-Q2xv9Tk3LmR8wZp4HsYb1NcVd6';
  const record = { cmd: `curl -H "Authorization: Bearer ${key}"`, n: 1 };

  it('keeps the received text, with the secrets replaced as in the record', () => {
    const text = JSON.stringify(record, null, 2);
    const { value, found } = redactRecord(record, { keepKeyPrefixes: true });
    expect(redactOriginalText(text, found, value)).toBe(
      text.replace('Q2xv9Tk3LmR8wZp4HsYb1NcVd6', '[redacted]'),
    );
  });

  it('gives up on the text (undefined) when escapes hide a secret or the text holds more than the record', () => {
    const { value, found } = redactRecord(record, { keepKeyPrefixes: true });
    const escaped = JSON.stringify(record).replace('Q2x', 'Q2\\u0078');
    expect(redactOriginalText(escaped, found, value)).toBeUndefined();
    const envelope = JSON.stringify({ records: [record] });
    expect(redactOriginalText(envelope, found, value)).toBeUndefined();
  });

  it('leaves text without secrets alone, and drops an envelope that holds one elsewhere', () => {
    const plain = { a: 'b' };
    expect(redactOriginalText('{ "a": "b" }', [], plain)).toBe('{ "a": "b" }');
    expect(redactOriginalText(undefined, [], plain)).toBeUndefined();
    expect(redactOriginalText(JSON.stringify({ record: plain, api_key: key }), [], plain)).toBeUndefined();
  });

  it('replaces known secrets everywhere, JSON-escaped too', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPx"RfiCY';
    const nested = { body: JSON.stringify({ text: `key ${secret}` }), match: secret };
    const { value, found } = redactKnownSecrets(nested, [secret]);
    expect(value).toEqual({ body: '{"text":"key [redacted]"}', match: '[redacted]' });
    expect(redactOriginalText(JSON.stringify(nested), found, value)).toBe(JSON.stringify(value));
  });
});
