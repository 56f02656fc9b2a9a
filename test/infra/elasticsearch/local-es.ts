import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../free-port';
import { stopProcessGroup } from '../process-group';
import { waitForElasticsearch } from './ready';

/**
 * Local single-node Elasticsearch (the integ-test-zip from Maven Central) on the JVM. All the recipe (download,
 * server user, config, JVM flags) lives in start-local-es.sh, which .ci/run also runs before `npm ci`; this
 * file only launches it, waits and stops. The script `exec`s the launcher, so the spawned child leads the
 * process group that also holds the server JVM and the watcher.
 */
export interface LocalElasticsearch {
  env: Record<string, string>;
  /** Process-group leader (the Elasticsearch CLI JVM; the server JVM is its child in the same group). */
  pgid: number;
  runDir: string;
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, 'start-local-es.sh');
/** Zip download (cold cache, ~100 MB) + extraction, before the env file appears. */
const PREPARE_TIMEOUT_MS = 5 * 60_000;
/** JVM start to a yellow cluster: 20-45 s on two busy cores. */
const READY_TIMEOUT_MS = 180_000;

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
}

/** `KEY=value` lines (no quoting), as start-local-es.sh writes them. */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalElasticsearch(
  options: { watchPid?: number } = {},
): Promise<LocalElasticsearch> {
  const runDir = await mkdtemp(join(tmpdir(), 'tripline-es-'));
  const ports = await freePorts(2);
  const child = spawn('bash', [SCRIPT, runDir], {
    detached: true, // own process group: stop() signals both JVMs and the watcher together
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ES_LOCAL_PORTS: ports.join(' '),
      ES_LOCAL_WATCH_PID: String(options.watchPid ?? process.pid),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not spawn ${SCRIPT}`);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Elasticsearch closes its indices on SIGTERM; 15 s before SIGKILL (the data is thrown away anyway).
    await stopProcessGroup(pgid, 15_000);
    await rm(runDir, { recursive: true, force: true });
  };
  const failure = (what: string) =>
    new Error(
      `${what}\n--- start-local-es.sh stderr ---\n${stderr.trimEnd() || '(none)'}` +
        `\n--- ${join(runDir, 'logs', 'console.log')} (tail) ---\n${tail(join(runDir, 'logs', 'console.log'))}`,
    );

  try {
    const envFile = join(runDir, 'env');
    const prepareDeadline = Date.now() + PREPARE_TIMEOUT_MS;
    while (!existsSync(envFile)) {
      if (exited) throw failure(`local Elasticsearch start script ended early (${exited})`);
      if (Date.now() > prepareDeadline) throw failure('local Elasticsearch: no env file after 5 min');
      await sleep(100);
    }
    const env = parseEnvFile(readFileSync(envFile, 'utf8'));
    const url = env.ELASTICSEARCH_URL;
    if (!url) throw failure(`ELASTICSEARCH_URL missing from ${envFile}`);
    await waitForElasticsearch(url, {
      timeoutMs: READY_TIMEOUT_MS,
      abort: () =>
        exited ? failure(`local Elasticsearch exited before it was ready (${exited})`) : undefined,
    });
    return { env, pgid, runDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
