/**
 * `npm run bench:engine`: throughput, latency, memory and compile time of the Sigma engine with every
 * rule of the SigmaHQ `rules` folder loaded, over Sysmon events built from the regression data.
 *
 * Options: --sigma-dir <path> (default ../shared/sigma beside the project), --events <n> (default 200000),
 * --json (one JSON object instead of the table).
 *
 * For instruction counting, TRIPLINE_BENCH_SYNC_DIR=<dir> makes each measured run wait, before it starts
 * and after it ends, until a driver (e.g. one that runs `callgrind_control -i on|-d`) answers: the run
 * writes `<dir>/<label>` and waits for `<dir>/<label>.go`. Nothing of that happens inside the timed loop.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeEvtxJson } from '../connectors/windows-evtx-json/normalize';
import type { DetectionEvent } from '../core/event';
import { RuleIndex } from '../detection/engine/rule-index';
import { loadRuleSet } from '../detection/loading/load-rule-set';
import { packageRoot } from '../cli/package-root';
import { renderTable } from '../cli/output/table';
import { formatMiB, formatMicros, MemoryPeak, percentile } from './bench-stats';
import { measureCatastrophicRegex } from './regex-bound';
import { loadRegressionEvents, varyEvents } from './sysmon-event-corpus';

interface RunResult {
  name: string;
  events: number;
  seconds: number;
  latencies: Float64Array;
  matches: number;
  evaluated: number;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sigmaDir = resolve(argValue('--sigma-dir') ?? resolve(packageRoot(), '..', 'shared', 'sigma'));
  const eventCount = Number(argValue('--events') ?? 200_000);
  const memory = new MemoryPeak();

  const compileStart = process.hrtime.bigint();
  const loaded = await loadRuleSet({ rulePaths: [resolve(sigmaDir, 'rules')] });
  const index = new RuleIndex(loaded.rules);
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  memory.sample();

  const sources = await loadRegressionEvents(resolve(sigmaDir, 'regression_data'));
  // Only the NDJSON lines are kept for the whole run. The parsing run goes first; parsed events are
  // built afterwards for the evaluation run alone, so neither run pays for the other's heap.
  // Each line is decoded from its UTF-8 bytes, as a file or stream reader yields it: a flat string,
  // one byte per character when it is Latin-1. (JSON.stringify's own result is a rope, and after the
  // rule loader has interned field names it is often two-byte; JSON.parse would first flatten it and
  // then take its slower two-byte path, a cost no real input has.)
  const lines = varyEvents(sources, eventCount).map((e) =>
    Buffer.from(JSON.stringify(e), 'utf8').toString('utf8'),
  );
  const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
  memory.sample();

  // Warm-up: builds the routing buckets and lets V8 optimise the hot paths before measuring.
  for (let i = 0; i < Math.min(20_000, lines.length); i++) parseAndMatch(index, lines[i] as string);

  const withParsing = run('JSON parsing + normalising + evaluation', lines.length, memory, index, (i) =>
    parseAndMatch(index, lines[i] as string),
  );
  const events: DetectionEvent[] = lines.map((line) => {
    const n = normalizeEvtxJson(JSON.parse(line));
    if (!n.ok) throw new Error(n.reason);
    return n.event;
  });
  const evaluation = run(
    'evaluation only (events already parsed)',
    events.length,
    memory,
    index,
    (i) => index.match(events[i] as DetectionEvent).length,
  );
  const regex = measureCatastrophicRegex();

  const results = [evaluation, withParsing].map((r) => ({
    name: r.name,
    events: r.events,
    eventsPerSecond: Math.round(r.events / r.seconds),
    medianNs: percentile(r.latencies, 50),
    p99Ns: percentile(r.latencies, 99),
    matches: r.matches,
    rulesEvaluatedPerEvent: r.evaluated / r.events,
  }));
  const summary = {
    rulesLoaded: loaded.rules.length,
    rulesFailed: loaded.failed.length,
    compileMs: Math.round(compileMs),
    sourceEvents: sources.length,
    inputMiB: bytes / 1024 / 1024,
    peakRssBytes: memory.rss,
    peakHeapBytes: memory.heapUsed,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    node: process.version,
    results,
    catastrophicRegex: regex,
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  process.stdout.write(`tripline engine benchmark (${process.version}, one thread)\n`);
  process.stdout.write(
    `rules: ${summary.rulesLoaded} compiled (${summary.rulesFailed} failed) from ${resolve(sigmaDir, 'rules')} in ${summary.compileMs} ms\n`,
  );
  process.stdout.write(
    `events: ${eventCount} Sysmon events (${(bytes / 1024 / 1024).toFixed(1)} MiB of NDJSON) varied from ${sources.length} regression events\n\n`,
  );
  process.stdout.write(
    `${renderTable(
      [
        { header: 'RUN' },
        { header: 'EVENTS/S', align: 'right' },
        { header: 'MEDIAN', align: 'right' },
        { header: 'P99', align: 'right' },
        { header: 'RULES RUN/EVENT', align: 'right' },
        { header: 'ALERTS', align: 'right' },
      ],
      results.map((r) => [
        r.name,
        String(r.eventsPerSecond),
        formatMicros(r.medianNs),
        formatMicros(r.p99Ns),
        r.rulesEvaluatedPerEvent.toFixed(1),
        String(r.matches),
      ]),
    )}\n\n`,
  );
  process.stdout.write(
    `memory: peak RSS ${formatMiB(summary.maxRssBytes)}, peak heap ${formatMiB(summary.peakHeapBytes)}\n`,
  );
  process.stdout.write(
    `catastrophic regex ${regex.pattern} on a ${regex.fieldBytes / 1024} KB field: ${regex.millis.toFixed(2)} ms (matched: ${regex.matched})\n`,
  );
}

/** Starts each measured run on a collected heap (when node runs with --expose-gc), so one run's garbage is not billed to the next. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Waits for the driver named by TRIPLINE_BENCH_SYNC_DIR, if any (see the top of this file). */
function syncPoint(label: string): void {
  const dir = process.env['TRIPLINE_BENCH_SYNC_DIR'];
  if (!dir) return;
  writeFileSync(join(dir, label), '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(join(dir, `${label}.go`))) Atomics.wait(pause, 0, 0, 20);
}

function run(
  name: string,
  count: number,
  memory: MemoryPeak,
  index: RuleIndex,
  step: (i: number) => number,
): RunResult {
  collectGarbage();
  const latencies = new Float64Array(count);
  const before = { ...index.stats };
  syncPoint(`${name.split(' ')[0] as string}-start`);
  let matches = 0;
  const start = process.hrtime.bigint();
  let last = start;
  for (let i = 0; i < count; i++) {
    matches += step(i);
    const now = process.hrtime.bigint();
    latencies[i] = Number(now - last);
    last = now;
    if ((i & 0x3fff) === 0) memory.sample();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  syncPoint(`${name.split(' ')[0] as string}-end`);
  memory.sample();
  latencies.sort();
  return {
    name,
    events: count,
    seconds,
    latencies,
    matches,
    evaluated: index.stats.rulesEvaluated - before.rulesEvaluated,
  };
}

function parseAndMatch(index: RuleIndex, line: string): number {
  const parsed = normalizeEvtxJson(JSON.parse(line));
  return parsed.ok ? index.match(parsed.event).length : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:engine failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
