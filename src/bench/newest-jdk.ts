import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The home of the newest JDK (17 or later) installed under `root`, judged by the first number in each
 * directory's name (`temurin-25-jdk-amd64`, `java-17-openjdk-amd64`), or undefined when there is none.
 */
export function newestJdk(root = '/usr/lib/jvm'): string | undefined {
  let best: { home: string; major: number } | undefined;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const major = Number(/(\d+)/.exec(name)?.[1]);
    const home = join(root, name);
    if (!(major >= 17) || !existsSync(join(home, 'bin', 'java'))) continue;
    if (!best || major > best.major) best = { home, major };
  }
  return best?.home;
}
