import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Elasticsearch version pinned in pom.xml: used for the local integ-test-zip and the container image alike. */
export function elasticsearchVersion(): string {
  const pom = readFileSync(join(__dirname, 'pom.xml'), 'utf8');
  const match = /<elasticsearch\.version>([^<]+)<\/elasticsearch\.version>/.exec(pom);
  if (!match?.[1]) throw new Error('elasticsearch.version not found in test/infra/elasticsearch/pom.xml');
  return match[1];
}

/**
 * HTTP auth headers from ELASTICSEARCH_API_KEY (wins) or ELASTICSEARCH_USERNAME/PASSWORD, the same variables
 * the tests hand to `@elastic/elasticsearch` (`auth: { apiKey }` / `auth: { username, password }`).
 */
export function authHeaders(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env.ELASTICSEARCH_API_KEY) return { authorization: `ApiKey ${env.ELASTICSEARCH_API_KEY}` };
  if (env.ELASTICSEARCH_USERNAME) {
    const basic = Buffer.from(`${env.ELASTICSEARCH_USERNAME}:${env.ELASTICSEARCH_PASSWORD ?? ''}`).toString(
      'base64',
    );
    return { authorization: `Basic ${basic}` };
  }
  return {};
}

export interface WaitOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Polled between attempts; a returned Error aborts the wait (e.g. the server process exited). */
  abort?: () => Error | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Readiness = `GET /_cluster/health?wait_for_status=yellow&timeout=1s` answering 200 (408 while the cluster is
 * red, connection refused while booting). Not `GET /`: the integ-test-zip has no rest-root module (405 there).
 * Retries every 250 ms until `timeoutMs`.
 */
export async function waitForElasticsearch(
  url: string,
  { timeoutMs, headers = {}, abort }: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const health = new URL('/_cluster/health?wait_for_status=yellow&timeout=1s', url);
  let last = 'no answer';
  for (;;) {
    const aborted = abort?.();
    if (aborted) throw aborted;
    try {
      const response = await fetch(health, { headers, signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${body.slice(0, 300)}`;
      // Wrong credentials will not fix themselves.
      if (response.status === 401 || response.status === 403) {
        throw new Error(`Elasticsearch at ${url} refused the credentials: ${last}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes('refused the credentials')) throw error;
      const cause = (error as { cause?: { code?: string } }).cause;
      last = cause?.code ?? String((error as Error)?.message ?? error);
    }
    if (Date.now() > deadline) {
      throw new Error(`Elasticsearch at ${url} not ready after ${Math.round(timeoutMs / 1000)} s: ${last}`);
    }
    await sleep(250);
  }
}
