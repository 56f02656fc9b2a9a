/**
 * A stream of CloudTrail records for load and recovery tests: many access keys (so events spread over
 * partitions), one record in `alertEvery` disabling Bedrock invocation logging (which the bundled rule
 * `aws_bedrock_invocation_logging_disabled` detects), the others ordinary InvokeModel calls.
 */
export function cloudTrailRecord(i: number, alertEvery = 10): Record<string, unknown> {
  const key = `AKIAEXAMPLE${String(i % 97).padStart(9, '0')}`;
  const alerting = i % alertEvery === 0;
  return {
    eventVersion: '1.10',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDAEXAMPLE${i % 97}`,
      arn: `arn:aws:iam::111122223333:user/svc-${i % 97}`,
      accountId: '111122223333',
      accessKeyId: key,
      userName: `svc-${i % 97}`,
    },
    eventTime: new Date(Date.UTC(2026, 10, 20, 10) + i * 10).toISOString(),
    eventSource: 'bedrock.amazonaws.com',
    eventName: alerting ? 'DeleteModelInvocationLoggingConfiguration' : 'InvokeModel',
    awsRegion: 'us-east-1',
    sourceIPAddress: `198.51.100.${i % 250}`,
    userAgent: 'Boto3/1.34.162 md/Botocore#1.34.162 Python/3.11',
    requestParameters: alerting ? null : { modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0' },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `evt-stream-${i}`,
    readOnly: !alerting,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}
