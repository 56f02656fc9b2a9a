import { watch, type FSWatcher } from 'node:fs';
import { SourceRuleSets, type SourceProfile } from '../../detection/engine/source-rule-sets';

export interface RuleSetHolderOptions {
  rulePaths: readonly string[];
  placeholderPaths: readonly string[];
  sources: readonly SourceProfile[];
  baseDir: string;
  onReload(report: { ok: boolean; message: string }): void;
}

/**
 * Holds the detector's current rules and swaps them atomically on reload (file change or SIGHUP). A
 * reload that fails to read, or that loads fewer rules than the set running (a rule broke), is refused:
 * the old rules keep running and the report says why.
 */
export class RuleSetHolder {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;

  private constructor(
    private current: SourceRuleSets,
    private readonly options: RuleSetHolderOptions,
  ) {}

  static async load(options: RuleSetHolderOptions): Promise<RuleSetHolder> {
    return new RuleSetHolder(await SourceRuleSets.load(options), options);
  }

  get rules(): SourceRuleSets {
    return this.current;
  }

  /** Reloads now. Resolves when the new set is running or was refused. */
  async reload(): Promise<void> {
    if (this.reloading) return this.reloading;
    this.reloading = this.tryReload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /** Reloads when a file under the rule paths changes (debounced) and on SIGHUP. */
  watch(): void {
    const schedule = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), 300);
    };
    for (const path of [...this.options.rulePaths, ...this.options.placeholderPaths]) {
      try {
        this.watchers.push(watch(path, { recursive: true }, schedule));
      } catch {
        this.watchers.push(watch(path, schedule));
      }
    }
    process.on('SIGHUP', schedule);
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    process.removeAllListeners('SIGHUP');
  }

  private async tryReload(): Promise<void> {
    let next: SourceRuleSets;
    try {
      next = await SourceRuleSets.load(this.options);
    } catch (error) {
      this.options.onReload({ ok: false, message: `rules not reloaded: ${(error as Error).message}` });
      return;
    }
    const broken = next.summary.failed.filter(
      (f) => !this.current.summary.failed.some((old) => old.file === f.file && old.id === f.id),
    );
    const fileErrors = next.summary.diagnostics.filter(
      (d) => d.severity === 'error' && (d.code.startsWith('yaml.') || d.code.startsWith('file.')),
    );
    if (broken.length > 0 || fileErrors.length > 0) {
      const first = broken[0]?.diagnostics[0] ?? fileErrors[0];
      const where = first?.location
        ? `${first.location.file}:${first.location.line}`
        : (broken[0]?.file ?? '');
      this.options.onReload({
        ok: false,
        message: `rules not reloaded, the running set stays: ${where}: ${first?.message ?? 'a rule failed to load'}`,
      });
      return;
    }
    this.current = next;
    this.options.onReload({ ok: true, message: `rules reloaded: ${next.summary.rules} rules` });
  }
}
