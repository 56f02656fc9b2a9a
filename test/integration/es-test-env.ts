import { Client } from '@elastic/elasticsearch';

/** The Elasticsearch the test harness started (or the one given in ELASTICSEARCH_URL). */
export function elasticsearchUrl(): string {
  const url = process.env['ELASTICSEARCH_URL'];
  if (!url)
    throw new Error(
      'ELASTICSEARCH_URL is not set: the integration project needs its globalSetup (test/infra)',
    );
  return url;
}

export function testClient(url = elasticsearchUrl()): Client {
  const apiKey = process.env['ELASTICSEARCH_API_KEY'];
  const username = process.env['ELASTICSEARCH_USERNAME'];
  const password = process.env['ELASTICSEARCH_PASSWORD'];
  return new Client({
    node: url,
    ...(apiKey ? { auth: { apiKey } } : username && password ? { auth: { username, password } } : {}),
  });
}
