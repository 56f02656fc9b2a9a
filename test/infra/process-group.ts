import { readFileSync } from 'node:fs';

/** True while `pid` exists and is not a zombie (Linux /proc; elsewhere signal 0). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (process.platform === 'linux') return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** The command line of `pid` ('' when unknown), to check that a recorded pid still is our process. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a process group whose leader is `pgid` (a child spawned with `detached: true`, or a script that made
 * itself a group leader): SIGTERM to the whole group, then SIGKILL after `graceMs` if the leader still runs.
 * A final SIGKILL to the group removes helpers (watchers) the leader left behind.
 */
export async function stopProcessGroup(pgid: number, graceMs = 10_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pgid) && Date.now() < deadline) await sleep(100);
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isAlive(pgid) && Date.now() < killDeadline) await sleep(50);
}

/** Synchronous best effort for `process.on('exit')`: the group gets SIGTERM and shuts down by itself. */
export function terminateProcessGroupSync(pgid: number): void {
  signalGroup(pgid, 'SIGTERM');
}
