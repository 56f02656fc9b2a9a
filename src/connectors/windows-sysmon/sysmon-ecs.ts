import type { JsonObject } from '../connector-type';
import { setField } from '../shared/document-paths';
import { setCategorization, type EventCategorization } from '../shared/event-categorization';
import { baseName, setProcessImage } from '../shared/file-paths';
import { ipAddress } from '../shared/ip-address';
import { directoryName, flag, integer, parseHashes, splitAccount, text } from './windows-values';

/** ECS categorization of Sysmon events, as Elastic's `windows.sysmon_operational` pipeline sets it. */
const SYSMON_EVENTS: Readonly<Record<number, EventCategorization>> = {
  1: { category: ['process'], type: ['start'], action: 'Process creation' },
  2: { category: ['file'], type: ['change'], action: 'A process changed a file creation time' },
  3: { category: ['network'], type: ['start', 'connection', 'protocol'], action: 'Network connection' },
  4: { category: ['process'], type: ['change'], action: 'Sysmon service state changed' },
  5: { category: ['process'], type: ['end'], action: 'Process terminated' },
  6: { category: ['driver'], type: ['start'], action: 'Driver loaded' },
  7: { category: ['process'], type: ['change'], action: 'Image loaded' },
  8: { category: ['process'], type: ['change'], action: 'CreateRemoteThread' },
  9: { category: ['process'], type: ['access'], action: 'RawAccessRead' },
  10: { category: ['process'], type: ['access'], action: 'ProcessAccess' },
  11: { category: ['file'], type: ['creation'], action: 'FileCreate' },
  12: {
    category: ['configuration', 'registry'],
    type: ['change'],
    action: 'RegistryEvent (Object create and delete)',
  },
  13: { category: ['configuration', 'registry'], type: ['change'], action: 'RegistryEvent (Value Set)' },
  14: {
    category: ['configuration', 'registry'],
    type: ['change'],
    action: 'RegistryEvent (Key and Value Rename)',
  },
  15: { category: ['file'], type: ['access'], action: 'FileCreateStreamHash' },
  16: { category: ['configuration'], type: ['change'], action: 'ServiceConfigurationChange' },
  17: { category: ['file'], type: ['creation'], action: 'PipeEvent (Pipe Created)' },
  18: { category: ['file'], type: ['access'], action: 'PipeEvent (Pipe Connected)' },
  19: { category: ['process'], type: ['info'], action: 'WmiEvent (WmiEventFilter activity detected)' },
  20: { category: ['process'], type: ['change'], action: 'WmiEvent (WmiEventConsumer activity detected)' },
  21: {
    category: ['process'],
    type: ['access'],
    action: 'WmiEvent (WmiEventConsumerToFilter activity detected)',
  },
  22: { category: ['network'], type: ['connection', 'protocol', 'info'], action: 'DNSEvent (DNS query)' },
  23: { category: ['file'], type: ['deletion'], action: 'FileDelete (File Delete archived)' },
  24: { type: ['change'], action: 'ClipboardChange (New content in the clipboard)' },
  25: { category: ['process'], type: ['change'], action: 'ProcessTampering (Process image change)' },
  26: { category: ['file'], type: ['deletion'], action: 'FileDeleteDetected (File Delete logged)' },
  27: { category: ['file'], type: ['creation'], action: 'FileBlockExecutable', outcome: 'failure' },
  28: { category: ['file'], type: ['deletion'], action: 'FileBlockShredding' },
  29: { category: ['file'], type: ['creation'], action: 'FileExecutableDetected' },
  255: { category: ['process'], action: 'Error', outcome: 'failure' },
};

/** Events whose hashes are the process image's; for the others they are the file's. */
const PROCESS_HASH_EVENTS = new Set([1, 23, 24, 25]);
const FILE_PATH_FIELD: Readonly<Record<number, string>> = {
  2: 'TargetFilename',
  6: 'ImageLoaded',
  7: 'ImageLoaded',
  11: 'TargetFilename',
  15: 'TargetFilename',
  23: 'TargetFilename',
  26: 'TargetFilename',
  27: 'TargetFilename',
  28: 'TargetFilename',
  29: 'TargetFilename',
};

/** ECS fields of a Sysmon event, from its flat Sigma fields (Elastic's field choices). */
export function setSysmonEcs(d: JsonObject, f: JsonObject, eventId: number): void {
  setCategorization(d, SYSMON_EVENTS[eventId]);
  setField(d, 'rule.name', text(f['RuleName']));
  // The acting process: Image for most events, SourceImage for process access and remote threads.
  setProcessImage(d, 'process', text(f['Image']) ?? text(f['SourceImage']));
  setField(d, 'process.pid', integer(f['ProcessId'] ?? f['SourceProcessId']));
  setField(
    d,
    'process.entity_id',
    text(f['ProcessGuid'] ?? f['SourceProcessGuid'] ?? f['SourceProcessGUID']),
  );
  const user = splitAccount(f['User'] ?? f['SourceUser']);
  setField(d, 'user.name', user.name);
  setField(d, 'user.domain', user.domain);
  const hashes = parseHashes(f['Hashes'] ?? f['Hash']);
  if (eventId === 1) setProcessCreation(d, f, hashes);
  else if (hashes && PROCESS_HASH_EVENTS.has(eventId)) setField(d, 'process.hash', hashes);
  const filePathField = FILE_PATH_FIELD[eventId];
  if (filePathField) {
    const path = text(f[filePathField]);
    setField(d, 'file.path', path);
    setField(d, 'file.name', baseName(path));
    setField(d, 'file.directory', directoryName(path));
    if (hashes && !PROCESS_HASH_EVENTS.has(eventId)) setField(d, 'file.hash', withoutImphash(hashes));
  }
  if (eventId === 17 || eventId === 18) setField(d, 'file.name', text(f['PipeName']));
  if (eventId === 3) setNetworkConnection(d, f);
  if (eventId >= 12 && eventId <= 14) setRegistry(d, f);
  if (eventId === 22) setDnsQuery(d, f);
}

function setProcessCreation(d: JsonObject, f: JsonObject, hashes: Record<string, string> | undefined): void {
  setField(d, 'process.command_line', text(f['CommandLine']));
  setField(d, 'process.working_directory', text(f['CurrentDirectory']));
  setField(d, 'process.pe.original_file_name', text(f['OriginalFileName']));
  setField(d, 'process.pe.description', text(f['Description']));
  setField(d, 'process.pe.product', text(f['Product']));
  setField(d, 'process.pe.company', text(f['Company']));
  setField(d, 'process.pe.file_version', text(f['FileVersion']));
  if (hashes) {
    setField(d, 'process.hash', withoutImphash(hashes));
    setField(d, 'process.pe.imphash', hashes['imphash']);
  }
  setProcessImage(d, 'process.parent', text(f['ParentImage']));
  setField(d, 'process.parent.command_line', text(f['ParentCommandLine']));
  setField(d, 'process.parent.pid', integer(f['ParentProcessId']));
  setField(d, 'process.parent.entity_id', text(f['ParentProcessGuid']));
}

function setNetworkConnection(d: JsonObject, f: JsonObject): void {
  setField(d, 'source.ip', ipAddress(f['SourceIp']));
  setField(d, 'source.port', integer(f['SourcePort']));
  setField(d, 'source.domain', text(f['SourceHostname']));
  setField(d, 'destination.ip', ipAddress(f['DestinationIp']));
  setField(d, 'destination.port', integer(f['DestinationPort']));
  setField(d, 'destination.domain', text(f['DestinationHostname']));
  setField(d, 'network.transport', text(f['Protocol'])?.toLowerCase());
  setField(d, 'network.protocol', text(f['DestinationPortName']));
  const initiated = flag(f['Initiated']);
  if (initiated !== undefined) setField(d, 'network.direction', initiated ? 'egress' : 'ingress');
  const ipv6 = flag(f['SourceIsIpv6']);
  if (ipv6 !== undefined) setField(d, 'network.type', ipv6 ? 'ipv6' : 'ipv4');
}

/** Sysmon writes registry paths with abbreviated hives: `HKLM\SOFTWARE\...\ValueName`. */
function setRegistry(d: JsonObject, f: JsonObject): void {
  const path = text(f['TargetObject']);
  setField(d, 'registry.path', path);
  if (path !== undefined) {
    const parts = path.split('\\');
    setField(d, 'registry.hive', parts[0]);
    const isValue = text(f['EventType']) === 'SetValue' || text(f['EventType']) === 'DeleteValue';
    if (isValue && parts.length > 2) {
      setField(d, 'registry.key', parts.slice(1, -1).join('\\'));
      setField(d, 'registry.value', parts[parts.length - 1]);
    } else if (parts.length > 1) {
      setField(d, 'registry.key', parts.slice(1).join('\\'));
    }
  }
  const details = text(f['Details']);
  if (details !== undefined) setField(d, 'registry.data.strings', [details]);
}

/** `type:  5 cname.example;::ffff:203.0.113.7;` → the answered addresses. */
function setDnsQuery(d: JsonObject, f: JsonObject): void {
  setField(d, 'dns.question.name', text(f['QueryName']));
  setField(d, 'network.protocol', 'dns');
  const results = text(f['QueryResults']);
  if (results === undefined) return;
  const ips = results
    .split(';')
    .map((r) => ipAddress(r))
    .filter((ip): ip is string => ip !== undefined);
  if (ips.length > 0) setField(d, 'dns.resolved_ip', ips);
}

function withoutImphash(hashes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(hashes).filter(([algorithm]) => algorithm !== 'imphash'));
}
