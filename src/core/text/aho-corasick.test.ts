import { AhoCorasick } from './aho-corasick';

/** Deterministic pseudo-random numbers, so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function oracle(patterns: string[], text: string, caseInsensitive: boolean): number[] {
  const haystack = caseInsensitive ? text.toLowerCase() : text;
  return patterns.map((p, i) => (haystack.includes(p) ? i : -1)).filter((i) => i >= 0);
}

function randomString(random: () => number, alphabet: string, min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1));
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

describe('AhoCorasick', () => {
  it('finds overlapping patterns, suffixes of others, at both ends of the text', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'rs'];
    const ac = new AhoCorasick(patterns);
    expect(ac.findAll('ushers')).toEqual([0, 1, 3, 4]);
    expect(ac.findAll('his')).toEqual([2]);
    expect(ac.findAll('')).toEqual([]);
    expect(ac.findAll('xyz')).toEqual([]);
  });

  it('reports duplicate patterns under each index', () => {
    expect(new AhoCorasick(['ab', 'ab', 'b']).findAll('ab')).toEqual([0, 1, 2]);
  });

  it('rejects an empty pattern', () => {
    expect(() => new AhoCorasick(['a', ''])).toThrow(/empty pattern/);
  });

  it('reports a pattern once per stamp and again with a new stamp', () => {
    const ac = new AhoCorasick(['ab']);
    const seen = new Uint32Array(1);
    const out = new Int32Array(1);
    expect(ac.collect('abab', seen, 1, out, 0)).toBe(1);
    expect(ac.collect('ab', seen, 1, out, 0)).toBe(0);
    expect(ac.collect('ab', seen, 2, out, 0)).toBe(1);
  });

  it('folds case when asked: the text is scanned as written', () => {
    const ac = new AhoCorasick(['\\cmd.exe', 'straße', 'σοφία'], { caseInsensitive: true });
    expect(ac.findAll('C:\\WINDOWS\\System32\\CMD.EXE /c')).toEqual([0]);
    expect(ac.findAll('STRAßE')).toEqual([1]);
    expect(ac.findAll('ΣΟΦΊΑ')).toEqual([2]);
    expect(new AhoCorasick(['cmd']).findAll('CMD')).toEqual([]);
  });

  it('agrees with a naive search on random inputs with a small alphabet', () => {
    const random = rng(1);
    for (let round = 0; round < 200; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 20) }, () =>
        randomString(random, 'abcé😀', 1, 5),
      );
      const ac = new AhoCorasick(patterns);
      for (let t = 0; t < 10; t++) {
        const text = randomString(random, 'abcé😀x', 0, 40);
        expect(ac.findAll(text)).toEqual(oracle(patterns, text, false));
      }
    }
  });

  it('agrees with a naive search when only ASCII columns are dense (large alphabets)', () => {
    const random = rng(2);
    const alphabet = 'abcdefABCDEF-\\.éèÉ😀😃λΛ';
    const patterns = Array.from({ length: 300 }, () => randomString(random, alphabet, 1, 6).toLowerCase());
    // A tiny table budget forces the sparse path for every non-ASCII class.
    const sparse = new AhoCorasick(patterns, { caseInsensitive: true, maxTableBytes: 1 });
    const dense = new AhoCorasick(patterns, { caseInsensitive: true });
    for (let t = 0; t < 300; t++) {
      const text = randomString(random, alphabet + 'xyz', 0, 60);
      const expected = oracle(patterns, text, true);
      expect(sparse.findAll(text)).toEqual(expected);
      expect(dense.findAll(text)).toEqual(expected);
    }
  });

  it('agrees with a naive search when it skips (every pattern four characters or longer)', () => {
    const random = rng(4);
    for (let round = 0; round < 200; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        randomString(random, 'abcdAB:', 4, 9).toLowerCase(),
      );
      const ac = new AhoCorasick(patterns, { caseInsensitive: true });
      for (let t = 0; t < 20; t++) {
        // Texts built from pattern pieces, so that matches, near misses and overlaps are frequent.
        let text = '';
        while (text.length < 60)
          text +=
            random() < 0.5
              ? (patterns[Math.floor(random() * patterns.length)] as string).slice(Math.floor(random() * 3))
              : randomString(random, 'abcdABx:', 1, 4);
        expect(ac.findAll(text)).toEqual(oracle(patterns, text, true));
      }
    }
  });

  it('builds 20,000 patterns and still agrees with the naive search', () => {
    const random = rng(3);
    const patterns = Array.from({ length: 20_000 }, () =>
      randomString(random, 'abcdefghijklmnopqrstuvwxyz\\.-_ ', 8, 20),
    );
    const ac = new AhoCorasick(patterns);
    expect(ac.stateCount).toBeGreaterThan(20_000);
    expect(ac.memoryBytes()).toBeLessThan(64 * 1024 * 1024);
    for (let t = 0; t < 20; t++) {
      const text =
        randomString(random, 'abcdefghijklmnopqrstuvwxyz\\.-_ ', 200, 400) + (patterns[t * 97] as string);
      expect(ac.findAll(text)).toEqual(oracle(patterns, text, false));
    }
  });
});
