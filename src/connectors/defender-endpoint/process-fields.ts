import type { JsonObject } from '../connector-type';
import { numberField, setField, stringField } from '../shared/document-paths';
import { toIsoTimestamp } from '../shared/timestamps';

/**
 * Process fields of a hunting row. Columns come in families: `FileName`/`FolderPath`/`ProcessCommandLine`
 * (the created process), `InitiatingProcess*` (the process that acted) and `InitiatingProcessParent*`
 * (its parent). As in Elastic's m365_defender integration, a DeviceProcessEvents row puts the created
 * process in `process.*` and the initiating one in `process.parent.*`; other tables put the initiating
 * process in `process.*` and its parent in `process.parent.*`.
 */
export function setProcessFields(d: JsonObject, row: JsonObject, isProcessTable: boolean): void {
  if (isProcessTable) {
    setProcess(d, 'process', row, {
      name: 'FileName',
      folder: 'FolderPath',
      commandLine: 'ProcessCommandLine',
      pid: 'ProcessId',
      start: 'ProcessCreationTime',
      hash: '',
      versionInfo: 'ProcessVersionInfo',
    });
    setProcess(d, 'process.parent', row, INITIATING);
  } else {
    setProcess(d, 'process', row, INITIATING);
    setProcess(d, 'process.parent', row, {
      name: 'InitiatingProcessParentFileName',
      pid: 'InitiatingProcessParentId',
      start: 'InitiatingProcessParentCreationTime',
    });
  }
}

interface Columns {
  name: string;
  folder?: string;
  commandLine?: string;
  pid: string;
  start: string;
  /** Prefix of the MD5/SHA1/SHA256 columns. */
  hash?: string;
  /** Prefix of the *VersionInfoOriginalFileName... columns. */
  versionInfo?: string;
}

const INITIATING: Columns = {
  name: 'InitiatingProcessFileName',
  folder: 'InitiatingProcessFolderPath',
  commandLine: 'InitiatingProcessCommandLine',
  pid: 'InitiatingProcessId',
  start: 'InitiatingProcessCreationTime',
  hash: 'InitiatingProcess',
  versionInfo: 'InitiatingProcessVersionInfo',
};

function setProcess(d: JsonObject, at: string, row: JsonObject, c: Columns): void {
  const name = stringField(row, c.name);
  setField(d, `${at}.name`, name);
  if (c.folder) setField(d, `${at}.executable`, fullPath(stringField(row, c.folder), name));
  if (c.commandLine) setField(d, `${at}.command_line`, stringField(row, c.commandLine));
  const pid = numberField(row, c.pid);
  if (pid) setField(d, `${at}.pid`, pid);
  setField(d, `${at}.start`, toIsoTimestamp(row[c.start]));
  if (c.hash !== undefined) {
    for (const algorithm of ['MD5', 'SHA1', 'SHA256']) {
      setField(
        d,
        `${at}.hash.${algorithm.toLowerCase()}`,
        stringField(row, `${c.hash}${algorithm}`)?.toLowerCase(),
      );
    }
  }
  if (c.versionInfo) {
    setField(d, `${at}.pe.original_file_name`, stringField(row, `${c.versionInfo}OriginalFileName`));
    setField(d, `${at}.pe.company`, stringField(row, `${c.versionInfo}CompanyName`));
    setField(d, `${at}.pe.product`, stringField(row, `${c.versionInfo}ProductName`));
    setField(d, `${at}.pe.description`, stringField(row, `${c.versionInfo}FileDescription`));
    setField(d, `${at}.pe.file_version`, stringField(row, `${c.versionInfo}ProductVersion`));
  }
}

/**
 * The image path. Defender's FolderPath columns hold the full path of the file in practice
 * (`C:\Windows\System32\cmd.exe`, `/usr/bin/curl`); a folder without the file name gets it appended.
 */
export function fullPath(folder: string | undefined, name: string | undefined): string | undefined {
  if (folder === undefined || name === undefined) return folder;
  if (folder.toLowerCase().endsWith(name.toLowerCase())) return folder;
  const separator = folder.startsWith('/') ? '/' : '\\';
  return folder.endsWith(separator) ? folder + name : `${folder}${separator}${name}`;
}
