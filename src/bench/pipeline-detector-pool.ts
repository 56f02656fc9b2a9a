/**
 * The detector instances of the pipeline bench: N worker threads or N child processes (each a BenchDetector
 * with its own event loop, Kafka clients and compiled rules, all members of the run's consumer group), or,
 * with N = 0, one BenchDetector on the bench's own thread, sharing its event loop with the connector stage.
 * Child processes are how detectors are deployed (`tripline run detector`), and the only way for clients
 * whose native addon cannot be loaded in a worker thread (node-rdkafka).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  BenchDetector,
  type DetectorRun,
  type DetectorRunReport,
  type DetectorSetup,
  type RulesReport,
} from './pipeline-detector';
import { DETECTOR_SETUP_ENV, type ToWorker } from './pipeline-detector-worker';

export type DetectorPlacement = 'thread' | 'process';

export interface DetectorHandle {
  rules: RulesReport;
  start(run: DetectorRun): Promise<void>;
  stop(): Promise<DetectorRunReport>;
  close(): Promise<void>;
}

type FromWorker =
  | { type: 'ready'; rules: RulesReport }
  | { type: 'started' }
  | { type: 'stopped'; report: DetectorRunReport }
  | { type: 'failed'; error: string };

export async function startDetectors(
  count: number,
  placement: DetectorPlacement,
  setup: DetectorSetup,
): Promise<DetectorHandle[]> {
  if (count === 0) {
    const detector = await BenchDetector.load(setup);
    return [
      {
        rules: detector.rulesReport,
        start: (run) => detector.start(run),
        stop: () => detector.stop(),
        close: async () => undefined,
      },
    ];
  }
  const handles = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startWorker(placement === 'thread' ? threadPeer(setup) : processPeer(setup)),
    ),
  );
  const failed = handles.find((h): h is PromiseRejectedResult => h.status === 'rejected');
  if (failed) {
    await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? h.value.close() : undefined)));
    throw failed.reason;
  }
  return handles.map((h) => (h as PromiseFulfilledResult<DetectorHandle>).value);
}

/** The other end of a detector, thread or process, as startWorker drives it. */
interface Peer {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Resolves when the peer has ended, whichever way. */
  exited: Promise<number | null>;
  terminate(): Promise<void>;
}

const WORKER_ENTRY = join(__dirname, 'pipeline-detector-worker.js');

function threadPeer(setup: DetectorSetup): Peer {
  const worker = new Worker(WORKER_ENTRY, { workerData: setup });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on('message', listener),
    onError: (listener) => void worker.on('error', listener),
    exited: new Promise((resolve) => worker.once('exit', resolve)),
    terminate: async () => void (await worker.terminate()),
  };
}

function processPeer(setup: DetectorSetup): Peer {
  const child = fork(WORKER_ENTRY, [], {
    env: { ...process.env, [DETECTOR_SETUP_ENV]: JSON.stringify(setup) },
    // The bench's own node options (heap limit), so a detector holds as much as one in a worker thread.
    execArgv: process.execArgv,
    serialization: 'advanced',
  });
  return {
    post: (message) => void (child.connected && child.send(message)),
    onMessage: (listener) => void child.on('message', (message) => listener(message as FromWorker)),
    onError: (listener) => void child.on('error', listener),
    exited: new Promise((resolve) => child.once('exit', resolve)),
    terminate: async () => void child.kill('SIGKILL'),
  };
}

function startWorker(worker: Peer): Promise<DetectorHandle> {
  let pending:
    { expect: FromWorker['type']; resolve(m: FromWorker): void; reject(e: Error): void } | undefined;
  let dead: Error | undefined;
  const fail = (error: Error): void => {
    dead ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  worker.onError(fail);
  void worker.exited.then((code) => fail(new Error(`detector exited (code ${code})`)));
  worker.onMessage((message) => {
    if (message.type === 'failed') return fail(new Error(`detector worker: ${message.error}`));
    if (pending && message.type === pending.expect) {
      const { resolve } = pending;
      pending = undefined;
      resolve(message);
    }
  });
  const request = (expect: FromWorker['type'], send?: ToWorker): Promise<FromWorker> =>
    new Promise<FromWorker>((resolve, reject) => {
      if (dead) return reject(dead);
      pending = { expect, resolve, reject };
      if (send) worker.post(send);
    });

  return request('ready').then((ready) => ({
    rules: (ready as { rules: RulesReport }).rules,
    start: async (run) => void (await request('started', { type: 'start', run })),
    stop: async () => ((await request('stopped', { type: 'stop' })) as { report: DetectorRunReport }).report,
    close: async () => {
      if (!dead) worker.post({ type: 'exit' });
      await Promise.race([worker.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      await worker.terminate();
    },
  }));
}
