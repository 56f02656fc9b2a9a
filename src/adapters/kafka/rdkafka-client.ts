import { asError } from './as-error';
import type { RdkafkaClient, RdkafkaLog } from './rdkafka-module';

const CONNECT_TIMEOUT_MS = 30_000;

/** Failures no retry can cure: wrong credentials, a TLS handshake or certificate the client refuses. */
const HOPELESS = /authentication|SSL handshake failed|certificate/i;

/**
 * Connects a client. librdkafka retries a broker that refuses the credentials or the TLS handshake until the
 * timeout and then reports only "broker transport failure"; its error log lines, which arrive while it
 * connects, say why, so such a failure ends the attempt at once with librdkafka's own explanation.
 */
export function connectClient(client: RdkafkaClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let lastFailure: string | undefined;
    const onLog = (log: RdkafkaLog): void => {
      if (log.fac !== 'FAIL') return;
      lastFailure = withoutThreadPrefix(log.message);
      if (HOPELESS.test(lastFailure)) finish(new Error(`cannot connect to Kafka: ${lastFailure}`));
    };
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      client.removeListener('event.log', onLog);
      if (!error) return resolve();
      reject(error);
      // Released in the background: a client still connecting is destroyed only when its attempt ends, and
      // one whose attempt failed may not count as connected and refuse to disconnect.
      try {
        client.disconnect(() => undefined);
      } catch {
        // nothing to release
      }
    };
    client.on('event.log', onLog);
    client.connect({ timeout: CONNECT_TIMEOUT_MS }, (error) => {
      if (!error) return finish(null);
      const why = lastFailure ? `: ${lastFailure}` : '';
      finish(new Error(`cannot connect to Kafka (${asError(error).message})${why}`));
    });
  });
}

export function disconnectClient(client: RdkafkaClient): Promise<void> {
  return new Promise<void>((resolve) => client.disconnect(() => resolve()));
}

/** `[thrd:ssl://host:9093/bootstrap]: ssl://host:9093/bootstrap: SSL handshake failed` → from the broker on. */
function withoutThreadPrefix(message: string): string {
  return message.replace(/^\[thrd:[^\]]*\]:\s*/, '');
}
