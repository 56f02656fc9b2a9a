import { elasticsearchVersion, waitForElasticsearch } from './ready';

/**
 * Elasticsearch in a container (developer machines with a Docker engine): the official image at the version
 * pinned in pom.xml, plain HTTP without security like the local integ-test-zip. `@testcontainers/elasticsearch`
 * is not installed (and would keep security on and a 2 GB heap), so this is a GenericContainer. The image is
 * the FULL default distribution: features missing from the integ-test-zip work here, so the harness test only
 * asserts their absence when ELASTICSEARCH_DISTRIBUTION=integ-test-zip. Not exercised on CI (no engine there).
 */
export interface ElasticsearchContainer {
  env: Record<string, string>;
  containerId: string;
  stop(): Promise<void>;
}

const HEALTH = '/_cluster/health?wait_for_status=yellow&timeout=1s';

export async function startElasticsearchContainer(host: string): Promise<ElasticsearchContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(
    `docker.elastic.co/elasticsearch/elasticsearch:${elasticsearchVersion()}`,
  )
    .withExposedPorts(9200)
    .withEnvironment({
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'false',
      ES_JAVA_OPTS: '-Xms512m -Xmx512m',
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
      // The full image would try to download GeoIP databases at start.
      'ingest.geoip.downloader.enabled': 'false',
    })
    .withWaitStrategy(Wait.forHttp(HEALTH, 9200).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  const url = `http://${host}:${container.getMappedPort(9200)}`;
  try {
    await waitForElasticsearch(url, { timeoutMs: 60_000 });
  } catch (error) {
    await container.stop();
    throw error;
  }
  return {
    env: { ELASTICSEARCH_URL: url, ELASTICSEARCH_DISTRIBUTION: 'docker' },
    containerId: container.getId(),
    stop: async () => {
      await container.stop();
    },
  };
}
