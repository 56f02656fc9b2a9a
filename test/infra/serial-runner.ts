import TestRunner from 'jest-runner';

/**
 * Jest's default runner, forced serial (in band, in Jest's main process): the integration tests share one
 * broker and two cores. Jest 29 has no per-project maxWorkers; a runner with `isSerial` is the supported way.
 * Loaded through the project's transform (ScriptTransformer.requireAndTranspileModule).
 */
export default class SerialRunner extends TestRunner {
  override readonly isSerial = true;
}
