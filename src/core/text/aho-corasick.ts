/**
 * Multi-pattern substring search (Aho-Corasick) compiled to a DFA: one table lookup per input character
 * and no allocation while scanning. Characters that occur in no pattern share class 0.
 *
 * Table entries are row offsets (state × dense classes), negated when the target state ends a pattern,
 * so the scan loop needs no multiplication and touches output lists only on a hit. When a dense table
 * over every class would be too large (rules full of emoji or non-Latin letters), only the classes of
 * ASCII characters are dense; the others follow goto maps and failure links, which costs more per
 * character but only on the rare non-ASCII characters of a log.
 */
export class AhoCorasick {
  readonly patternCount: number;
  readonly stateCount: number;
  /** Length of the shortest pattern: a shorter text cannot hold any. */
  readonly minPatternLength: number;
  private readonly classOf: Uint16Array;
  /** Classes below this index have a column in `delta`; the others are resolved through `sparse`. */
  private readonly denseClasses: number;
  /** Every class has a dense column: no transition goes through `sparse`. */
  private readonly allDense: boolean;
  private readonly delta: Int32Array;
  private readonly sparse: Map<number, number>[];
  private readonly fail: Int32Array;
  /** outputStart[s]..outputStart[s+1] indexes `outputs`: patterns ending at state s, fail chain included. */
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;
  /** Skip scanning (see `collectSkipping`), for small automata whose patterns are all long enough. */
  private readonly skip: SkipTables | undefined;
  private scratch: { seen: Uint32Array; out: Int32Array; stamp: number } | undefined;

  /**
   * With `caseInsensitive`, patterns must be lowercase and every code unit whose lowercase form is one
   * code unit matches like that form: text is scanned as it is, without lowercasing it first.
   */
  constructor(
    patterns: readonly string[],
    options: { caseInsensitive?: boolean; maxTableBytes?: number } = {},
  ) {
    this.patternCount = patterns.length;
    this.minPatternLength = patterns.reduce((min, p) => Math.min(min, p.length), Number.POSITIVE_INFINITY);
    const { classOf, classCount, asciiClasses } = assignClasses(patterns);
    if (options.caseInsensitive) foldCase(classOf);

    const { children, ends } = breadthFirst(...buildTrie(patterns, classOf));
    const stateCount = children.length;
    const maxTableBytes = options.maxTableBytes ?? 32 * 1024 * 1024;
    const dense = stateCount * classCount * 4 <= maxTableBytes ? classCount : asciiClasses;
    const delta = new Int32Array(stateCount * dense);
    const fail = new Int32Array(stateCount);
    const outputsOf: number[][] = ends.map((e) => [...e]);
    // Sparse goto edges: the trie edges of classes without a dense column.
    const sparse: Map<number, number>[] = children.map((edges) => {
      const m = new Map<number, number>();
      for (const [k, next] of edges) if (k >= dense) m.set(k, next);
      return m;
    });
    const sparseStep = (state: number, k: number): number => {
      for (let st = state; ; st = fail[st] as number) {
        const next = (sparse[st] as Map<number, number>).get(k);
        if (next !== undefined) return next;
        if (st === 0) return 0;
      }
    };
    // Breadth-first: a state's failure target is shallower, so its row and outputs are final first.
    const queue: number[] = [];
    for (const [k, next] of children[0] as Map<number, number>) {
      if (k < dense) delta[k] = next;
      queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const f = fail[s] as number;
      (outputsOf[s] as number[]).push(...(outputsOf[f] as number[]));
      const row = s * dense;
      const failRow = f * dense;
      for (let k = 0; k < dense; k++) delta[row + k] = delta[failRow + k] as number;
      for (const [k, next] of children[s] as Map<number, number>) {
        fail[next] = k < dense ? (delta[failRow + k] as number) : sparseStep(f, k);
        if (k < dense) delta[row + k] = next;
        queue.push(next);
      }
    }
    // Re-encode dense targets as row offsets, negative for states with outputs (the root has none).
    for (let i = 0; i < delta.length; i++) {
      const target = delta[i] as number;
      delta[i] = (outputsOf[target] as number[]).length > 0 ? -(target * dense) : target * dense;
    }
    const outputStart = new Int32Array(stateCount + 1);
    let total = 0;
    for (let s = 0; s < stateCount; s++) {
      outputStart[s] = total;
      total += (outputsOf[s] as number[]).length;
    }
    outputStart[stateCount] = total;
    const outputs = new Int32Array(total);
    for (let s = 0; s < stateCount; s++) outputs.set(outputsOf[s] as number[], outputStart[s]);

    this.skip = buildSkipTables(patterns, classOf, classCount, children, ends, dense === classCount);
    this.classOf = classOf;
    this.denseClasses = dense;
    this.allDense = dense === classCount;
    this.delta = delta;
    this.sparse = sparse;
    this.fail = fail;
    this.outputStart = outputStart;
    this.outputs = outputs;
    this.stateCount = stateCount;
  }

  memoryBytes(): number {
    return (
      this.classOf.byteLength +
      this.delta.byteLength +
      this.fail.byteLength +
      this.outputStart.byteLength +
      this.outputs.byteLength
    );
  }

  /**
   * Reports every pattern occurring in `text`: each pattern index p found with seen[p] !== stamp is
   * marked and written to `out` from position `count`. Returns the new count. `seen` (length >=
   * patternCount) belongs to the caller, who changes `stamp` per event so nothing needs clearing.
   */
  collect(text: string, seen: Uint32Array, stamp: number, out: Int32Array, count: number): number {
    if (text.length < this.minPatternLength) return count;
    if (this.skip) return this.collectSkipping(this.skip, text, seen, stamp, out, count);
    if (this.allDense) return this.collectDense(text, seen, stamp, out, count);
    const { classOf, denseClasses, delta, outputStart, outputs } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const k = classOf[text.charCodeAt(i)] as number;
      row = k < denseClasses ? (delta[row + k] as number) : this.sparseRow(row, k);
      if (row < 0) {
        row = -row;
        const state = row / denseClasses;
        const end = outputStart[state + 1] as number;
        for (let o = outputStart[state] as number; o < end; o++) {
          const p = outputs[o] as number;
          if (seen[p] !== stamp) {
            seen[p] = stamp;
            out[count++] = p;
          }
        }
      }
    }
    return count;
  }

  /**
   * The scan loop when every class has a dense column (nearly always): nothing but typed-array reads
   * and no call in the loop, which lets the compiler keep the tables' checks out of it.
   */
  private collectDense(
    text: string,
    seen: Uint32Array,
    stamp: number,
    out: Int32Array,
    count: number,
  ): number {
    const classOf = this.classOf;
    const delta = this.delta;
    const dense = this.denseClasses;
    const outputStart = this.outputStart;
    const outputs = this.outputs;
    const n = text.length;
    let row = 0;
    for (let i = 0; i < n; i++) {
      row = delta[row + (classOf[text.charCodeAt(i)] as number)] as number;
      if (row < 0) {
        row = -row;
        const state = (row / dense) | 0;
        const end = outputStart[state + 1] as number;
        for (let o = outputStart[state] as number; o < end; o++) {
          const p = outputs[o] as number;
          if (seen[p] !== stamp) {
            seen[p] = stamp;
            out[count++] = p;
          }
        }
      }
    }
    return count;
  }

  /**
   * Skip scan for sets of long patterns (Wu-Manber with two-character blocks): the last two characters
   * of a window as long as the shortest pattern tell how far no pattern can start, so most characters
   * are never read. Where one may start, a walk down the trie reports the patterns starting there.
   */
  private collectSkipping(
    skip: SkipTables,
    text: string,
    seen: Uint32Array,
    stamp: number,
    out: Int32Array,
    count: number,
  ): number {
    const { classOf } = this;
    const { shift, trie, classCount, minLength, ownStart, own } = skip;
    const last = text.length - minLength;
    let i = 0;
    while (i <= last) {
      const end = i + minLength - 1;
      const block =
        (classOf[text.charCodeAt(end - 1)] as number) * classCount +
        (classOf[text.charCodeAt(end)] as number);
      const step = shift[block] as number;
      if (step !== 0) {
        i += step;
        continue;
      }
      let state = 0;
      for (let j = i; j < text.length; j++) {
        state = trie[state * classCount + (classOf[text.charCodeAt(j)] as number)] as number;
        if (state === 0) break;
        const end = ownStart[state + 1] as number;
        for (let o = ownStart[state] as number; o < end; o++) {
          const p = own[o] as number;
          if (seen[p] !== stamp) {
            seen[p] = stamp;
            out[count++] = p;
          }
        }
      }
      i++;
    }
    return count;
  }

  /** Whether any pattern occurs in `text`. Not reentrant: it scans with scratch tables of its own. */
  occursIn(text: string): boolean {
    if (text.length < this.minPatternLength) return false;
    const scratch = (this.scratch ??= {
      seen: new Uint32Array(this.patternCount),
      out: new Int32Array(this.patternCount),
      stamp: 0,
    });
    if (scratch.stamp === 0xffffffff) {
      scratch.seen.fill(0);
      scratch.stamp = 0;
    }
    return this.collect(text, scratch.seen, ++scratch.stamp, scratch.out, 0) > 0;
  }

  /** Indices of all patterns present in `text`, sorted (for tools and tests). */
  findAll(text: string): number[] {
    const out = new Int32Array(this.patternCount);
    const count = this.collect(text, new Uint32Array(this.patternCount), 1, out, 0);
    return Array.from(out.subarray(0, count)).sort((a, b) => a - b);
  }

  /** The transition on a class without a dense column, encoded like a dense entry. */
  private sparseRow(row: number, k: number): number {
    let state = row / this.denseClasses;
    for (;;) {
      const next = (this.sparse[state] as Map<number, number>).get(k);
      if (next !== undefined) {
        const hasOutput = (this.outputStart[next + 1] as number) > (this.outputStart[next] as number);
        return hasOutput ? -(next * this.denseClasses) : next * this.denseClasses;
      }
      if (state === 0) return 0;
      state = this.fail[state] as number;
    }
  }
}

/** The trie of the patterns: edges per state (class → state) and the patterns ending at each state. */
function buildTrie(
  patterns: readonly string[],
  classOf: Uint16Array,
): [children: Map<number, number>[], ends: number[][]] {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  patterns.forEach((p, index) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const k = classOf[p.charCodeAt(i)] as number;
      let next = (children[s] as Map<number, number>).get(k);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        (children[s] as Map<number, number>).set(k, next);
      }
      s = next;
    }
    (ends[s] as number[]).push(index);
  });
  return [children, ends];
}

/**
 * The same trie with its states numbered breadth first: the shallow states, where a scan spends most
 * of its steps, get neighbouring rows of the transition table (fewer cache misses on large automata).
 */
function breadthFirst(
  children: Map<number, number>[],
  ends: number[][],
): { children: Map<number, number>[]; ends: number[][] } {
  const order = [0];
  for (let head = 0; head < order.length; head++) {
    for (const next of (children[order[head] as number] as Map<number, number>).values()) order.push(next);
  }
  const rank = new Int32Array(order.length);
  order.forEach((state, i) => (rank[state] = i));
  return {
    children: order.map((state) => {
      const edges = new Map<number, number>();
      for (const [k, next] of children[state] as Map<number, number>) edges.set(k, rank[next] as number);
      return edges;
    }),
    ends: order.map((state) => ends[state] as number[]),
  };
}

interface SkipTables {
  minLength: number;
  classCount: number;
  /** Per pair of classes: how far the window may move when that pair ends it (0: a pattern may start here). */
  shift: Uint8Array;
  /** Trie edges only (no failure transitions); 0 means no edge, as the root is never a child. */
  trie: Int32Array;
  /** ownStart[s]..ownStart[s+1] indexes `own`: patterns ending exactly at state s. */
  ownStart: Int32Array;
  own: Int32Array;
}

/** Skipping pays off when every pattern is long and the tables stay small enough for the cache. */
const SKIP_MIN_LENGTH = 4;
const SKIP_MAX_TABLE_BYTES = 1024 * 1024;

function buildSkipTables(
  patterns: readonly string[],
  classOf: Uint16Array,
  classCount: number,
  children: Map<number, number>[],
  ends: number[][],
  allDense: boolean,
): SkipTables | undefined {
  const minLength = Math.min(...patterns.map((p) => p.length));
  if (!allDense || minLength < SKIP_MIN_LENGTH || minLength > 255) return undefined;
  if (children.length * classCount * 4 > SKIP_MAX_TABLE_BYTES || classCount > 1024) return undefined;
  // A pair found nowhere in the first minLength characters of any pattern moves the window by
  // minLength - 1 (its second character may still start a pattern); a pair ending at j allows m-1-j.
  const shift = new Uint8Array(classCount * classCount).fill(minLength - 1);
  for (const p of patterns) {
    for (let j = 1; j < minLength; j++) {
      const block =
        (classOf[p.charCodeAt(j - 1)] as number) * classCount + (classOf[p.charCodeAt(j)] as number);
      shift[block] = Math.min(shift[block] as number, minLength - 1 - j);
    }
  }
  const trie = new Int32Array(children.length * classCount);
  children.forEach((edges, state) => {
    for (const [k, next] of edges) trie[state * classCount + k] = next;
  });
  const ownStart = new Int32Array(children.length + 1);
  let total = 0;
  ends.forEach((list, state) => {
    ownStart[state] = total;
    total += list.length;
  });
  ownStart[children.length] = total;
  const own = new Int32Array(total);
  ends.forEach((list, state) => own.set(list, ownStart[state]));
  return { minLength, classCount, shift, trie, ownStart, own };
}

/** Numbers the code units used by the patterns, ASCII first so that they get the dense columns. */
function assignClasses(patterns: readonly string[]): {
  classOf: Uint16Array;
  classCount: number;
  asciiClasses: number;
} {
  const used = new Set<number>();
  for (const p of patterns) {
    if (p.length === 0) throw new Error('AhoCorasick: empty pattern');
    for (let i = 0; i < p.length; i++) used.add(p.charCodeAt(i));
  }
  if (used.size >= 65535) throw new Error('AhoCorasick: too many distinct characters');
  const ordered = [...used].sort((a, b) => a - b);
  const classOf = new Uint16Array(65536);
  ordered.forEach((unit, i) => (classOf[unit] = i + 1));
  const asciiClasses = 1 + ordered.filter((u) => u < 128).length;
  return { classOf, classCount: ordered.length + 1, asciiClasses };
}

/**
 * Gives each code unit the class of its (single code unit) lowercase form, when that form has one, and
 * final sigma the class of σ (callers write σ for both in their patterns).
 */
function foldCase(classOf: Uint16Array): void {
  const sigma = classOf['σ'.charCodeAt(0)] as number;
  if (sigma !== 0) classOf['ς'.charCodeAt(0)] = sigma;
  for (let unit = 0; unit < 65536; unit++) {
    if (classOf[unit] !== 0 || (unit >= 0xd800 && unit <= 0xdfff)) continue;
    const lower = String.fromCharCode(unit).toLowerCase();
    if (lower.length === 1) {
      const k = classOf[lower.charCodeAt(0)] as number;
      if (k !== 0) classOf[unit] = k;
    }
  }
}
