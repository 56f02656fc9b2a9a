import type { InputRecord } from '../ingest/input-record';
import { fromJsonRecord } from '../ingest/input-record';
import { followFile } from './follow-file';
import { listInputFiles, openInput, STDIN } from './input-paths';
import { readJsonRecords } from './json-record-reader';

export interface FileInputOptions {
  paths: readonly string[];
  follow: boolean;
  maxRecordBytes: number;
  signal: AbortSignal;
}

/**
 * The records of files, folders (recursive, gzip by magic bytes) or standard input. With `follow`, each
 * plain file is read as it grows and folders are watched for new files until the signal aborts.
 */
export async function* readFileInputs(options: FileInputOptions): AsyncGenerator<InputRecord> {
  if (!options.follow) {
    for (const file of await listInputFiles(options.paths)) {
      const source = file === STDIN ? 'stdin' : file;
      for await (const record of readJsonRecords(openInput(file), {
        source,
        maxRecordBytes: options.maxRecordBytes,
      })) {
        yield fromJsonRecord(record);
      }
    }
    return;
  }
  yield* followInputs(options);
}

/** Follow mode: one tail per file, merged; the folder listing is refreshed every few seconds. */
async function* followInputs(options: FileInputOptions): AsyncGenerator<InputRecord> {
  const queue: InputRecord[] = [];
  let wake: (() => void) | undefined;
  const followed = new Set<string>();
  const tail = async (file: string): Promise<void> => {
    for await (const record of readJsonRecords(followFile(file, options.signal), {
      source: file,
      maxRecordBytes: options.maxRecordBytes,
    })) {
      queue.push(fromJsonRecord(record));
      wake?.();
    }
  };
  const refresh = async (): Promise<void> => {
    for (const file of await listInputFiles(options.paths)) {
      if (file === STDIN || followed.has(file)) continue;
      followed.add(file);
      void tail(file);
    }
  };
  await refresh();
  const rescan = setInterval(() => void refresh().catch(() => undefined), 2000);
  options.signal.addEventListener('abort', () => wake?.(), { once: true });
  try {
    while (!options.signal.aborted || queue.length > 0) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500);
      });
    }
  } finally {
    clearInterval(rescan);
  }
}
