import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Whole-machine CPU time: every process, the Kafka broker included. Read from the aggregate line of
 * /proc/stat, so it exists on Linux only; elsewhere a sample is undefined and reports say "n/a".
 */
export interface MachineCpuSample {
  /** Clock ticks spent on any work (user, nice, system, irq, softirq, steal), summed over all CPUs. */
  busyTicks: number;
  /** Clock ticks of every kind, idle and iowait included. */
  totalTicks: number;
  atMs: number;
}

export interface MachineCpuUse {
  /** CPU time the whole machine spent working over the interval, in µs. */
  busyMicros: number;
  /** busyMicros over what all CPUs could have given in the interval: 1 = every core busy throughout. */
  busyShare: number;
}

const STAT_FILE = '/proc/stat';
/** Fields of the `cpu` line, in order: user nice system idle iowait irq softirq steal (guest is in user). */
const IDLE_FIELDS = new Set([3, 4]);
const COUNTED_FIELDS = 8;

export function parseProcStat(text: string, atMs: number): MachineCpuSample | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) return undefined;
  const ticks = line
    .trim()
    .split(/\s+/)
    .slice(1, 1 + COUNTED_FIELDS)
    .map(Number);
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  let busyTicks = 0;
  let totalTicks = 0;
  ticks.forEach((t, i) => {
    totalTicks += t;
    if (!IDLE_FIELDS.has(i)) busyTicks += t;
  });
  return { busyTicks, totalTicks, atMs };
}

export function sampleMachineCpu(): MachineCpuSample | undefined {
  try {
    return parseProcStat(readFileSync(STAT_FILE, 'utf8'), performance.now());
  } catch {
    return undefined;
  }
}

/**
 * The machine's CPU use between two samples. Ticks are converted through the interval's wall time and
 * the CPU count (all CPUs together tick `cpus × HZ` times a second), so the tick rate need not be known.
 */
export function machineCpuBetween(
  start: MachineCpuSample | undefined,
  end: MachineCpuSample | undefined,
  cpuCount: number = cpus().length,
): MachineCpuUse | undefined {
  if (start === undefined || end === undefined) return undefined;
  const total = end.totalTicks - start.totalTicks;
  const wallMicros = (end.atMs - start.atMs) * 1000;
  if (total <= 0 || wallMicros <= 0) return undefined;
  const busyShare = (end.busyTicks - start.busyTicks) / total;
  return { busyShare, busyMicros: busyShare * wallMicros * cpuCount };
}
