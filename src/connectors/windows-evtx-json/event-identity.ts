import { contentId } from '../shared/identity';

/**
 * A Windows event's stable identity: host, channel and record number when all are known (the same
 * event read twice gets the same id), else a hash of its content.
 */
export function windowsEventId(
  computer: unknown,
  channel: unknown,
  recordId: unknown,
  content: unknown,
): string {
  if (isPresent(computer) && isPresent(channel) && isPresent(recordId)) {
    return `${String(computer)}/${String(channel)}/${String(recordId)}`;
  }
  return contentId(content);
}

function isPresent(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}
