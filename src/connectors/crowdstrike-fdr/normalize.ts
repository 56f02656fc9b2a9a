import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { setField, stringField } from '../shared/document-paths';
import { contentId } from '../shared/identity';
import { toIsoTimestamp } from '../shared/timestamps';
import { setCategorization } from '../shared/event-categorization';
import { finishEdrEvent, redactEdrRecord } from '../shared/secrets/edr-redaction';
import { ECS_CATEGORIZATION, fdrEventKind, productOf, sigmaCategoryOf } from './event-kinds';
import { ipAddress, text } from './fdr-values';
import { setDnsFields, setNetworkFields } from './network-fields';
import { setContextProcess, setProcessFields } from './process-fields';
import { isFdrEvent } from './unwrap';

/**
 * One Falcon Data Replicator event → ECS with the choices of Elastic's crowdstrike.fdr integration, plus
 * the event as it came under `crowdstrike.fdr.raw`. Process starts are Sigma `process_creation`, network
 * connections `network_connection` and DNS requests `dns_query`, for the product `event_platform` names.
 */
export function normalizeFdrEvent(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isFdrEvent(record)) {
    return {
      ok: false,
      reason: 'not a CrowdStrike FDR event (needs event_simpleName, aid or cid, and timestamp)',
    };
  }
  const redaction = redactEdrRecord(record);
  const e = redaction.value;
  const timestamp = toIsoTimestamp(e['timestamp']) ?? toIsoTimestamp(e['ContextTimeStamp']);
  if (timestamp === undefined) {
    return {
      ok: false,
      reason: `timestamp is missing or not a time: ${JSON.stringify(e['timestamp'] ?? e['ContextTimeStamp'] ?? null)}`,
    };
  }
  const simpleName = e['event_simpleName'] as string;
  const kind = fdrEventKind(simpleName);
  const product = productOf(stringField(e, 'event_platform'), stringField(e, 'ImageFileName'));
  const separator = product === 'windows' ? '\\' : '/';

  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.action', simpleName);
  if (kind) setCategorization(d, ECS_CATEGORIZATION[kind]);
  const aid = text(e['aid']);
  const computer = text(e['ComputerName']);
  setField(d, 'host.id', aid);
  setField(d, 'host.name', computer);
  setField(d, 'host.hostname', computer);
  setField(d, 'host.os.type', product);
  setField(d, 'organization.id', text(e['cid']));
  const aip = ipAddress(e['aip']);
  if (aip) setField(d, 'observer.ip', [aip]);
  setField(d, 'observer.version', text(e['ConfigBuild']));
  setField(d, 'observer.vendor', 'CrowdStrike');
  setField(d, 'observer.product', 'Falcon');
  if (kind === 'process') setProcessFields(d, e, separator);
  else setContextProcess(d, e, separator);
  if (kind === 'network') setNetworkFields(d, e, simpleName);
  if (kind === 'dns') setDnsFields(d, e);
  setField(d, 'crowdstrike.fdr.raw', e);

  const id = text(e['id']) ?? contentId(e);
  return finishEdrEvent(
    {
      connector: 'crowdstrike-fdr',
      module: 'crowdstrike',
      dataset: 'crowdstrike.fdr',
      id,
      key: aid ?? computer ?? id,
      timestamp,
      logsource: {
        ...(product !== undefined ? { product } : {}),
        categories: sigmaCategoryOf(kind),
        services: [],
      },
      document: d,
    },
    redaction,
    context,
  );
}
