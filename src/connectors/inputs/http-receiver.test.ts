import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputRecord } from '../ingest/input-record';
import { startHttpReceiver, type HttpReceiver } from './http-receiver';

const TOKEN = 'push-token-value';
let receiver: HttpReceiver;
const received: InputRecord[][] = [];

beforeAll(async () => {
  receiver = await startHttpReceiver({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    maxBodyBytes: 64 * 1024,
    maxRecordBytes: 16 * 1024,
    ingest: async (records) => void received.push(records),
  });
});
afterAll(() => receiver.close());

function post(
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      receiver.url,
      {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP receiver', () => {
  it('accepts NDJSON with the bearer token and hands the records over before answering', async () => {
    const before = received.length;
    const res = await post('{"a":1}\n{"b":2}\n');
    expect(res).toEqual({ status: 200, body: { accepted: 2, rejected: 0 } });
    expect(received.length).toBe(before + 1);
    expect(received[received.length - 1]?.map((r) => r.ok && r.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses a missing or wrong token without reading records', async () => {
    const before = received.length;
    expect((await post('{"a":1}', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post('{"a":1}', { authorization: '' })).status).toBe(401);
    expect(received.length).toBe(before);
  });

  it('answers 400 with the reason when nothing in the body is JSON, and still dead-letters it', async () => {
    const before = received.length;
    const res = await post('{"truncated": ');
    expect(res.status).toBe(400);
    expect(String((res.body['reasons'] as string[])[0])).toMatch(/^line 1: /);
    expect(received.length).toBe(before + 1);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post(Buffer.alloc(100 * 1024, 'x'));
    expect(res.status).toBe(413);
    expect(String(res.body['error'])).toContain('exceeds the limit');
  });

  it('answers 405 for GET and 415 for other content types', async () => {
    expect((await post('', {}, 'GET')).status).toBe(405);
    expect((await post('<xml/>', { 'content-type': 'application/xml' })).status).toBe(415);
  });
});

describe('HTTP receiver over TLS', () => {
  it('serves HTTPS with the configured certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-tls-'));
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    expect(made.status).toBe(0);
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const tls = await startHttpReceiver({
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      maxBodyBytes: 1024 * 1024,
      maxRecordBytes: 1024 * 1024,
      tls: { cert, key: readFileSync(join(dir, 'key.pem'), 'utf8') },
      ingest: async () => undefined,
    });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          tls.url,
          { method: 'POST', ca: cert, headers: { authorization: `Bearer ${TOKEN}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{"a":1}');
      });
      expect(status).toBe(200);
      // A client that does not trust the certificate is refused by TLS, before any HTTP.
      await expect(
        new Promise((resolve, reject) =>
          httpsRequest(tls.url, { method: 'POST' }, resolve).on('error', reject).end('{}'),
        ),
      ).rejects.toThrow(/self[- ]signed|certificate/);
    } finally {
      await tls.close();
    }
  });
});
