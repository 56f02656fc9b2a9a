import type { ConnectorType } from '../connector-type';
import { normalizeDefenderEvent } from './normalize';
import { DEFENDER_LOGSOURCES } from './tables';
import { isDefenderEndpointRecord, unwrapDefenderEvents } from './unwrap';

export const defenderEndpointConnector: ConnectorType = {
  id: 'defender-endpoint',
  title: 'Microsoft Defender for Endpoint Advanced Hunting (Event Hub / storage streaming, hunting API rows)',
  logsources: DEFENDER_LOGSOURCES,
  pipelines: ['detections/pipelines/defender-endpoint.yml'],
  unwrap: unwrapDefenderEvents,
  detect: isDefenderEndpointRecord,
  normalize: normalizeDefenderEvent,
};
