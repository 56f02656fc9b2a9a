import { OneInFlight } from './one-in-flight';

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('OneInFlight', () => {
  it('lets the first send run on, and makes the second wait until the first is acknowledged', async () => {
    const inFlight = new OneInFlight();
    const first = deferred();
    await inFlight.add(first.promise);
    let secondAdded = false;
    const second = inFlight.add(Promise.resolve()).then(() => (secondAdded = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondAdded).toBe(false);
    first.resolve();
    await second;
    expect(secondAdded).toBe(true);
    await inFlight.drain();
  });

  it('throws a failed send from the next call or from drain, not as an unhandled rejection', async () => {
    const inFlight = new OneInFlight();
    const failing = deferred();
    await inFlight.add(failing.promise);
    failing.reject(new Error('broker said no'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(inFlight.add(Promise.resolve())).rejects.toThrow('broker said no');

    const last = new OneInFlight();
    await last.add(Promise.reject(new Error('last one failed')));
    await expect(last.drain()).rejects.toThrow('last one failed');
  });
});
