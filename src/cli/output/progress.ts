/** A single self-rewriting status line for long CLI operations. */

export type ProgressStream =
  NodeJS.WriteStream | { isTTY?: boolean; columns?: number; write(s: string): boolean };

export interface ProgressLineOptions {
  /** Minimum time between two redraws; updates arriving sooner are dropped. Default 200. */
  minIntervalMs?: number;
  /** Clock in milliseconds, injectable for tests. Default `Date.now`. */
  now?: () => number;
}

const CLEAR_TO_END = '\x1b[K';

/**
 * On a TTY, `update` redraws one line in place (`\r` + text + clear-to-end), at most once per
 * `minIntervalMs`. On anything else (pipes, files, CI logs) updates print nothing, so logs stay clean;
 * only the final text of `done` is written.
 */
export class ProgressLine {
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private lastDrawAt: number | undefined;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    opts: ProgressLineOptions = {},
  ) {
    this.minIntervalMs = opts.minIntervalMs ?? 200;
    this.now = opts.now ?? Date.now;
  }

  update(text: string): void {
    if (!this.stream.isTTY) return;
    const now = this.now();
    if (this.lastDrawAt !== undefined && now - this.lastDrawAt < this.minIntervalMs) return;
    this.lastDrawAt = now;
    this.drawn = true;
    this.stream.write(`\r${this.fitLine(text)}${CLEAR_TO_END}`);
  }

  /** Clears the status line (TTY only), then prints `finalText` and a newline if given. */
  done(finalText?: string): void {
    if (this.stream.isTTY && this.drawn) this.stream.write(`\r${CLEAR_TO_END}`);
    this.drawn = false;
    this.lastDrawAt = undefined;
    if (finalText !== undefined) this.stream.write(`${finalText}\n`);
  }

  /**
   * A line break or a line wider than the terminal would leave `\r` rewriting only the last visual
   * line, so flatten and cut the text to fit.
   */
  private fitLine(text: string): string {
    const flat = text.replace(/\r\n|[\r\n]/g, ' ');
    const columns = this.stream.columns;
    if (columns === undefined || columns < 2) return flat;
    const chars = Array.from(flat);
    return chars.length < columns ? flat : chars.slice(0, columns - 1).join('');
  }
}
