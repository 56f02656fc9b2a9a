import type { ConnectorType } from '../connector-type';
import { AZURE_ACTIVITY_LOGSOURCE, normalizeAzureActivity } from './normalize';
import { isAzureActivityRecord, unwrapAzureActivity } from './unwrap';

export const azureActivityConnector: ConnectorType = {
  id: 'azure-activity',
  title:
    'Azure Activity log (Event Hub / storage `records`, single records, Log Analytics AzureActivity rows)',
  logsources: [AZURE_ACTIVITY_LOGSOURCE],
  pipelines: ['detections/pipelines/azure-activity.yml'],
  unwrap: unwrapAzureActivity,
  detect: isAzureActivityRecord,
  normalize: normalizeAzureActivity,
};
