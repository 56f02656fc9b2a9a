import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { Secret } from '../../config/secret';
import { IMPORT_FILE_NAME, importSavedObjects, importUrl, KibanaImportError } from './import-saved-objects';

const ROOT = resolve(__dirname, '..', '..', '..');
const NDJSON = readFileSync(join(ROOT, 'src', 'alerts', 'kibana', 'saved-objects.ndjson'), 'utf8');
const KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';

// --- A stand-in for Kibana's import endpoint ---------------------------------------------------------

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  file?: { name: string; type: string; text: string };
}

type Answer = { status: number; body: unknown };

/** Answers like Kibana: 401 without the right key, else what `answer` says for the uploaded objects. */
class FakeKibana {
  readonly seen: Seen[] = [];
  answer: (objects: Array<{ type: string; id: string; attributes: { title?: string } }>) => Answer = (
    objects,
  ) => ({
    status: 200,
    body: {
      success: true,
      successCount: objects.length,
      successResults: objects.map((o) => ({
        type: o.type,
        id: o.id,
        meta: { title: o.attributes.title, icon: 'x' },
      })),
    },
  });
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req, Buffer.concat(chunks)).then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      });
    });
    await new Promise<void>((ok) => this.server?.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  private async handle(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://kibana');
    const seen: Seen = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.seen.push(seen);
    if (req.headers['authorization'] !== `ApiKey ${KEY}`) {
      return {
        status: 401,
        body: {
          statusCode: 401,
          error: 'Unauthorized',
          // A careless proxy echoing the credentials back: the CLI must still not print them.
          message: `[security_exception]: unable to authenticate with provided credentials (${String(req.headers['authorization'])})`,
        },
      };
    }
    const form = await new Response(body, {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    const file = form.get('file');
    if (!(file instanceof Blob))
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'file' } };
    seen.file = { name: (file as File).name, type: file.type, text: await file.text() };
    const objects = seen.file.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { type: string; id: string; attributes: { title?: string } });
    return this.answer(objects);
  }
}

const partialFailure = (
  objects: Array<{ type: string; id: string; attributes: { title?: string } }>,
): Answer => {
  const [bad, ...good] = objects as [(typeof objects)[number], ...typeof objects];
  return {
    status: 200,
    body: {
      success: false,
      successCount: good.length,
      successResults: good.map((o) => ({ type: o.type, id: o.id, meta: { title: o.attributes.title } })),
      errors: [
        {
          type: bad.type,
          id: bad.id,
          title: bad.attributes.title,
          meta: { title: bad.attributes.title, icon: 'indexPatternApp' },
          error: { type: 'missing_references', references: [{ type: 'index-pattern', id: 'gone' }] },
        },
      ],
    },
  };
};

let kibana: FakeKibana;
let base: string;

beforeEach(async () => {
  kibana = new FakeKibana();
  base = await kibana.start();
});

afterEach(async () => {
  await kibana.stop();
});

// --- The client ---------------------------------------------------------------------------------------

describe('importSavedObjects', () => {
  it('sends the documented request: POST, overwrite=true, kbn-xsrf, ApiKey, multipart file tripline.ndjson', async () => {
    const response = await importSavedObjects({ url: base, apiKey: new Secret(KEY), ndjson: NDJSON });
    expect(kibana.seen).toHaveLength(1);
    const [seen] = kibana.seen as [Seen];
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/api/saved_objects/_import');
    expect([...seen.query.entries()]).toEqual([['overwrite', 'true']]);
    expect(seen.headers['kbn-xsrf']).toBe('true');
    expect(seen.headers['authorization']).toBe(`ApiKey ${KEY}`);
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body.toString('utf8')).toMatch(
      /Content-Disposition: form-data; name="file"; filename="tripline\.ndjson"/,
    );
    expect(seen.file).toEqual({ name: IMPORT_FILE_NAME, type: 'application/ndjson', text: NDJSON });
    const lines = NDJSON.trim().split('\n');
    expect(response).toMatchObject({ success: true, successCount: lines.length });
    expect(response.successResults?.map((r) => r.id)).toEqual(
      lines.map((l) => (JSON.parse(l) as { id: string }).id),
    );
  });

  it('imports into a space under /s/<space>/, and into the default space without a prefix', async () => {
    await importSavedObjects({
      url: `${base}/`,
      apiKey: new Secret(KEY),
      space: 'soc-team_1',
      ndjson: NDJSON,
    });
    await importSavedObjects({ url: base, apiKey: new Secret(KEY), space: 'default', ndjson: NDJSON });
    expect(kibana.seen.map((s) => s.path)).toEqual([
      '/s/soc-team_1/api/saved_objects/_import',
      '/api/saved_objects/_import',
    ]);
    for (const seen of kibana.seen) expect(seen.query.get('overwrite')).toBe('true');
  });

  it('keeps a Kibana base path', () => {
    expect(importUrl('https://siem.example.com/kibana/', 'soc').href).toBe(
      'https://siem.example.com/kibana/s/soc/api/saved_objects/_import?overwrite=true',
    );
  });

  it('refuses bad URLs, URLs with credentials and bad space ids before sending anything', () => {
    expect(() => importUrl('kibana:5601')).toThrow(/http/);
    expect(() => importUrl('not a url')).toThrow(KibanaImportError);
    expect(() => importUrl('https://elastic:changeme@kibana:5601')).toThrow(/credentials/);
    expect(() => importUrl('https://kibana:5601', '../admin')).toThrow(/space id/);
    expect(() => importUrl('https://kibana:5601', 'Upper')).toThrow(/space id/);
  });

  it('returns the errors of a partial failure', async () => {
    kibana.answer = partialFailure;
    const response = await importSavedObjects({ url: base, apiKey: new Secret(KEY), ndjson: NDJSON });
    expect(response.success).toBe(false);
    expect(response.errors).toEqual([
      expect.objectContaining({
        id: 'tripline-alerts-data-view',
        error: expect.objectContaining({ type: 'missing_references' }),
      }),
    ]);
  });

  it("throws on 401 with the status and Kibana's words, and without the key in the message", async () => {
    const wrong = new Secret('wrong-key-value');
    const error = (await importSavedObjects({ url: base, apiKey: wrong, ndjson: NDJSON }).catch(
      (e: unknown) => e,
    )) as KibanaImportError;
    expect(error).toBeInstanceOf(KibanaImportError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/HTTP 401 Unauthorized/);
    // The fake echoes the Authorization header; the client keeps Kibana's words but the CLI scrubs them.
    expect(inspect({ url: base, apiKey: new Secret(KEY) })).not.toContain(KEY);
    expect(JSON.stringify({ apiKey: new Secret(KEY) })).not.toContain(KEY);
  });

  it('sends no Authorization header without a key', async () => {
    await importSavedObjects({ url: base, ndjson: NDJSON }).catch(() => undefined);
    expect(kibana.seen[0]?.headers['authorization']).toBeUndefined();
  });

  it('throws when Kibana cannot be reached', async () => {
    await kibana.stop();
    await expect(importSavedObjects({ url: base, apiKey: new Secret(KEY), ndjson: NDJSON })).rejects.toThrow(
      /cannot reach Kibana at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
  });

  it('throws when the answer is not an import result', async () => {
    kibana.answer = () => ({ status: 200, body: { hello: 'world' } });
    await expect(importSavedObjects({ url: base, apiKey: new Secret(KEY), ndjson: NDJSON })).rejects.toThrow(
      /without success\/successCount/,
    );
  });
});

// --- The CLI: tripline setup kibana -------------------------------------------------------------------

const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const BUILT = join(ROOT, 'dist', 'cli', 'commands', 'setup-kibana-command.js');
const SOURCES = [
  'src/cli/commands/setup-kibana-command.ts',
  'src/cli/commands/setup-command.ts',
  'src/adapters/kibana/import-saved-objects.ts',
].map((f) => join(ROOT, f));

/** Builds dist/ (`npx tsc -p tsconfig.build.json`) unless it is newer than the sources under test. */
beforeAll(() => {
  const fresh =
    existsSync(MAIN) &&
    existsSync(BUILT) &&
    SOURCES.every((s) => statSync(s).mtimeMs <= statSync(BUILT).mtimeMs);
  if (fresh) return;
  // Type errors elsewhere in the checkout do not stop tsc from emitting; a missing output does.
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing after \`npx tsc -p tsconfig.build.json\``);
}, 240_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI asynchronously (the fake Kibana lives in this process and must keep answering). */
function tripline(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, KIBANA_API_KEY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

function expectNoKey(run: Run, key = KEY): void {
  expect(run.stdout).not.toContain(key);
  expect(run.stderr).not.toContain(key);
}

describe('tripline setup kibana', () => {
  it('imports every object, prints them as a table and exits 0', async () => {
    const run = await tripline(['setup', 'kibana', '--url', base, '--api-key', KEY]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^TYPE\s+ID\s+TITLE\n/);
    expect(run.stdout).toMatch(/dashboard\s+tripline-dashboard\s+\[tripline\] Alerts overview/);
    expect(run.stdout).toMatch(/index-pattern\s+tripline-alerts-data-view\s+logs-tripline\.alerts-\*/);
    expect(run.stdout).toContain(`${NDJSON.trim().split('\n').length} object(s) imported`);
    expectNoKey(run);
  });

  it('takes the key from KIBANA_API_KEY and the space from --space, and prints JSON with --json', async () => {
    const run = await tripline(['setup', 'kibana', '--url', base, '--space', 'soc', '--json'], {
      KIBANA_API_KEY: KEY,
    });
    expect(run.status).toBe(0);
    expect(kibana.seen[0]?.path).toBe('/s/soc/api/saved_objects/_import');
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true });
    expectNoKey(run);
  });

  it('prints the errors Kibana returned and exits 1 on a partial failure', async () => {
    kibana.answer = partialFailure;
    const run = await tripline(['setup', 'kibana', '--url', base, '--api-key', KEY]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/TYPE\s+ID\s+TITLE\s+ERROR/);
    expect(run.stdout).toMatch(
      /index-pattern\s+tripline-alerts-data-view\s+.*missing references: index-pattern\/gone/,
    );
    expect(run.stdout).toMatch(/object\(s\) imported, 1 failed/);
    expectNoKey(run);
  });

  it('exits 2 on 401 without printing the key, even when Kibana echoes it', async () => {
    const wrong = 'd3Jvbmc6a2V5LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk';
    const run = await tripline(['setup', 'kibana', '--url', base, '--api-key', wrong]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^tripline: cannot import into Kibana: Kibana refused the import: HTTP 401 Unauthorized/,
    );
    expect(run.stderr).toContain('[redacted]');
    expectNoKey(run, wrong);
  });

  it('exits 2 when Kibana cannot be reached', async () => {
    await kibana.stop();
    const run = await tripline(['setup', 'kibana', '--url', base, '--api-key', KEY]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot reach Kibana/);
    expectNoKey(run);
  });

  it('exits 2 without --url', async () => {
    const run = await tripline(['setup', 'kibana', '--api-key', KEY]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--url/);
    expectNoKey(run);
  });
});
