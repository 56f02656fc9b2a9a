import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, isAlive, stopProcessGroup } from './process-group';

/**
 * One state file per test run, named after the pid of the process that started the services (the Jest main
 * process). Several runs on one machine (other checkouts, other engineers) do not touch each other's files;
 * a file whose owner is gone belongs to a crashed run and is cleaned up by the next start.
 */
export interface ServiceState {
  name: string;
  mode: 'env' | 'container' | 'local';
  /** Local process-group leader and its run directory (removed on cleanup). */
  pgid?: number;
  runDir?: string;
  containerId?: string;
}

export interface RunState {
  ownerPid: number;
  startedAt: string;
  env: Record<string, string>;
  services: ServiceState[];
}

export const STATE_DIR = join(tmpdir(), 'tripline-test-services');

const stateFile = (ownerPid: number) => join(STATE_DIR, `${ownerPid}.json`);

export function writeRunState(state: RunState): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(stateFile(state.ownerPid), JSON.stringify(state, null, 2));
}

export function removeRunState(ownerPid: number): void {
  rmSync(stateFile(ownerPid), { force: true });
}

/** Stops what crashed runs left behind. Returns a line per cleaned service, for the log. */
export async function cleanStaleRuns(): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(STATE_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const cleaned: string[] = [];
  for (const file of files) {
    const path = join(STATE_DIR, file);
    let state: RunState;
    try {
      state = JSON.parse(readFileSync(path, 'utf8')) as RunState;
    } catch {
      rmSync(path, { force: true });
      continue;
    }
    if (state.ownerPid !== process.pid && isAlive(state.ownerPid)) continue; // a live run
    for (const service of state.services) {
      // Only signal the recorded pid if it still is that run's process (pids get reused).
      if (
        service.pgid &&
        service.runDir &&
        isAlive(service.pgid) &&
        commandLine(service.pgid).includes(service.runDir)
      ) {
        await stopProcessGroup(service.pgid);
        cleaned.push(`${service.name}: stopped pid ${service.pgid} left by run ${state.ownerPid}`);
      }
      if (service.runDir) rmSync(service.runDir, { recursive: true, force: true });
      // Containers are reaped by testcontainers' Ryuk; nothing to do for them here.
    }
    rmSync(path, { force: true });
  }
  return cleaned;
}
