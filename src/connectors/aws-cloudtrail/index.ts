import type { ConnectorType } from '../connector-type';
import { CLOUDTRAIL_LOGSOURCE, normalizeCloudTrail } from './normalize';
import { isCloudTrailRecord, unwrapCloudTrail } from './unwrap';

export const awsCloudTrailConnector: ConnectorType = {
  id: 'aws-cloudtrail',
  title: 'AWS CloudTrail (S3 delivery files, EventBridge, single records)',
  logsources: [CLOUDTRAIL_LOGSOURCE],
  pipelines: ['detections/pipelines/aws-cloudtrail.yml'],
  unwrap: unwrapCloudTrail,
  detect: isCloudTrailRecord,
  normalize: normalizeCloudTrail,
};
