import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../free-port';
import { stopProcessGroup } from '../process-group';
import { waitForKafka } from './ready';

/**
 * Local single-node Kafka on the JVM. All the recipe (jar download, config, TLS, format, JVM flags) lives in
 * start-local-broker.sh, which .ci/run also runs before `npm ci`; this file only launches it, waits and stops.
 * The script `exec`s the JVM, so the spawned child is the broker itself and its pid leads its process group.
 */
export interface LocalKafka {
  env: Record<string, string>;
  /** Process-group leader (the JVM). */
  pgid: number;
  runDir: string;
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, 'start-local-broker.sh');
/** Jar download (cold cache) + keytool + format, before the env file appears. */
const PREPARE_TIMEOUT_MS = 5 * 60_000;
const READY_TIMEOUT_MS = 120_000;

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
}

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalKafka(options: { watchPid?: number } = {}): Promise<LocalKafka> {
  const runDir = await mkdtemp(join(tmpdir(), 'tripline-kafka-'));
  const ports = await freePorts(4);
  const child = spawn('bash', [SCRIPT, runDir], {
    detached: true, // own process group: stop() signals the JVM and the watcher together
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      KAFKA_LOCAL_PORTS: ports.join(' '),
      KAFKA_LOCAL_WATCH_PID: String(options.watchPid ?? process.pid),
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
    await stopProcessGroup(pgid);
    await rm(runDir, { recursive: true, force: true });
  };
  const failure = (what: string) =>
    new Error(
      `${what}\n--- start-local-broker.sh stderr ---\n${stderr.trimEnd() || '(none)'}` +
        `\n--- ${join(runDir, 'logs', 'server.log')} (tail) ---\n${tail(join(runDir, 'logs', 'server.log'))}`,
    );

  try {
    const envFile = join(runDir, 'env');
    const prepareDeadline = Date.now() + PREPARE_TIMEOUT_MS;
    while (!existsSync(envFile)) {
      if (exited) throw failure(`local Kafka start script ended early (${exited})`);
      if (Date.now() > prepareDeadline) throw failure('local Kafka: no env file after 5 min');
      await sleep(100);
    }
    const env = parseEnvFile(readFileSync(envFile, 'utf8'));
    const brokers = env.KAFKA_BROKERS;
    if (!brokers) throw failure(`KAFKA_BROKERS missing from ${envFile}`);
    await waitForKafka(brokers, {
      timeoutMs: READY_TIMEOUT_MS,
      abort: () =>
        exited ? failure(`local Kafka broker exited before it was ready (${exited})`) : undefined,
    });
    return { env, pgid, runDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
