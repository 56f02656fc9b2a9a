import type { ConnectorType } from '../connector-type';
import { WINDOWS_LOGSOURCES } from './logsources';
import { normalizeWindowsEvent } from './normalize';
import { isWindowsEvent } from './record-shape';
import { unwrapWindowsEvents } from './unwrap';

export const windowsSysmonConnector: ConnectorType = {
  id: 'windows-sysmon',
  title: 'Windows event logs, Sysmon included (EVTX as JSON, Winlogbeat / Elastic Agent documents)',
  logsources: WINDOWS_LOGSOURCES,
  pipelines: ['detections/pipelines/windows-sysmon.yml'],
  unwrap: unwrapWindowsEvents,
  detect: isWindowsEvent,
  normalize: normalizeWindowsEvent,
};
