import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

/** The Kafka version pinned in pom.xml: used for the local jars and the container image alike. */
export function kafkaVersion(): string {
  const pom = readFileSync(join(__dirname, 'pom.xml'), 'utf8');
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match?.[1]) throw new Error('kafka.version not found in test/infra/kafka/pom.xml');
  return match[1];
}

export interface WaitOptions {
  timeoutMs: number;
  /** Polled between attempts; a returned Error aborts the wait (e.g. the broker process exited). */
  abort?: () => Error | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Readiness = a kafkajs admin `listTopics()` that succeeds. The broker only serves requests once it is
 * unfenced, so a bare TCP connect is not enough. Retries every 250 ms until `timeoutMs`.
 */
export async function waitForKafka(brokers: string, { timeoutMs, abort }: WaitOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const aborted = abort?.();
    if (aborted) throw aborted;
    const admin = new Kafka({
      clientId: 'tripline-test-services-ready',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch (error) {
      last = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka at ${brokers} not ready after ${Math.round(timeoutMs / 1000)} s: ${String((last as Error)?.message ?? last)}`,
      );
    }
    await sleep(250);
  }
}
