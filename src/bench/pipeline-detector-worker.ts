/**
 * Entry of one detector of the pipeline bench, run as a worker thread or as a child process: one
 * BenchDetector (its own event loop, Kafka clients and compiled rules). The bench drives it with messages:
 *
 *   → { type: 'start', run }   ← { type: 'started' }           subscribed to the run's events topic
 *   → { type: 'stop' }         ← { type: 'stopped', report }   stopped, committed, bus closed
 *   → { type: 'exit' }                                         the detector ends
 *
 * and it announces itself with { type: 'ready', rules } once its rules are compiled and warmed up, or
 * { type: 'failed', error } when something throws. Its setup comes as workerData (thread) or in the
 * environment variable DETECTOR_SETUP_ENV (process).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BenchDetector, type DetectorRun, type DetectorSetup } from './pipeline-detector';

export type ToWorker = { type: 'start'; run: DetectorRun } | { type: 'stop' } | { type: 'exit' };

/** Where a child process finds its DetectorSetup (JSON). */
export const DETECTOR_SETUP_ENV = 'TRIPLINE_BENCH_DETECTOR_SETUP';

interface Channel {
  setup: DetectorSetup;
  post(message: unknown): void;
  onMessage(listener: (message: ToWorker) => void): void;
  close(): void;
}

function channel(): Channel {
  const port = parentPort;
  if (port) {
    return {
      setup: workerData as DetectorSetup,
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', listener),
      close: () => port.close(),
    };
  }
  const send = process.send?.bind(process);
  const setup = process.env[DETECTOR_SETUP_ENV];
  if (!send || setup === undefined)
    throw new Error('pipeline-detector-worker runs in a worker thread or a forked child process');
  return {
    setup: JSON.parse(setup) as DetectorSetup,
    post: (message) => void send(message),
    onMessage: (listener) => process.on('message', listener),
    close: () => process.disconnect(),
  };
}

async function main(): Promise<void> {
  const to = channel();
  const detector = await BenchDetector.load(to.setup);
  to.onMessage((message) => {
    const reply = (work: Promise<unknown>): void => {
      work.then(
        (value) => to.post(value),
        (error: unknown) => to.post({ type: 'failed', error: (error as Error).stack ?? String(error) }),
      );
    };
    if (message.type === 'start') reply(detector.start(message.run).then(() => ({ type: 'started' })));
    else if (message.type === 'stop') reply(detector.stop().then((report) => ({ type: 'stopped', report })));
    else if (message.type === 'exit') to.close();
  });
  to.post({ type: 'ready', rules: detector.rulesReport });
}

main().catch((error: unknown) => {
  const failed = { type: 'failed', error: (error as Error).stack ?? String(error) };
  if (parentPort) parentPort.postMessage(failed);
  else process.send?.(failed);
});
