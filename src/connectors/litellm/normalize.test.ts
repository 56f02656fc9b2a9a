import { join } from 'node:path';
import { credentialFingerprint } from '../shared/identity';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { liteLlmConnector } from './index';
import { MAX_MESSAGES, MAX_TEXT_BYTES } from './payload-caps';

describeGoldenSamples(liteLlmConnector, join(__dirname, 'testdata'), 3);

describe('litellm', () => {
  const hash = '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b';
  const payload = {
    id: 'chatcmpl-test',
    call_type: 'acompletion',
    status: 'success',
    startTime: 1769699482.3,
    endTime: 1769699483.3,
    model: 'gpt-4o',
    prompt_tokens: 10,
    completion_tokens: 5,
    metadata: { user_api_key_hash: hash, user_api_key_alias: 'k', requester_ip_address: '10.0.0.1' },
  };

  it('unwraps arrays and custom-callback kwargs, and keeps single payloads', () => {
    expect(liteLlmConnector.unwrap([payload, payload])).toEqual([payload, payload]);
    expect(liteLlmConnector.unwrap({ standard_logging_object: payload, litellm_call_id: 'x' })).toEqual([
      payload,
    ]);
    expect(liteLlmConnector.unwrap(payload)).toEqual([payload]);
  });

  it('detects payloads, tolerates forwarder fields, and rejects other vendors', () => {
    expect(liteLlmConnector.detect({ ...payload, forwarder: { host: 'x' } })).toBe(true);
    expect(liteLlmConnector.detect({ id: 'audit_log-1', type: 'login.succeeded', effective_at: 1 })).toBe(
      false,
    );
    expect(liteLlmConnector.normalize({ request: {}, started_at: 1 }, GOLDEN_CONTEXT)).toEqual({
      ok: false,
      reason: 'not a LiteLLM StandardLoggingPayload (needs id, call_type, startTime)',
    });
  });

  it('rejects a payload without a usable startTime', () => {
    expect(liteLlmConnector.normalize({ ...payload, startTime: 'later' }, GOLDEN_CONTEXT)).toEqual({
      ok: false,
      reason: 'startTime is not a time: "later"',
    });
  });

  it('keys by the fingerprint of the key hash, and never keeps the hash', () => {
    const outcome = liteLlmConnector.normalize(payload, {
      ...GOLDEN_CONTEXT,
      originalText: JSON.stringify(payload),
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.event.key).toBe(credentialFingerprint(hash));
    expect(JSON.stringify(outcome.event)).not.toContain(hash);
    const anonymous = without(payload, 'metadata');
    const fallback = liteLlmConnector.normalize(anonymous, GOLDEN_CONTEXT);
    expect(fallback.ok && fallback.event.key).toBe('chatcmpl-test');
  });

  it('caps long messages and long conversations', () => {
    const messages = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => ({ role: 'user', content: `m${i}` }));
    messages.push({ role: 'user', content: 'x'.repeat(MAX_TEXT_BYTES * 3) });
    const outcome = liteLlmConnector.normalize({ ...payload, messages }, GOLDEN_CONTEXT);
    if (!outcome.ok) throw new Error(outcome.reason);
    const doc = outcome.event.document as {
      litellm: { raw: { messages: { content: string }[] }; payload_truncated: boolean };
    };
    expect(doc.litellm.raw.messages).toHaveLength(MAX_MESSAGES);
    expect(doc.litellm.raw.messages.at(-1)?.content).toHaveLength(MAX_TEXT_BYTES);
    expect(doc.litellm.payload_truncated).toBe(true);
  });
});

function without(record: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== field));
}
