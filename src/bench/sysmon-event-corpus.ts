import { listInputFiles, openInput } from '../connectors/inputs/input-paths';
import { readJsonRecords } from '../connectors/inputs/json-record-reader';

/**
 * Builds a benchmark event stream from the regression true positives: each source event is copied with
 * varied values (process ids, GUIDs, users, hosts, times, command-line arguments and, for most copies,
 * a different executable), so that most copies are ordinary noise and only some still match a rule.
 */
/** Every event of the regression data, read with the same reader `tripline hunt` uses. */
export async function loadRegressionEvents(regressionDir: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const files = (await listInputFiles([regressionDir])).filter((f) => /\.json(cls)?$/.test(f));
  for (const file of files) {
    for await (const record of readJsonRecords(openInput(file), {
      source: file,
      maxRecordBytes: 16 * 1024 * 1024,
    })) {
      if (!record.ok) throw new Error(`${file}:${record.line}: ${record.reason}`);
      out.push(record.value as Record<string, unknown>);
    }
  }
  return out;
}

const BENIGN_IMAGES = [
  'C:\\Windows\\System32\\svchost.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Windows\\explorer.exe',
  'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
  'C:\\Windows\\System32\\conhost.exe',
  'C:\\Program Files\\Python312\\python.exe',
  'C:\\Windows\\System32\\taskhostw.exe',
  'C:\\Users\\dev\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe',
];
const USERS = ['CORP\\alice', 'CORP\\bob', 'CORP\\svc_backup', 'NT AUTHORITY\\SYSTEM', 'CORP\\mlops'];
const ARGS = [
  '--type=renderer',
  '-k netsvcs -p',
  '/background',
  '--log-level=info',
  'C:\\Users\\Public\\report.docx',
  '-Embedding',
];

/** A deterministic generator so every run benchmarks the same stream. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function varyEvents(
  sources: readonly Record<string, unknown>[],
  count: number,
  seed = 42,
): Record<string, unknown>[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length] as {
      Event: { System: Record<string, unknown>; EventData?: Record<string, unknown> };
    };
    const copy = structuredClone(source);
    const system = copy.Event.System;
    system['EventRecordID'] = 1_000_000 + i;
    system['Computer'] = `host-${Math.floor(random() * 5000)}.corp.example`;
    const data = copy.Event.EventData;
    if (data && typeof data === 'object') {
      if ('ProcessId' in data) data['ProcessId'] = Math.floor(random() * 60000);
      if ('ProcessGuid' in data)
        data['ProcessGuid'] = `{${hex(random, 8)}-0c90-68fc-bf1d-${hex(random, 12)}}`;
      if ('User' in data) data['User'] = pick(USERS);
      if ('UtcTime' in data)
        data['UtcTime'] =
          `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 12:${String(i % 60).padStart(2, '0')}:00.000`;
      // Three copies in four become ordinary activity: other executables (process and parent), other arguments.
      if (i % 4 !== 0) {
        if (typeof data['Image'] === 'string') data['Image'] = pick(BENIGN_IMAGES);
        if (typeof data['CommandLine'] === 'string')
          data['CommandLine'] =
            `"${String(data['Image'] ?? pick(BENIGN_IMAGES))}" ${pick(ARGS)} ${hex(random, 6)}`;
        if (typeof data['ParentImage'] === 'string') data['ParentImage'] = pick(BENIGN_IMAGES);
        if (typeof data['ParentCommandLine'] === 'string')
          data['ParentCommandLine'] = `"${String(data['ParentImage'])}" ${pick(ARGS)}`;
        if (typeof data['OriginalFileName'] === 'string')
          data['OriginalFileName'] = String(data['Image']).split('\\').pop();
        if (typeof data['TargetFilename'] === 'string')
          data['TargetFilename'] = `C:\\Users\\alice\\Documents\\file-${hex(random, 6)}.docx`;
        if (typeof data['TargetObject'] === 'string')
          data['TargetObject'] = `HKU\\S-1-5-21\\Software\\Vendor\\App\\${hex(random, 4)}`;
      } else if (typeof data['CommandLine'] === 'string') {
        data['CommandLine'] = `${data['CommandLine']} ${pick(ARGS)}`;
      }
    }
    out.push(copy);
  }
  return out;
}

function hex(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}
