import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { InputRecord } from '../ingest/input-record';
import { fromJsonRecord } from '../ingest/input-record';
import { readJsonRecords } from './json-record-reader';

export interface HttpReceiverOptions {
  host: string;
  port: number;
  /** The bearer token senders must present (compared in constant time). */
  token: string;
  maxBodyBytes: number;
  maxRecordBytes: number;
  tls?: { cert: string; key: string };
  /**
   * Takes the records of one request. The response is sent after it resolves, so a 2xx means the records
   * are on the bus (or on the dead-letter topic).
   */
  ingest(records: InputRecord[]): Promise<void>;
}

export interface HttpReceiver {
  url: string;
  close(): Promise<void>;
}

const ACCEPTED_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'text/plain',
];

/**
 * An HTTP(S) endpoint for log push: `POST /` (or `/ingest`) with a JSON document, an array, or NDJSON.
 * Requests are authenticated with a bearer token, bounded in size (413 before reading more than the
 * limit), and answered with 400 and the reasons when no record in the body could be read.
 */
export async function startHttpReceiver(options: HttpReceiverOptions): Promise<HttpReceiver> {
  const expected = digest(options.token);
  let requests = 0;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests++;
    void handle(req, res, `request ${requests}`).catch((error: unknown) => {
      reply(res, 500, { error: 'internal error', reason: (error as Error).message });
    });
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    if (req.url !== '/' && req.url !== '/ingest')
      return reply(res, 404, { error: 'not found: POST to / or /ingest' });
    if (req.method !== 'POST') return reply(res, 405, { error: 'method not allowed: use POST' });
    const auth = req.headers.authorization ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!timingSafeEqual(digest(presented), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return reply(res, 401, { error: 'unauthorized: a valid bearer token is required' });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== '' && !ACCEPTED_TYPES.includes(type)) {
      return reply(res, 415, { error: `unsupported content type '${type}': send JSON or NDJSON` });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) {
      req.resume();
      return reply(res, 413, {
        error: `body of ${declared} bytes exceeds the limit of ${options.maxBodyBytes}`,
      });
    }
    const body = await readBody(req, options.maxBodyBytes);
    if (body === undefined) {
      // Stop reading: answer, then drop the connection rather than drain an unbounded body.
      res.setHeader('connection', 'close');
      res.on('finish', () => req.destroy());
      return reply(res, 413, { error: `body exceeds the limit of ${options.maxBodyBytes} bytes` });
    }
    const records: InputRecord[] = [];
    for await (const record of readJsonRecords(once(body), {
      source: `http ${requestId}`,
      maxRecordBytes: options.maxRecordBytes,
    })) {
      records.push(fromJsonRecord(record));
    }
    const bad = records.filter((r): r is Extract<InputRecord, { ok: false }> => !r.ok);
    await options.ingest(records);
    if (records.length === 0) return reply(res, 400, { error: 'the body holds no JSON record' });
    if (bad.length === records.length) {
      return reply(res, 400, {
        error: 'no record could be read',
        reasons: bad.slice(0, 10).map((r) => `${r.position}: ${r.reason}`),
      });
    }
    reply(res, 200, {
      accepted: records.length - bad.length,
      rejected: bad.length,
      ...(bad.length > 0 ? { reasons: bad.slice(0, 10).map((r) => `${r.position}: ${r.reason}`) } : {}),
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function* once(body: Buffer): AsyncGenerator<Buffer> {
  yield body;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The request body, or undefined as soon as it grows past the limit (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
