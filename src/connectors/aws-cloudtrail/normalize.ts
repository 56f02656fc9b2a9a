import { isIP } from 'node:net';
import type { NormalizeContext, NormalizeOutcome, JsonObject } from '../connector-type';
import { isJsonObject, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { contentId, credentialFingerprint } from '../shared/identity';
import { toIsoTimestamp } from '../shared/timestamps';
import { isCloudTrailRecord } from './unwrap';
import { iamEventCategory } from './iam-categories';

export const CLOUDTRAIL_LOGSOURCE = { product: 'aws', categories: [], services: ['cloudtrail'] } as const;

/**
 * One CloudTrail record → ECS with the names of Elastic's AWS integration (`aws.cloudtrail.*`), plus the
 * record itself under `aws.cloudtrail.raw`, where Sigma's CloudTrail rules find their field names.
 */
export function normalizeCloudTrail(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isCloudTrailRecord(record)) {
    return { ok: false, reason: 'not a CloudTrail record (needs eventSource and eventName)' };
  }
  const timestamp = toIsoTimestamp(record['eventTime']);
  if (!timestamp) {
    return record['eventTime'] === undefined
      ? { ok: false, reason: 'eventTime is missing' }
      : { ok: false, reason: `eventTime is not a time: ${JSON.stringify(record['eventTime'])}` };
  }

  const d: JsonObject = {};
  const identity = isJsonObject(record['userIdentity']) ? record['userIdentity'] : {};
  const issuer = stringField(identity, 'sessionContext.sessionIssuer.userName');
  const errorCode = stringField(record, 'errorCode');
  const errorMessage = stringField(record, 'errorMessage');
  const eventName = record['eventName'] as string;

  setField(d, 'event.kind', 'event');
  setField(d, 'event.provider', record['eventSource']);
  setField(d, 'event.action', eventName);
  setField(d, 'event.outcome', errorCode || errorMessage ? 'failure' : 'success');
  const category = iamEventCategory(eventName);
  setField(d, 'event.category', category?.category);
  setField(d, 'event.type', category?.type ?? ['info']);
  setField(d, 'cloud.provider', 'aws');
  setField(d, 'cloud.region', record['awsRegion']);
  setField(d, 'cloud.account.id', identity['accountId'] ?? record['recipientAccountId']);
  setField(d, 'cloud.service.name', stringField(record, 'eventSource')?.replace(/\.amazonaws\.com$/, ''));
  setField(d, 'user.name', issuer ?? identity['userName']);
  setField(d, 'user.id', identity['principalId']);
  setField(d, 'user.target.name', stringField(record, 'requestParameters.userName'));
  setField(d, 'user_agent.original', record['userAgent']);
  const sourceAddress = stringField(record, 'sourceIPAddress');
  setField(d, 'source.address', sourceAddress);
  if (sourceAddress && isIP(sourceAddress)) setField(d, 'source.ip', sourceAddress);
  setField(d, 'tls.version', stringField(record, 'tlsDetails.tlsVersion')?.replace(/^TLSv/, ''));
  setField(d, 'tls.cipher', stringField(record, 'tlsDetails.cipherSuite'));
  setField(d, 'tls.client.server_name', stringField(record, 'tlsDetails.clientProvidedHostHeader'));
  const modelId = stringField(record, 'requestParameters.modelId');
  setField(d, 'gen_ai.request.model', modelId);
  const ct = 'aws.cloudtrail';
  setField(d, `${ct}.event_version`, record['eventVersion']);
  setField(d, `${ct}.event_category`, record['eventCategory']);
  setField(d, `${ct}.event_type`, record['eventType']);
  setField(d, `${ct}.management_event`, record['managementEvent']);
  setField(d, `${ct}.read_only`, record['readOnly']);
  setField(d, `${ct}.request_id`, record['requestID']);
  setField(d, `${ct}.recipient_account_id`, record['recipientAccountId']);
  setField(d, `${ct}.error_code`, errorCode);
  setField(d, `${ct}.error_message`, errorMessage);
  setField(d, `${ct}.user_identity.type`, identity['type']);
  setField(d, `${ct}.user_identity.arn`, identity['arn']);
  setField(d, `${ct}.user_identity.invoked_by`, identity['invokedBy']);
  const accessKeyId = stringField(identity, 'accessKeyId');
  setField(d, `${ct}.user_identity.access_key_id`, accessKeyId);
  setField(
    d,
    `${ct}.user_identity.session_context.session_issuer.arn`,
    stringField(identity, 'sessionContext.sessionIssuer.arn'),
  );
  setField(
    d,
    `${ct}.user_identity.session_context.mfa_authenticated`,
    stringField(identity, 'sessionContext.attributes.mfaAuthenticated'),
  );
  setField(d, `${ct}.raw`, record);
  // Access key ids are not secrets (AWS prints them in CloudTrail), but keys are still grouped by fingerprint
  // so every connector's API-key entity looks the same.
  if (accessKeyId) setField(d, 'tripline.api_key.fingerprint', credentialFingerprint(accessKeyId));

  const id = stringField(record, 'eventID') ?? contentId(record);
  const key = accessKeyId ?? stringField(identity, 'arn') ?? stringField(record, 'recipientAccountId') ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'aws-cloudtrail',
        module: 'aws',
        dataset: 'aws.cloudtrail',
        id,
        key,
        timestamp,
        logsource: { ...CLOUDTRAIL_LOGSOURCE, categories: [], services: ['cloudtrail'] },
        document: d,
        record,
      },
      context,
    ),
  };
}
