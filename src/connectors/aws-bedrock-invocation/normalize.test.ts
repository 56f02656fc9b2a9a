import { join } from 'node:path';
import { normalizeOk, rejectionOf } from '../testing/connector-tests';
import { describeGoldenSamples } from '../testing/golden-samples';
import { awsBedrockInvocationConnector as connector } from './index';

describeGoldenSamples(connector, join(__dirname, 'testdata'), 3);

const record = {
  schemaType: 'ModelInvocationLog',
  schemaVersion: '1.0',
  timestamp: '2026-03-14T09:31:12Z',
  accountId: '444455556666',
  identity: { arn: 'arn:aws:iam::444455556666:user/ci-deployer' },
  region: 'eu-central-1',
  requestId: '8d4c1b7a-2e9f-4a60-b3d5-71c0e9f2a846',
  operation: 'InvokeModel',
  modelId: 'anthropic.claude-3-opus-20240229-v1:0',
};

const normalize = (value: Record<string, unknown>, originalText?: string) =>
  normalizeOk(connector, value, { originalText });

describe('aws-bedrock-invocation', () => {
  it('detects invocation records and rejects other vendors', () => {
    expect(connector.detect(record)).toBe(true);
    expect(connector.detect({ ...record, schemaType: undefined, forwarder: 'firehose' })).toBe(true);
    expect(connector.detect({ eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel' })).toBe(false);
    expect(rejectionOf(connector, { category: 'Audit' })).toEqual(
      expect.stringMatching(/^not a Bedrock model invocation log record/),
    );
  });

  it('unwraps CloudWatch Logs subscription messages and skips control messages', () => {
    const message = {
      messageType: 'DATA_MESSAGE',
      logGroup: 'g',
      logEvents: [{ id: '1', message: JSON.stringify(record) }],
    };
    expect(connector.unwrap(message)).toEqual([record]);
    expect(
      connector.unwrap({
        messageType: 'CONTROL_MESSAGE',
        logEvents: [{ id: '', message: 'CWL CONTROL MESSAGE' }],
      }),
    ).toEqual([]);
    expect(connector.unwrap(record)).toEqual([record]);
  });

  it('rejects records without a usable timestamp, naming the field', () => {
    expect(rejectionOf(connector, { ...record, timestamp: undefined })).toEqual('timestamp is missing');
    expect(rejectionOf(connector, { ...record, timestamp: 'soon' })).toEqual(
      'timestamp is not a time: "soon"',
    );
  });

  it('keys events by the caller ARN, else the account, and uses the request id as event id', () => {
    const event = normalize(record);
    expect(event.key).toBe('arn:aws:iam::444455556666:user/ci-deployer');
    expect(event.id).toBe('8d4c1b7a-2e9f-4a60-b3d5-71c0e9f2a846');
    expect(normalize({ ...record, identity: {} }).key).toBe('444455556666');
  });

  it('names the principal of assumed roles by role', () => {
    const event = normalize({
      ...record,
      identity: { arn: 'arn:aws:sts::444455556666:assumed-role/app-role/i-0abc' },
    });
    expect((event.document['user'] as Record<string, unknown>)['name']).toBe('app-role');
  });

  it('removes credentials found by the guardrail from the whole document and the original text', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const withSecret = {
      ...record,
      output: {
        outputBodyJson: {
          'amazon-bedrock-guardrailAction': 'INTERVENED',
          'amazon-bedrock-trace': {
            guardrail: {
              outputs: [
                {
                  g1: {
                    sensitiveInformationPolicy: {
                      piiEntities: [{ match: secret, type: 'AWS_SECRET_KEY', action: 'BLOCKED' }],
                    },
                  },
                },
              ],
            },
          },
        },
      },
    };
    const event = normalize(withSecret, JSON.stringify(withSecret));
    expect(JSON.stringify(event)).not.toContain(secret);
    expect(JSON.stringify(event)).toContain('[redacted]');
    expect(event.document['gen_ai']).toMatchObject({
      policy: { action: ['BLOCKED'], name: ['sensitive_information_policy'] },
      compliance: { violation_detected: true },
    });
  });

  it('cuts bodies longer than 8 KB in the raw record and keeps their hash', () => {
    const long = {
      ...record,
      input: { inputBodyJson: { prompt: 'x'.repeat(20_000) }, inputTokenCount: 5000 },
    };
    const event = normalize(long);
    const bedrock =
      (event.document['aws_bedrock'] as Record<string, Record<string, unknown>>)['invocation'] ?? {};
    const raw = bedrock['raw'] as { input: { inputBodyJson: unknown } };
    expect(typeof raw.input.inputBodyJson).toBe('string');
    expect(Buffer.byteLength(raw.input.inputBodyJson as string)).toBeLessThanOrEqual(8192);
    expect(bedrock['input']).toMatchObject({ input_body_json_massive_length: 20_013 });
  });
});
