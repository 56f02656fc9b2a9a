import { join } from 'node:path';
import { normalizeOk } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { azureActivityConnector } from './index';

describeGoldenSamples(azureActivityConnector, join(__dirname, 'testdata'), 3);

describe('azure-activity', () => {
  const record = {
    time: '2026-03-14T09:21:07.4471925Z',
    resourceId:
      '/SUBSCRIPTIONS/6C1F9A52-3B7E-4D0A-9E21-7F4C2B8D1A30/RESOURCEGROUPS/RG-AI/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/AOAI',
    operationName: 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION',
    category: 'Action',
    resultType: 'Success',
    callerIpAddress: '203.0.113.47',
    identity: {
      claims: {
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'Ana.Silva@Contoso.com',
        'http://schemas.microsoft.com/identity/claims/objectidentifier':
          '9d3b7f21-c4e8-4a6b-8f0d-2c5e7a9b1d43',
      },
    },
  };
  const normalize = (r: Record<string, unknown>) => azureActivityConnector.normalize(r, GOLDEN_CONTEXT);

  it('unwraps Event Hub and storage envelopes, arrays and Log Analytics query responses', () => {
    expect(azureActivityConnector.unwrap({ records: [record, record] })).toHaveLength(2);
    expect(azureActivityConnector.unwrap([record])).toEqual([record]);
    expect(azureActivityConnector.unwrap(record)).toEqual([record]);
    const table = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'OperationNameValue', type: 'string' },
          ],
          rows: [['2026-03-16T02:47:12.118Z', 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION']],
        },
      ],
    };
    expect(azureActivityConnector.unwrap(table)).toEqual([
      {
        TimeGenerated: '2026-03-16T02:47:12.118Z',
        OperationNameValue: 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION',
      },
    ]);
  });

  it('detects both shapes and rejects resource logs and other vendors', () => {
    expect(azureActivityConnector.detect(record)).toBe(true);
    expect(azureActivityConnector.detect({ ...record, forwarder: { host: 'fwd-1' } })).toBe(true);
    expect(
      azureActivityConnector.detect({ Type: 'AzureActivity', TimeGenerated: '2026-03-16T02:47:12Z' }),
    ).toBe(true);
    expect(azureActivityConnector.detect({ ...record, category: 'RequestResponse' })).toBe(false);
    expect(azureActivityConnector.detect({ eventSource: 'bedrock.amazonaws.com', eventName: 'x' })).toBe(
      false,
    );
    expect(normalize({ eventSource: 'bedrock.amazonaws.com' })).toEqual({
      ok: false,
      reason: expect.stringContaining('not an Azure Activity log record') as unknown as string,
    });
  });

  it('rejects a record without a usable time, naming the field', () => {
    expect(normalize({ ...record, time: 'yesterday' })).toEqual({
      ok: false,
      reason: 'time is not a time: "yesterday"',
    });
    expect(normalize({ Type: 'AzureActivity', OperationNameValue: 'X/Y/WRITE' })).toEqual({
      ok: false,
      reason: 'TimeGenerated is not a time: undefined',
    });
  });

  it('keys events by the caller UPN (lowercased), else the object id, else the subscription', () => {
    const key = (r: Record<string, unknown>) => normalizeOk(azureActivityConnector, r).key;
    expect(key(record)).toBe('ana.silva@contoso.com');
    const servicePrincipal = {
      ...record,
      identity: {
        claims: {
          'http://schemas.microsoft.com/identity/claims/objectidentifier':
            '3F8A6C2E-1B9D-4E7F-A0C5-D8B2E4F6A1C9',
        },
      },
    };
    expect(key(servicePrincipal)).toBe('3f8a6c2e-1b9d-4e7f-a0c5-d8b2e4f6a1c9');
    const evidenceOnly = {
      ...record,
      identity: { authorization: { evidence: { principalId: '3f8a6c2e1b9d4e7fa0c5d8b2e4f6a1c9' } } },
    };
    expect(key(evidenceOnly)).toBe('3f8a6c2e-1b9d-4e7f-a0c5-d8b2e4f6a1c9');
    expect(key({ ...record, identity: undefined })).toBe('6c1f9a52-3b7e-4d0a-9e21-7f4c2b8d1a30');
  });

  it('redacts secrets in request bodies, in raw and in event.original', () => {
    const body = JSON.stringify({
      properties: { OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstuvwx', MODE: 'x' },
    });
    const text = JSON.stringify({ ...record, properties: { requestbody: body } });
    const event = normalizeOk(azureActivityConnector, JSON.parse(text) as Record<string, unknown>, {
      originalText: text,
    });
    const serialized = JSON.stringify(event.document);
    expect(serialized).not.toContain('sk-proj-abcdefghijklmnopqrstuvwx');
    expect(serialized).toContain('[redacted]');
    expect(event.document).toMatchObject({
      azure: {
        activitylogs: {
          redacted_secrets: [{ field: 'properties.requestbody.properties.OPENAI_API_KEY' }],
        },
      },
    });
  });
});
