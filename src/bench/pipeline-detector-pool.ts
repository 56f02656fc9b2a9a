/**
 * The detector instances of the pipeline bench: N worker threads (each a BenchDetector with its own event
 * loop, Kafka clients and compiled rules, all members of the run's consumer group), or, with N = 0, one
 * BenchDetector on the bench's own thread, sharing its event loop with the connector stage.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  BenchDetector,
  type DetectorRun,
  type DetectorRunReport,
  type DetectorSetup,
  type RulesReport,
} from './pipeline-detector';
import type { ToWorker } from './pipeline-detector-worker';

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

export async function startDetectors(count: number, setup: DetectorSetup): Promise<DetectorHandle[]> {
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
  const handles = await Promise.allSettled(Array.from({ length: count }, () => startWorker(setup)));
  const failed = handles.find((h): h is PromiseRejectedResult => h.status === 'rejected');
  if (failed) {
    await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? h.value.close() : undefined)));
    throw failed.reason;
  }
  return handles.map((h) => (h as PromiseFulfilledResult<DetectorHandle>).value);
}

function startWorker(setup: DetectorSetup): Promise<DetectorHandle> {
  const worker = new Worker(join(__dirname, 'pipeline-detector-worker.js'), { workerData: setup });
  let pending:
    { expect: FromWorker['type']; resolve(m: FromWorker): void; reject(e: Error): void } | undefined;
  let dead: Error | undefined;
  const fail = (error: Error): void => {
    dead ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`detector worker exited (code ${code})`)));
  worker.on('message', (message: FromWorker) => {
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
      if (send) worker.postMessage(send);
    });

  return request('ready').then((ready) => ({
    rules: (ready as { rules: RulesReport }).rules,
    start: async (run) => void (await request('started', { type: 'start', run })),
    stop: async () => ((await request('stopped', { type: 'stop' })) as { report: DetectorRunReport }).report,
    close: async () => {
      if (!dead) worker.postMessage({ type: 'exit' } satisfies ToWorker);
      await Promise.race([
        new Promise((resolve) => worker.once('exit', resolve)),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ]);
      await worker.terminate();
    },
  }));
}
