/**
 * The Kafka broker of the pipeline bench: KAFKA_BROKERS from the environment when set, otherwise a local
 * single-node broker started with test/infra/kafka/start-local-broker.sh (the recipe the tests use) and
 * stopped at the end. The script `exec`s the JVM as leader of its own process group, so stopping signals
 * that group; with KAFKA_LOCAL_WATCH_PID the broker also goes away should the bench die first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

export interface BenchBroker {
  brokers: string[];
  /** 'environment' (KAFKA_BROKERS) or the run folder of the broker started here. */
  origin: string;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchBroker(packageRoot: string, log: (line: string) => void): Promise<BenchBroker> {
  const fromEnv = process.env['KAFKA_BROKERS'];
  if (fromEnv) {
    return {
      brokers: fromEnv.split(','),
      origin: 'environment (KAFKA_BROKERS)',
      stop: async () => undefined,
    };
  }
  const script = join(packageRoot, 'test', 'infra', 'kafka', 'start-local-broker.sh');
  if (!existsSync(script)) throw new Error(`KAFKA_BROKERS is not set and ${script} is missing`);
  const runDir = mkdtempSync(join(tmpdir(), 'tripline-bench-kafka-'));
  log(`starting a local Kafka broker in ${runDir} (KAFKA_BROKERS is not set)`);
  const child = spawn('bash', [script, runDir], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KAFKA_LOCAL_WATCH_PID: String(process.pid) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${script}`);

  const stop = async (): Promise<void> => {
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-pgid, name);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) signal('SIGKILL');
    rmSync(runDir, { recursive: true, force: true });
  };

  try {
    const envFile = join(runDir, 'env');
    const deadline = Date.now() + 5 * 60_000;
    while (!existsSync(envFile)) {
      if (exited) throw new Error(`start-local-broker.sh ended early:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${envFile} after 5 minutes:\n${stderr}`);
      await sleep(200);
    }
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const brokers = String(env['KAFKA_BROKERS']).split(',');
    await waitForBroker(brokers, () => exited);
    return { brokers, origin: `started here (${runDir})`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForBroker(brokers: string[], exited: () => boolean): Promise<void> {
  const kafka = new Kafka({
    clientId: 'tripline-bench-ready',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch (error) {
      if (exited()) throw new Error('the broker exited while starting');
      if (Date.now() > deadline)
        throw new Error(`the broker is not ready after 120 s: ${(error as Error).message}`);
      await sleep(500);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
