import { Client, type ClientOptions } from '@elastic/elasticsearch';
import type { Secret } from '../../config/secret';

/** How to reach Elasticsearch: URL, API key or basic auth, TLS with a CA. */
export interface ElasticsearchConnection {
  url: string;
  auth?: { apiKey: Secret } | { username: string; password: Secret };
  tls?: { ca?: string; rejectUnauthorized: boolean };
  requestTimeoutMs: number;
}

/** A client that never retries by itself: the sink stage owns retries, so backoff and backpressure live in one place. */
export function createElasticsearchClient(connection: ElasticsearchConnection): Client {
  const options: ClientOptions = {
    node: connection.url,
    maxRetries: 0,
    requestTimeout: connection.requestTimeoutMs,
    compression: false,
  };
  if (connection.auth) {
    options.auth =
      'apiKey' in connection.auth
        ? { apiKey: connection.auth.apiKey.reveal() }
        : { username: connection.auth.username, password: connection.auth.password.reveal() };
  }
  if (connection.tls) {
    options.tls = {
      rejectUnauthorized: connection.tls.rejectUnauthorized,
      ...(connection.tls.ca ? { ca: connection.tls.ca } : {}),
    };
  }
  return new Client(options);
}
