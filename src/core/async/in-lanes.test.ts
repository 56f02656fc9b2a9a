import { inLanes } from './in-lanes';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('inLanes', () => {
  it('keeps at most `lanes` items in progress and does every item', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(item % 3);
      inFlight--;
      done.push(item);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing after a failure, lets the items in progress finish, then throws the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = inLanes([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('first');
      await tick(5);
      finished.push(item);
      if (item === 2) throw new Error('second');
    });
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });

  it('does nothing for no items', async () => {
    const work = jest.fn(async () => undefined);
    await inLanes([], 4, work);
    expect(work).not.toHaveBeenCalled();
  });
});
