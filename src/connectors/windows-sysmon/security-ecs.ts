import type { JsonObject } from '../connector-type';
import { setField } from '../shared/document-paths';
import { setCategorization, type EventCategorization } from '../shared/event-categorization';
import { setProcessImage } from '../shared/file-paths';
import { ipAddress } from '../shared/ip-address';
import { integer, text } from './windows-values';

/** ECS categorization of common Security log events, with the actions of Elastic's `system.security`. */
const SECURITY_EVENTS: Readonly<Record<number, EventCategorization>> = {
  1102: { category: ['iam'], type: ['admin', 'change'], action: 'audit-log-cleared' },
  4624: { category: ['authentication'], type: ['start'], action: 'logged-in', outcome: 'success' },
  4625: { category: ['authentication'], type: ['start'], action: 'logon-failed', outcome: 'failure' },
  4634: { category: ['authentication'], type: ['end'], action: 'logged-out', outcome: 'success' },
  4648: { category: ['authentication'], type: ['start'], action: 'logged-in-explicit', outcome: 'success' },
  4672: { category: ['iam'], type: ['admin'], action: 'logged-in-special', outcome: 'success' },
  4688: { category: ['process'], type: ['start'], action: 'created-process', outcome: 'success' },
  4689: { category: ['process'], type: ['end'], action: 'exited-process', outcome: 'success' },
  4698: { category: ['iam', 'configuration'], type: ['creation', 'admin'], action: 'scheduled-task-created' },
  4720: { category: ['iam'], type: ['user', 'creation'], action: 'added-user-account', outcome: 'success' },
};

/** Logon types as Elastic names them (`winlog.logon.type`). */
const LOGON_TYPES: Readonly<Record<string, string>> = {
  '2': 'Interactive',
  '3': 'Network',
  '4': 'Batch',
  '5': 'Service',
  '7': 'Unlock',
  '8': 'NetworkCleartext',
  '9': 'NewCredentials',
  '10': 'RemoteInteractive',
  '11': 'CachedInteractive',
};

const LOGON_EVENTS = new Set([4624, 4625, 4634, 4648]);

/** ECS fields of a Security log event, from its flat fields (Elastic's `system.security` choices). */
export function setSecurityEcs(d: JsonObject, f: JsonObject, eventId: number): void {
  setCategorization(d, SECURITY_EVENTS[eventId]);
  if (eventId === 4688) {
    setProcessImage(d, 'process', text(f['NewProcessName']));
    setField(d, 'process.command_line', text(f['CommandLine']));
    setField(d, 'process.pid', integer(f['NewProcessId']));
    setProcessImage(d, 'process.parent', text(f['ParentProcessName']));
    setField(d, 'process.parent.pid', integer(f['ProcessId']));
  } else if (eventId !== 4624 && eventId !== 4625) {
    setProcessImage(d, 'process', text(f['ProcessName']));
  }
  // The account acted upon for logons, the acting account otherwise.
  const who = LOGON_EVENTS.has(eventId) ? 'Target' : 'Subject';
  setField(d, 'user.name', text(f[`${who}UserName`]));
  setField(d, 'user.domain', text(f[`${who}DomainName`]));
  setField(d, 'user.id', text(f[`${who}UserSid`]));
  if (LOGON_EVENTS.has(eventId)) setLogon(d, f);
}

function setLogon(d: JsonObject, f: JsonObject): void {
  const logonType = text(f['LogonType']);
  setField(
    d,
    'winlog.logon.type',
    logonType === undefined ? undefined : (LOGON_TYPES[logonType] ?? logonType),
  );
  setField(d, 'winlog.logon.id', text(f['TargetLogonId']));
  setField(d, 'source.ip', ipAddress(f['IpAddress']));
  const port = integer(f['IpPort']);
  if (port) setField(d, 'source.port', port);
  setField(d, 'source.domain', text(f['WorkstationName']));
  setProcessImage(d, 'process', text(f['ProcessName']));
  const pid = integer(f['ProcessId']);
  if (pid) setField(d, 'process.pid', pid);
}
