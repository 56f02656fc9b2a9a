import { join } from 'node:path';
import { normalizeOk } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { awsCloudTrailConnector } from './index';

describeGoldenSamples(awsCloudTrailConnector, join(__dirname, 'testdata'), 3);

describe('aws-cloudtrail', () => {
  const record = {
    eventVersion: '1.10',
    eventTime: '2024-10-01T11:52:37Z',
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    awsRegion: 'us-west-2',
    userIdentity: { type: 'IAMUser', accessKeyId: 'AKIAEXAMPLE', accountId: '111122223333' },
  };

  it('keys events by access key', () => {
    expect(normalizeOk(awsCloudTrailConnector, record).key).toBe('AKIAEXAMPLE');
  });

  it('rejects a record without a usable eventTime', () => {
    const outcome = awsCloudTrailConnector.normalize({ ...record, eventTime: 'yesterday' }, GOLDEN_CONTEXT);
    expect(outcome).toEqual({ ok: false, reason: 'eventTime is not a time: "yesterday"' });
  });

  it('rejects records of another vendor', () => {
    expect(awsCloudTrailConnector.detect({ operationName: 'x', time: '2024-01-01' })).toBe(false);
  });

  it('unwraps EventBridge events and tolerates forwarder fields', () => {
    const wrapped = { 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.bedrock', detail: record };
    expect(awsCloudTrailConnector.unwrap(wrapped)).toEqual([record]);
    expect(awsCloudTrailConnector.detect({ ...record, forwarder: { host: 'x' } })).toBe(true);
  });

  it('caps event.original', () => {
    const { document } = normalizeOk(awsCloudTrailConnector, {
      ...record,
      requestParameters: { big: 'x'.repeat(10_000) },
    });
    const event = document['event'] as Record<string, unknown>;
    expect(Buffer.byteLength(event['original'] as string)).toBeLessThanOrEqual(4096);
    expect(event['original_truncated']).toBe(true);
  });
});
