import { machineCpuBetween, parseProcStat, sampleMachineCpu } from './machine-cpu';

const stat = (user: number, idle: number): string =>
  `cpu  ${user} 0 100 ${idle} 50 10 20 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('machine CPU from /proc/stat', () => {
  it('counts user, nice, system, irq, softirq and steal as busy, idle and iowait as not', () => {
    expect(parseProcStat(stat(1000, 5000), 0)).toEqual({ busyTicks: 1130, totalTicks: 6180, atMs: 0 });
  });

  it('turns the busy share of an interval into CPU time through its wall time and the CPU count', () => {
    // 2 CPUs for 1 s at 100 Hz tick 200 times; 150 busy ticks are three quarters: 1.5 s of CPU.
    const start = parseProcStat(stat(1000, 5000), 0);
    const end = parseProcStat(stat(1150, 5050), 1000);
    const use = machineCpuBetween(start, end, 2);
    expect(use?.busyShare).toBeCloseTo(0.75);
    expect(use?.busyMicros).toBeCloseTo(1_500_000);
  });

  it('has no figure without a cpu line or an interval', () => {
    expect(parseProcStat('intr 1 2 3\n', 0)).toBeUndefined();
    const sample = parseProcStat(stat(1, 1), 5);
    expect(machineCpuBetween(sample, sample, 2)).toBeUndefined();
    expect(machineCpuBetween(undefined, sample, 2)).toBeUndefined();
  });

  it('reads this machine where it has /proc/stat', () => {
    const sample = sampleMachineCpu();
    if (process.platform === 'linux') expect(sample?.totalTicks).toBeGreaterThan(0);
    else expect(sample).toBeUndefined();
  });
});
