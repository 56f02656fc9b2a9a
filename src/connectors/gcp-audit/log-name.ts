/** What a LogEntry's `logName` (`projects/<p>/logs/cloudaudit.googleapis.com%2Fdata_access`) tells. */
export interface LogName {
  /** The log id, URL-decoded: `cloudaudit.googleapis.com/data_access`. */
  logId?: string;
  /** The audit log kind (`activity`, `data_access`, `system_event`, `policy`): Elastic's `event.provider`. */
  kind?: string;
  /** The project, when the log belongs to one (not an organization, folder or billing account). */
  projectId?: string;
}

export function parseLogName(logName: string | undefined): LogName {
  if (logName === undefined) return {};
  const match = /^(?:projects\/([^/]+)|[^/]+\/[^/]+)\/logs\/(.+)$/.exec(logName);
  if (!match) return {};
  let logId = match[2] as string;
  try {
    logId = decodeURIComponent(logId);
  } catch {
    // keep the id as written
  }
  const slash = logId.lastIndexOf('/');
  return {
    logId,
    kind: slash >= 0 ? logId.slice(slash + 1) : undefined,
    projectId: match[1],
  };
}
