import type { ConnectorType } from '../connector-type';
import { unwrapAzureRecords } from '../shared/azure/azure-records';
import { AZURE_OPENAI_LOGSOURCES, isAzureOpenAiRecord, normalizeAzureOpenAi } from './normalize';

export const azureOpenAiConnector: ConnectorType = {
  id: 'azure-openai',
  title: 'Azure OpenAI / AI Foundry diagnostic logs (RequestResponse, Audit, Trace; Event Hub or storage)',
  logsources: [
    AZURE_OPENAI_LOGSOURCES.RequestResponse,
    AZURE_OPENAI_LOGSOURCES.Audit,
    AZURE_OPENAI_LOGSOURCES.Trace,
  ],
  pipelines: ['detections/pipelines/azure-openai.yml'],
  unwrap: unwrapAzureRecords,
  detect: isAzureOpenAiRecord,
  normalize: normalizeAzureOpenAi,
};
