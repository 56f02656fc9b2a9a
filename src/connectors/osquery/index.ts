import type { ConnectorType } from '../connector-type';
import { normalizeOsqueryResult } from './normalize';
import { OSQUERY_LOGSOURCES } from './row-kind';
import { isOsqueryResult, unwrapOsqueryResults } from './unwrap';

export const osqueryConnector: ConnectorType = {
  id: 'osquery',
  title: 'osquery result logs (differential, snapshot and batched results; filesystem and TLS loggers)',
  logsources: OSQUERY_LOGSOURCES,
  pipelines: ['detections/pipelines/osquery.yml'],
  unwrap: unwrapOsqueryResults,
  detect: isOsqueryResult,
  normalize: normalizeOsqueryResult,
};
