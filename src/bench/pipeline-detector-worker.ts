/**
 * Worker-thread entry of the pipeline bench: one BenchDetector (its own event loop, Kafka clients and
 * compiled rules). The bench thread drives it with messages:
 *
 *   → { type: 'start', run }   ← { type: 'started' }           subscribed to the run's events topic
 *   → { type: 'stop' }         ← { type: 'stopped', report }   stopped, committed, bus closed
 *   → { type: 'exit' }                                         the worker ends
 *
 * and it announces itself with { type: 'ready', rules } once its rules are compiled and warmed up, or
 * { type: 'failed', error } when something throws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BenchDetector, type DetectorRun, type DetectorSetup } from './pipeline-detector';

export type ToWorker = { type: 'start'; run: DetectorRun } | { type: 'stop' } | { type: 'exit' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pipeline-detector-worker runs in a worker thread');
  const detector = await BenchDetector.load(workerData as DetectorSetup);
  port.on('message', (message: ToWorker) => {
    const reply = (work: Promise<unknown>): void => {
      work.then(
        (value) => port.postMessage(value),
        (error: unknown) =>
          port.postMessage({ type: 'failed', error: (error as Error).stack ?? String(error) }),
      );
    };
    if (message.type === 'start') reply(detector.start(message.run).then(() => ({ type: 'started' })));
    else if (message.type === 'stop') reply(detector.stop().then((report) => ({ type: 'stopped', report })));
    else if (message.type === 'exit') port.close();
  });
  port.postMessage({ type: 'ready', rules: detector.rulesReport });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', error: (error as Error).stack ?? String(error) });
});
