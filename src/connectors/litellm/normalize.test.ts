import { join } from 'node:path';
import { credentialFingerprint } from '../shared/identity';
import { normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { liteLlmConnector } from './index';
import { MAX_TEXT_BYTES } from '../shared/gen-ai/conversation-text';
import { MAX_MESSAGES } from './payload-caps';

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
    expect(rejectionOf(liteLlmConnector, { request: {}, started_at: 1 })).toEqual(
      'not a LiteLLM StandardLoggingPayload (needs id, call_type, startTime)',
    );
  });

  it('rejects a payload without a usable startTime', () => {
    expect(rejectionOf(liteLlmConnector, { ...payload, startTime: 'later' })).toEqual(
      'startTime is not a time: "later"',
    );
  });

  it('keys by the fingerprint of the key hash, and never keeps the hash', () => {
    const event = normalizeOk(liteLlmConnector, payload, { originalText: JSON.stringify(payload) });
    expect(event.key).toBe(credentialFingerprint(hash));
    expect(JSON.stringify(event)).not.toContain(hash);
    const anonymous = without(payload, 'metadata');
    expect(normalizeOk(liteLlmConnector, anonymous).key).toBe('chatcmpl-test');
  });

  it('caps long messages and long conversations', () => {
    const messages = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => ({ role: 'user', content: `m${i}` }));
    messages.push({ role: 'user', content: 'x'.repeat(MAX_TEXT_BYTES * 3) });
    const event = normalizeOk(liteLlmConnector, { ...payload, messages });
    const doc = event.document as {
      litellm: { raw: { messages: { content: string }[] }; payload_truncated: boolean };
    };
    expect(doc.litellm.raw.messages).toHaveLength(MAX_MESSAGES);
    expect(doc.litellm.raw.messages.at(-1)?.content).toHaveLength(MAX_TEXT_BYTES);
    expect(doc.litellm.payload_truncated).toBe(true);
  });
});
