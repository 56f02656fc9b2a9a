import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeOk, rejectionOf } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { azureApimGatewayConnector as connector } from './index';

const TESTDATA = join(__dirname, 'testdata');
describeGoldenSamples(connector, TESTDATA, 3);

const resourceId =
  '/SUBSCRIPTIONS/7D3F1C2A-5B6E-4F80-9A1B-2C3D4E5F6A7B/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM-1';
const record = {
  category: 'GatewayLogs',
  operationName: 'Microsoft.ApiManagement/GatewayLogs',
  callerIpAddress: '20.61.94.17',
  isRequestSuccess: true,
  resourceId,
  time: '2026-03-14T10:03:31.6402215Z',
  properties: { method: 'POST', responseCode: 200, apimSubscriptionId: 'hr-assistant-prod' },
};

const normalize = (value: Record<string, unknown>, originalText?: string) =>
  normalizeOk(connector, value, { maxOriginalBytes: 65536, originalText });

describe('azure-apim-gateway', () => {
  it('detects GatewayLogs records only', () => {
    expect(connector.detect(record)).toBe(true);
    expect(connector.detect({ ...record, category: 'WebSocketConnectionLogs' })).toBe(false);
    expect(connector.detect({ category: 'RequestResponse', resourceId, time: record.time })).toBe(false);
  });

  it('unwraps {"records": [...]} envelopes', () => {
    expect(connector.unwrap({ records: [record, record] })).toEqual([record, record]);
    expect(connector.unwrap(record)).toEqual([record]);
  });

  it('rejects records without a usable time, naming the field', () => {
    expect(rejectionOf(connector, { ...record, time: undefined })).toEqual('time is missing');
  });

  it('keys events by subscription id, else the fingerprint of the key sent, else the caller IP', () => {
    expect(normalize(record).key).toBe('hr-assistant-prod');
    const keyOnly = {
      ...record,
      properties: { url: 'https://a.azure-api.net/x?subscription-key=abcdef0123' },
    };
    expect(normalize(keyOnly).key).toMatch(/^sha256:[0-9a-f]{24}$/);
    expect(normalize({ ...record, properties: {} }).key).toBe('20.61.94.17');
  });

  it('never keeps a logged credential, in the document or in the original text', () => {
    const text = readFileSync(join(TESTDATA, 'gateway-streaming-logged-credentials.input.json'), 'utf8');
    const input = JSON.parse(text) as Record<string, unknown>;
    const secrets = ['4f9c2b7e1a8d46c3b5e09f1d2a7c8e6b', 'c2lnbmF0dXJlLW5vdC1yZWFs'];
    const event = normalize(input, text);
    const output = JSON.stringify(event);
    for (const secret of secrets) expect(output).not.toContain(secret);
    const doc = event.document as {
      event: { original: string };
      llm: { api_key: { id: string; fingerprint: string } };
      azure: { open_ai: { redacted_secrets: { fingerprint: string[] } } };
    };
    expect(doc.event.original).toContain('"api-key": "[redacted]"');
    expect(doc.llm.api_key).toEqual({ id: 'release-bot', fingerprint: expect.stringMatching(/^sha256:/) });
    expect(doc.azure.open_ai.redacted_secrets.fingerprint).toHaveLength(1);
  });

  it('redacts credentials in header collections logged as JSON text', () => {
    const headers = JSON.stringify({ 'Ocp-Apim-Subscription-Key': 'k-123456789', Accept: '*/*' });
    const value = { ...record, properties: { ...record.properties, requestHeaders: headers } };
    const event = normalize(value, JSON.stringify(value));
    expect(JSON.stringify(event)).not.toContain('k-123456789');
  });

  it('reads jailbreak detections into content_filter_results and gen_ai.policy', () => {
    const body = JSON.stringify({
      error: {
        code: 'content_filter',
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: { jailbreak: { filtered: true, detected: true } },
        },
      },
    });
    const event = normalize({
      ...record,
      properties: { ...record.properties, responseCode: 400, responseBody: body },
    });
    expect(event.document['azure']).toMatchObject({
      open_ai: { content_filter_results: { jailbreak: { filtered: true, detected: true } } },
    });
    expect(event.document['gen_ai']).toMatchObject({
      policy: { name: ['jailbreak'], action: ['BLOCKED'] },
      response: { error_code: 'ResponsibleAIPolicyViolation' },
    });
  });
});
