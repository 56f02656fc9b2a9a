import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestJdk } from './newest-jdk';

function jdk(root: string, name: string, withJava = true): void {
  mkdirSync(join(root, name, 'bin'), { recursive: true });
  if (withJava) writeFileSync(join(root, name, 'bin', 'java'), '');
}

describe('newestJdk', () => {
  it('picks the highest major version that has a java binary', () => {
    const root = mkdtempSync(join(tmpdir(), 'jvm-'));
    jdk(root, 'java-17-openjdk-amd64');
    jdk(root, 'temurin-25-jdk-amd64');
    jdk(root, 'java-26-broken', false);
    jdk(root, 'java-11-openjdk-amd64');
    expect(newestJdk(root)).toBe(join(root, 'temurin-25-jdk-amd64'));
  });

  it('ignores JDKs older than 17 and answers undefined without any', () => {
    const root = mkdtempSync(join(tmpdir(), 'jvm-'));
    jdk(root, 'java-11-openjdk-amd64');
    expect(newestJdk(root)).toBeUndefined();
    expect(newestJdk(join(root, 'missing'))).toBeUndefined();
  });
});
