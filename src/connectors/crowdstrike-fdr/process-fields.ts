import type { JsonObject } from '../connector-type';
import { setField } from '../shared/document-paths';
import { setProcessImage } from '../shared/file-paths';
import { toIsoTimestamp } from '../shared/timestamps';
import { hash, integer, text } from './fdr-values';

/**
 * ECS process fields of a ProcessRollup2 / SyntheticProcessRollup2 event. `ImageFileName` is kept as
 * the sensor writes it: a device path on Windows (`\Device\HarddiskVolume3\Windows\System32\cmd.exe`),
 * which cannot be turned into a drive letter without the host's volume table. Sigma rules testing
 * `Image|endswith` or `|contains` still work; rules testing `Image|startswith: 'C:\'` do not.
 */
export function setProcessFields(d: JsonObject, e: JsonObject, pathSeparator: string): void {
  setProcessImage(d, 'process', text(e['ImageFileName']), text(e['FileName']));
  setField(d, 'process.command_line', text(e['CommandLine']));
  setField(d, 'process.pid', integer(e['RawProcessId']));
  setField(d, 'process.entity_id', text(e['TargetProcessId']));
  setField(d, 'process.pgid', integer(e['ProcessGroupId']));
  setField(d, 'process.start', toIsoTimestamp(e['ProcessStartTime']));
  setField(d, 'process.end', toIsoTimestamp(e['ProcessEndTime']));
  setField(d, 'process.hash.md5', hash(e['MD5HashData']));
  setField(d, 'process.hash.sha1', hash(e['SHA1HashData']));
  setField(d, 'process.hash.sha256', hash(e['SHA256HashData']));
  setField(d, 'process.parent.entity_id', text(e['ParentProcessId']));
  const parentName = text(e['ParentBaseFileName']);
  setField(d, 'process.parent.name', parentName);
  // Newer sensors add the parent's path and command line; older ones only its file name.
  const parentImage = text(e['ParentImageFileName']);
  setField(d, 'process.parent.executable', parentImage);
  setField(d, 'process.parent.command_line', text(e['ParentCommandLine']));
  if (parentImage === undefined && parentName !== undefined) {
    // Not a path: only the file name is known. Written as `\name` (`/name`) so that Sigma's
    // `ParentImage|endswith: '\cmd.exe'` tests work through the pipeline.
    setField(d, 'crowdstrike.fdr.parent_image_suffix', `${pathSeparator}${parentName}`);
  }
  setField(d, 'user.name', text(e['UserName']));
  setField(d, 'user.id', text(e['UserSid']) ?? text(e['UID']));
  setField(d, 'group.id', text(e['GID']));
  setField(d, 'process.real_user.id', text(e['RUID']));
  setField(d, 'process.real_group.id', text(e['RGID']));
}

/**
 * Network and DNS events name their process only by its context id, and on newer sensors by its file
 * name (`ContextBaseFileName`), written as a suffix for Sigma's `Image|endswith` as above.
 */
export function setContextProcess(d: JsonObject, e: JsonObject, pathSeparator: string): void {
  setField(d, 'process.entity_id', text(e['ContextProcessId']));
  const name = text(e['ContextBaseFileName']);
  setField(d, 'process.name', name);
  if (name !== undefined) setField(d, 'crowdstrike.fdr.image_suffix', `${pathSeparator}${name}`);
}
