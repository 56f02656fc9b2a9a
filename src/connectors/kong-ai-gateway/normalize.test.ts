import { join } from 'node:path';
import { credentialFingerprint } from '../shared/identity';
import { normalizeOk, rejectionOf, without } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { kongAiGatewayConnector } from './index';

describeGoldenSamples(kongAiGatewayConnector, join(__dirname, 'testdata'), 3);

describe('kong-ai-gateway', () => {
  const record = {
    request: {
      id: 'abc123',
      uri: '/openai/v1/chat/completions',
      method: 'POST',
      headers: { 'x-api-key': 'client-key-1', 'user-agent': ['a', 'b'] },
    },
    response: { status: 200 },
    latencies: { kong: 1, proxy: 10, request: 12 },
    client_ip: '10.0.0.1',
    started_at: 1769785201350,
    ai: {
      proxy: { meta: { request_model: 'gpt-4o', provider_name: 'openai' }, usage: { prompt_tokens: 3 } },
    },
  };

  it('unwraps http-log batches and keeps single objects', () => {
    expect(kongAiGatewayConnector.unwrap([record, record])).toEqual([record, record]);
    expect(kongAiGatewayConnector.unwrap(record)).toEqual([record]);
  });

  it('detects Kong log objects, tolerates forwarder fields, and rejects other vendors', () => {
    expect(kongAiGatewayConnector.detect({ ...record, '@metadata': { beat: 'filebeat' } })).toBe(true);
    expect(kongAiGatewayConnector.detect({ request: {}, response: {} })).toBe(false);
    expect(
      kongAiGatewayConnector.normalize({ id: 'x', call_type: 'completion', startTime: 1 }, GOLDEN_CONTEXT),
    ).toEqual({
      ok: false,
      reason: 'not a Kong log object (needs request, response and latencies or ai)',
    });
  });

  it('rejects a record without a usable started_at', () => {
    const noTime = without(record, 'started_at');
    expect(rejectionOf(kongAiGatewayConnector, noTime)).toEqual('started_at is not a time: null');
  });

  it('keys by consumer, else authenticated entity, else client IP', () => {
    const keyOf = (r: Record<string, unknown>) => normalizeOk(kongAiGatewayConnector, r).key;
    expect(keyOf({ ...record, consumer: { id: 'c1' }, authenticated_entity: { id: 'e1' } })).toBe('c1');
    expect(keyOf({ ...record, authenticated_entity: { id: 'e1' } })).toBe('e1');
    expect(keyOf(record)).toBe('10.0.0.1');
  });

  it('fingerprints the presented key and keeps it out of the document and event.original', () => {
    const event = normalizeOk(kongAiGatewayConnector, record, { originalText: JSON.stringify(record) });
    const text = JSON.stringify(event);
    expect(text).not.toContain('client-key-1');
    const doc = event.document as { llm: { api_key: { fingerprint: string } } };
    expect(doc.llm.api_key.fingerprint).toBe(credentialFingerprint('client-key-1'));
  });
});
