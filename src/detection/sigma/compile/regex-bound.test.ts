import { measureCatastrophicRegex } from '../../../bench/regex-bound';

describe('regular expressions cannot stall the engine', () => {
  it('evaluates (a+)+$ on a 100 KB field in bounded time', () => {
    const result = measureCatastrophicRegex(100 * 1024);
    expect(result.matched).toBe(false);
    // A backtracking engine needs longer than the age of the universe here; RE2 needs milliseconds.
    expect(result.millis).toBeLessThan(2000);
  });
});
