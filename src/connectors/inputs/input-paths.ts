import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/errors';

/** Files a folder walk picks up; files named explicitly are read whatever their name. */
const INPUT_FILE = /\.(json|jsonl|ndjson|jsoncls|log|txt)(\.gz)?$/i;

const READ_CHUNK_BYTES = 1024 * 1024;

/** `-` names standard input. */
export const STDIN = '-';

/**
 * Expands input paths: files as given, folders walked recursively in sorted order (dotfiles and files
 * not named like JSON or logs skipped), `-` kept for standard input.
 */
export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const seenFolders = new Set<string>();
  for (const path of paths) {
    if (path === STDIN) {
      files.push(path);
      continue;
    }
    const info = await stat(path).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new InputError('input.not_found', `input ${path} does not exist`, { cause: error });
      }
      throw new InputError('input.unreadable', `input ${path} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    });
    if (info.isDirectory()) await walk(path, files, seenFolders);
    else files.push(path);
  }
  return files;
}

async function walk(folder: string, files: string[], seenFolders: Set<string>): Promise<void> {
  // Symbolic links are followed, but each real folder is walked once: a link back up would loop forever.
  const real = await realpath(folder);
  if (seenFolders.has(real)) return;
  seenFolders.add(real);
  for (const name of (await readdir(folder)).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined); // a dangling link is not an input
    if (info?.isDirectory()) await walk(path, files, seenFolders);
    else if (info?.isFile() && INPUT_FILE.test(name)) files.push(path);
  }
}

/**
 * Opens an input (a file, or `-` for standard input) as a stream of bytes. Gzip is recognised by its
 * magic bytes, whatever the file is called, and decompressed as it streams. Failures surface while
 * reading, as InputError `input.not_found` or `input.unreadable` (also for corrupt gzip).
 */
export function openInput(path: string): AsyncIterable<Buffer> {
  return readInput(path);
}

async function* readInput(path: string): AsyncGenerator<Buffer> {
  // Large reads: the per-chunk cost of a stream is a good part of the time for fast inputs like NDJSON.
  const raw: Readable =
    path === STDIN ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    yield* gunzipIfCompressed(raw);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const name = path === STDIN ? 'standard input' : path;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError('input.not_found', `input ${name} does not exist`, { cause: error });
    }
    throw new InputError('input.unreadable', `cannot read ${name}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function* gunzipIfCompressed(raw: Readable): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  const rest = continueWith(head, chunks);
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* rest;
    return;
  }
  // pipeline destroys every stage when one fails or when the reader stops early, so the file is closed.
  const gunzip = pipeline(Readable.from(rest, { objectMode: false }), createGunzip(), () => {});
  yield* gunzip as AsyncIterable<Buffer>;
}

/** The bytes already read, then the rest of the stream; stopping early closes the stream. */
async function* continueWith(head: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } finally {
    await chunks.return?.();
  }
}
