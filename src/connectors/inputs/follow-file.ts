import { open, stat } from 'node:fs/promises';

const POLL_MS = 250;
const READ_BYTES = 1024 * 1024;

/**
 * Reads a file from the start and then keeps reading what is appended to it, like `tail -f`, until the
 * signal aborts. A file that shrinks (truncated or rotated in place) is read again from the start.
 */
export async function* followFile(path: string, signal: AbortSignal): AsyncGenerator<Buffer> {
  let position = 0;
  const buffer = Buffer.alloc(READ_BYTES);
  while (!signal.aborted) {
    const size = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (size >= 0 && size < position) position = 0;
    if (size > position) {
      const handle = await open(path, 'r');
      try {
        while (position < size) {
          const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_BYTES, size - position), position);
          if (bytesRead === 0) break;
          position += bytesRead;
          yield Buffer.from(buffer.subarray(0, bytesRead));
        }
      } finally {
        await handle.close();
      }
      continue;
    }
    await sleep(POLL_MS, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
