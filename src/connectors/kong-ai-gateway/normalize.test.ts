import { join } from 'node:path';
import { credentialFingerprint } from '../shared/identity';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { scrubUrl } from './credentials';
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
    expect(kongAiGatewayConnector.normalize(noTime, GOLDEN_CONTEXT)).toEqual({
      ok: false,
      reason: 'started_at is not a time: null',
    });
  });

  it('keys by consumer, else authenticated entity, else client IP', () => {
    const keyOf = (r: Record<string, unknown>): string | undefined => {
      const outcome = kongAiGatewayConnector.normalize(r, GOLDEN_CONTEXT);
      return outcome.ok ? outcome.event.key : undefined;
    };
    expect(keyOf({ ...record, consumer: { id: 'c1' }, authenticated_entity: { id: 'e1' } })).toBe('c1');
    expect(keyOf({ ...record, authenticated_entity: { id: 'e1' } })).toBe('e1');
    expect(keyOf(record)).toBe('10.0.0.1');
  });

  it('fingerprints the presented key and keeps it out of the document and event.original', () => {
    const outcome = kongAiGatewayConnector.normalize(record, {
      ...GOLDEN_CONTEXT,
      originalText: JSON.stringify(record),
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const text = JSON.stringify(outcome.event);
    expect(text).not.toContain('client-key-1');
    const doc = outcome.event.document as { llm: { api_key: { fingerprint: string } } };
    expect(doc.llm.api_key.fingerprint).toBe(credentialFingerprint('client-key-1'));
  });

  it('redacts credential query parameters and leaves the others', () => {
    const found: string[] = [];
    expect(scrubUrl('/v1/x?api-version=2024-06-01&apikey=s3cr3t&key=k%2B1', found)).toBe(
      '/v1/x?api-version=2024-06-01&apikey=%5Bredacted%5D&key=%5Bredacted%5D',
    );
    expect(found).toEqual([credentialFingerprint('s3cr3t'), credentialFingerprint('k+1')]);
  });
});

function without(record: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== field));
}
