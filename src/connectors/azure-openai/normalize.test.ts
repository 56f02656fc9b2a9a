import { join } from 'node:path';
import { normalizeOk, rejectionOf } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { azureOpenAiConnector as connector } from './index';

describeGoldenSamples(connector, join(__dirname, 'testdata'), 3);

const resourceId =
  '/SUBSCRIPTIONS/7D3F1C2A-5B6E-4F80-9A1B-2C3D4E5F6A7B/RESOURCEGROUPS/RG-AI/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/OAI-1';
const record = {
  category: 'RequestResponse',
  callerIpAddress: '203.0.113.***',
  operationName: 'ChatCompletions_Create',
  properties: '{"objectId":"","modelDeploymentName":"gpt-4o-support","modelName":"gpt-4o"}',
  resourceId,
  resultSignature: '200',
  time: '2026-03-14T10:02:53.4710000Z',
};

const normalize = (value: Record<string, unknown>) => normalizeOk(connector, value);

describe('azure-openai', () => {
  it('detects Cognitive Services diagnostic records only', () => {
    expect(connector.detect(record)).toBe(true);
    expect(connector.detect({ ...record, category: 'AuditEvent' })).toBe(false);
    expect(
      connector.detect({ ...record, resourceId: resourceId.replace('COGNITIVESERVICES', 'KEYVAULT') }),
    ).toBe(false);
    expect(connector.normalize({ category: 'GatewayLogs', time: record.time }, GOLDEN_CONTEXT)).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it('unwraps {"records": [...]}, arrays and single records', () => {
    expect(connector.unwrap({ records: [record, record] })).toEqual([record, record]);
    expect(connector.unwrap([{ records: [record] }, record])).toEqual([record, record]);
    expect(connector.unwrap(record)).toEqual([record]);
  });

  it('rejects records without a usable time, naming the field', () => {
    expect(rejectionOf(connector, { ...record, time: undefined })).toEqual('time is missing');
    expect(rejectionOf(connector, { ...record, time: 'noon' })).toEqual('time is not a time: "noon"');
  });

  it('parses string properties and keeps the masked caller IP out of source.ip', () => {
    const event = normalize(record);
    expect(event.document['source']).toEqual({ address: '203.0.113.***' });
    expect(event.document['gen_ai']).toMatchObject({
      request: { model: 'gpt-4o-support' },
      response: { model: 'gpt-4o' },
    });
    const raw = (event.document['azure'] as { open_ai: { raw: { properties: unknown } } }).open_ai.raw;
    expect(raw.properties).toEqual({
      objectId: '',
      modelDeploymentName: 'gpt-4o-support',
      modelName: 'gpt-4o',
    });
  });

  it('keys events by the Entra object id, else the lowercased resource id', () => {
    expect(normalize(record).key).toBe(resourceId.toLowerCase());
    expect(normalize({ ...record, properties: { objectId: 'b610ab05-1111' } }).key).toBe('b610ab05-1111');
  });

  it('gives Audit records their own log source', () => {
    const event = normalize({ category: 'Audit', operationName: 'ListKey', resourceId, time: record.time });
    expect(event.logsource.services).toEqual(['audit']);
    expect(event.document['gen_ai']).toBeUndefined();
  });
});
