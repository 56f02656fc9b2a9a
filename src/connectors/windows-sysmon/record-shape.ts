import { isJsonObject } from '../shared/document-paths';

/**
 * The three shapes a Windows event arrives in: EVTX exported as JSON (`{"Event": {"System", "EventData"}}`),
 * Winlogbeat / Elastic Agent documents (`winlog.event_id`, `winlog.event_data`), and flat exports with
 * EventID and Channel at the top (as normalizeEvtxJson reads them).
 */
export type WindowsRecordShape = 'evtx' | 'winlogbeat' | 'flat';

export function windowsRecordShape(record: Record<string, unknown>): WindowsRecordShape | undefined {
  const event = record['Event'];
  if (isJsonObject(event) && isJsonObject(event['System'])) return 'evtx';
  const winlog = record['winlog'];
  if (
    isJsonObject(winlog) &&
    isPresent(winlog['event_id']) &&
    isPresent(winlog['channel'] ?? winlog['provider_name'])
  ) {
    return 'winlogbeat';
  }
  if (isPresent(record['EventID']) && typeof record['Channel'] === 'string') return 'flat';
  return undefined;
}

export function isWindowsEvent(record: Record<string, unknown>): boolean {
  return windowsRecordShape(record) !== undefined;
}

function isPresent(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}
