import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { isJsonObject, setField, stringField } from '../shared/document-paths';
import { contentId } from '../shared/identity';
import { finishEdrEvent, redactEdrRecord } from '../shared/secrets/edr-redaction';
import { resultTime } from './result-time';
import { setProcessColumns, setSocketColumns } from './row-fields';
import { productOf, rowKindOf, sigmaCategoriesOf } from './row-kind';
import { isOsqueryResult } from './unwrap';

/** ECS `event.type` of a row by its kind and `action` (added, removed, snapshot). */
function eventTypes(kind: 'process' | 'socket' | undefined, action: unknown): string[] | undefined {
  if (kind === 'process') return [action === 'removed' ? 'end' : action === 'added' ? 'start' : 'info'];
  if (kind === 'socket')
    return ['connection', ...(action === 'removed' ? ['end'] : action === 'added' ? ['start'] : [])];
  return undefined;
}

/**
 * One osquery result row → ECS with the generic choices of Elastic's osquery integration (`rule.name`,
 * `host.hostname`, `event.action`), plus process and socket fields read from the row's columns, and the
 * row record under `osquery.result.raw`. Process rows are Sigma `process_creation` and socket rows with a
 * remote end `network_connection`; the product comes from decorations, `linux` by default.
 */
export function normalizeOsqueryResult(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isOsqueryResult(record)) {
    return {
      ok: false,
      reason: 'not an osquery result (needs name, hostIdentifier, unixTime or calendarTime, and columns)',
    };
  }
  if (!isJsonObject(record['columns'])) {
    return { ok: false, reason: 'a snapshot or batched result: unwrap it into rows first' };
  }
  const redaction = redactEdrRecord(record);
  const r = redaction.value;
  const columns = r['columns'] as JsonObject;
  const timestamp = resultTime(r, columns);
  if (timestamp === undefined) {
    return {
      ok: false,
      reason: `unixTime is missing or not a time: ${JSON.stringify(r['unixTime'] ?? r['calendarTime'] ?? null)}`,
    };
  }
  const action = r['action'];
  const kind = rowKindOf(columns);
  const decorations = isJsonObject(r['decorations']) ? r['decorations'] : {};
  const hostIdentifier = r['hostIdentifier'] as string;

  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.action', action);
  setField(
    d,
    'event.category',
    kind === undefined ? undefined : [kind === 'process' ? 'process' : 'network'],
  );
  setField(d, 'event.type', eventTypes(kind, action));
  setField(d, 'rule.name', r['name']);
  setField(d, 'host.hostname', hostIdentifier);
  setField(d, 'host.name', stringField(decorations, 'hostname') ?? hostIdentifier);
  setField(d, 'host.id', stringField(decorations, 'host_uuid'));
  if (kind === 'process') setProcessColumns(d, columns);
  if (kind === 'socket') setSocketColumns(d, columns);
  // The row's own user first; decorations.username is whoever is logged in (as Elastic maps it).
  setField(d, 'user.name', stringField(columns, 'username') ?? stringField(decorations, 'username'));
  setField(d, 'user.id', stringField(columns, 'uid'));
  setField(d, 'osquery.result.name', r['name']);
  setField(d, 'osquery.result.action', action);
  setField(d, 'osquery.result.counter', r['counter']);
  setField(d, 'osquery.result.epoch', r['epoch']);
  setField(d, 'osquery.result.raw', r);
  const product = productOf(decorations, columns);
  setField(d, 'host.os.type', product);

  const id = contentId(r);
  return finishEdrEvent(
    {
      connector: 'osquery',
      module: 'osquery',
      dataset: 'osquery.result',
      id,
      key: hostIdentifier,
      timestamp,
      logsource: { product, categories: sigmaCategoriesOf(kind, columns, action), services: [] },
      document: d,
    },
    redaction,
    context,
  );
}
