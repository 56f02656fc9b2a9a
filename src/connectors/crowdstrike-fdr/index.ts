import type { ConnectorType } from '../connector-type';
import { FDR_LOGSOURCES } from './event-kinds';
import { normalizeFdrEvent } from './normalize';
import { isFdrEvent, unwrapFdrEvents } from './unwrap';

export const crowdstrikeFdrConnector: ConnectorType = {
  id: 'crowdstrike-fdr',
  title: 'CrowdStrike Falcon Data Replicator (FDR) events, JSON lines',
  logsources: FDR_LOGSOURCES,
  pipelines: ['detections/pipelines/crowdstrike-fdr.yml'],
  unwrap: unwrapFdrEvents,
  detect: isFdrEvent,
  normalize: normalizeFdrEvent,
};
