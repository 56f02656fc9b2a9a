/**
 * Proves the test-services harness (test/infra) for Elasticsearch with the client the product uses
 * (`@elastic/elasticsearch` 8.19). The server comes from ELASTICSEARCH_URL (+ ELASTICSEARCH_API_KEY or
 * ELASTICSEARCH_USERNAME/PASSWORD) set by globalSetup or .ci/run.
 *
 * Without Docker (CI) the server is the integ-test-zip `org.elasticsearch.distribution.integ-test-zip:
 * elasticsearch:8.19.21` from Maven Central (test/infra/elasticsearch/start-local-es.sh), NOT the full
 * distribution. Its modules are only apm, transport-netty4, x-pack-core, x-pack-security. What that means for
 * the product, checked on 8.19.21 with the 8.19 client (the product may rely on the first list only):
 *
 * WORKS (asserted below on every distribution):
 *   - readiness via GET /_cluster/health?wait_for_status=yellow (cluster.health);
 *   - cluster.putComponentTemplate + indices.putIndexTemplate (composable, composed_of, priority),
 *     indices.simulateIndexTemplate;
 *   - explicit mappings, `dynamic: strict`, types keyword, text, date, long, float, ip, flattened, object,
 *     nested, boolean (also seen working: double, integer, short, byte, half_float, date_nanos, geo_point,
 *     binary, ip_range, date_range, dense_vector, sparse_vector, alias);
 *   - writing to `logs-tripline.alerts-<namespace>` that matches our template creates a PLAIN index with our
 *     mappings (the template declares no data_stream). Priority must stay > 100: on the full distribution the
 *     built-in `logs` template (pattern logs-*-*, priority 100, data stream) would win otherwise;
 *   - _bulk `create` with `_id` (201 each); a second create of the same id is an item error
 *     409 `version_conflict_engine_exception` (bulk `index`/`update`/`delete` items work too);
 *   - search: bool with term (keyword, flattened key, ip CIDR), range (long, date math), match (text),
 *     nested query; sort; count;
 *   - aggs terms and date_histogram (fixed/calendar interval) — they are in server core, so the missing
 *     `aggregations` module does not matter for them; also cardinality, avg/sum/stats, percentiles,
 *     top_hits, composite, range, filters, nested, rare_terms, significant_terms;
 *   - update by id with a partial doc (`doc`, also `doc_as_upsert`), 404 document_missing_exception for an
 *     unknown id; get/mget; indices.refresh, refresh: true / 'wait_for'; indices.delete by exact name;
 *   - also seen working: query_string, multi_match, match_phrase, prefix, wildcard, regexp, exists, ids,
 *     highlight, collapse, scroll, point in time, search_after, field_caps, putMapping, aliases, rollover,
 *     msearch, the `lowercase` token filter, index sorting.
 *
 * MISSING on the integ-test-zip (asserted below to be missing when ELASTICSEARCH_DISTRIBUTION=integ-test-zip,
 * so a change of distribution or version is noticed; the product must not use them):
 *   - client.info() / client.ping(): 405, no rest-root module (GET / and HEAD / have no handler);
 *   - data-stream APIs (data-streams module): a template WITH `data_stream` still makes the first write create
 *     a data stream (server core does that; _resolve/index lists it, rollover works), but GET / PUT / DELETE
 *     /_data_stream/<name> answer 405 and /_stats 400, so such a data stream can be neither inspected nor
 *     deleted (nor can its template). Data streams also refuse update by id and op_type index. Hence: product
 *     templates do NOT declare data_stream; alerts go to plain indices;
 *   - ILM (x-pack-ilm): ilm.putLifecycle 400 "no handler", and the index setting `index.lifecycle.name` is
 *     an unknown setting (a template or index carrying it is rejected);
 *   - scripts (lang-painless): scripted update, script query, runtime fields, bucket_selector → 400;
 *   - _delete_by_query / _update_by_query / _reindex (reindex module): 400 "no handler";
 *   - ingest processors (ingest-common): a pipeline with `set` is rejected;
 *   - analysis-common: filters such as asciifolding;
 *   - mapper types from modules: match_only_text, scaled_float, search_as_you_type, token_count,
 *     rank_feature (mapper-extras), wildcard, constant_keyword, version, unsigned_long, histogram,
 *     aggregate_metric_double, counted_keyword, semantic_text (x-pack);
 *   - aggregations module: auto_date_histogram, bucket_sort, bucket_selector; x-pack: multi_terms;
 *   - SQL, ES|QL, EQL, _xpack info (500), security APIs (security is disabled).
 *
 * Cleanup: every test resource has a unique name and is deleted by exact name (destructive wildcards are
 * refused by default). The one exception is the fixed-name data-stream probe, which cannot be deleted on the
 * integ-test-zip: it exists once per server (local servers are thrown away after the run).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ClientOptions, type estypes } from '@elastic/elasticsearch';
import { describeBehindGate, type Gate } from '../infra/environment-gate';

const url = (): string => {
  const value = process.env.ELASTICSEARCH_URL;
  if (!value) throw new Error('ELASTICSEARCH_URL is not set: the integration globalSetup did not run');
  return value;
};

function client(): Client {
  const options: ClientOptions = { node: url(), requestTimeout: 30_000 };
  const {
    ELASTICSEARCH_API_KEY: apiKey,
    ELASTICSEARCH_USERNAME: username,
    ELASTICSEARCH_PASSWORD: password,
  } = process.env;
  if (apiKey) options.auth = { apiKey };
  else if (username) options.auth = { username, password: password ?? '' };
  return new Client(options);
}

/** Index and template names must be lowercase; unique per run so a shared server is never disturbed. */
const ns = `harness${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const dataset = 'tripline.alerts';
const index = `logs-${dataset}-${ns}`;
const templateName = `tripline-harness-${ns}`;
const mappingsComponent = `${templateName}-mappings`;
const settingsComponent = `${templateName}-settings`;
/** Above the full distribution's built-in `logs` template (100) and any product template on a shared server. */
const PRIORITY = 900;

const mappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    '@timestamp': { type: 'date' },
    alert: {
      type: 'object',
      properties: {
        id: { type: 'keyword' },
        severity: { type: 'keyword' },
        score: { type: 'float' },
        acknowledged: { type: 'boolean' },
      },
    },
    rule: { properties: { id: { type: 'keyword' }, title: { type: 'text' } } },
    event: { properties: { count: { type: 'long' } } },
    source: { properties: { ip: { type: 'ip' } } },
    labels: { type: 'flattened' },
    matches: { type: 'nested', properties: { field: { type: 'keyword' }, value: { type: 'keyword' } } },
  },
};

interface Alert {
  '@timestamp': string;
  alert: { id: string; severity: string; score: number; acknowledged: boolean };
  rule: { id: string; title: string };
  event: { count: number };
  source: { ip: string };
  labels: Record<string, string>;
  matches: { field: string; value: string }[];
}

const alert = (
  id: string,
  at: string,
  severity: string,
  count: number,
  ip: string,
  env: string,
  title: string,
): Alert => ({
  '@timestamp': at,
  alert: { id, severity, score: count / 10, acknowledged: false },
  rule: { id: `rule-${severity}`, title },
  event: { count },
  source: { ip },
  labels: { env, team: 'secops' },
  matches: [
    { field: 'user', value: `user-${id}` },
    { field: 'model', value: id === 'a3' ? 'gpt-x' : 'llama' },
  ],
});

const ALERTS: Alert[] = [
  alert('a1', '2025-01-01T00:10:00.000Z', 'high', 5, '10.1.0.1', 'prod', 'Prompt injection detected'),
  alert('a2', '2025-01-01T00:40:00.000Z', 'low', 1, '10.1.0.2', 'dev', 'Unusual token volume'),
  alert('a3', '2025-01-01T01:20:00.000Z', 'high', 9, '192.168.7.3', 'prod', 'Model exfiltration attempt'),
  alert('a4', '2025-01-01T03:05:00.000Z', 'medium', 3, '10.1.0.4', 'prod', 'Guardrail bypass'),
];

const statusOf = (error: unknown): number | undefined =>
  (error as { meta?: { statusCode?: number } })?.meta?.statusCode;

/** Runs `fn`, which must fail with HTTP `status`; returns the error's JSON body as a string for matching. */
async function failure(fn: () => Promise<unknown>, status: number): Promise<string> {
  let result: unknown;
  try {
    result = await fn();
  } catch (error) {
    expect(statusOf(error)).toBe(status);
    return JSON.stringify((error as { meta?: { body?: unknown } }).meta?.body ?? '');
  }
  throw new Error(`expected HTTP ${status}, got success: ${JSON.stringify(result).slice(0, 500)}`);
}

async function ignoreNotFound(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

describe('Elasticsearch: what the product relies on', () => {
  const es = client();

  afterAll(async () => {
    await ignoreNotFound(() => es.indices.delete({ index }));
    await ignoreNotFound(() => es.indices.deleteIndexTemplate({ name: templateName }));
    await ignoreNotFound(() => es.cluster.deleteComponentTemplate({ name: mappingsComponent }));
    await ignoreNotFound(() => es.cluster.deleteComponentTemplate({ name: settingsComponent }));
    await es.close();
  });

  // The tests below build on each other in file order (Jest runs them sequentially): template → write → read.

  test('readiness: cluster health answers (GET / is not used)', async () => {
    const health = await es.cluster.health({ wait_for_status: 'yellow', timeout: '5s' });
    expect(health.timed_out).toBe(false);
    expect(['green', 'yellow']).toContain(health.status);
    expect(health.number_of_nodes).toBeGreaterThanOrEqual(1);
  });

  test('component templates + composable index template without data_stream', async () => {
    expect(
      await es.cluster.putComponentTemplate({ name: mappingsComponent, template: { mappings } }),
    ).toMatchObject({ acknowledged: true });
    expect(
      await es.cluster.putComponentTemplate({
        name: settingsComponent,
        template: { settings: { number_of_shards: 1, number_of_replicas: 0 } },
      }),
    ).toMatchObject({ acknowledged: true });
    expect(
      await es.indices.putIndexTemplate({
        name: templateName,
        index_patterns: [`logs-${dataset}-${ns}*`],
        composed_of: [mappingsComponent, settingsComponent],
        priority: PRIORITY,
        _meta: { description: 'tripline elasticsearch-harness.test.ts' },
      }),
    ).toMatchObject({ acknowledged: true });

    const simulated = await es.indices.simulateIndexTemplate({ name: index });
    expect(simulated.template.mappings?.properties?.labels).toEqual({ type: 'flattened' });
    expect(simulated.template.settings?.index?.number_of_replicas).toBe('0');
    // Ours wins over any overlapping template (on the full distribution: the built-in `logs` data-stream one).
    expect((simulated.overlapping ?? []).every((t) => t.name !== templateName)).toBe(true);
  });

  test('_bulk create with _id into logs-tripline.alerts-<ns> makes a plain index with the explicit mappings', async () => {
    const bulk = await es.bulk({
      refresh: true,
      operations: ALERTS.flatMap((doc) => [{ create: { _index: index, _id: doc.alert.id } }, doc]),
    });
    expect(bulk.errors).toBe(false);
    expect(bulk.items.map((item) => [item.create?._id, item.create?.status])).toEqual(
      ALERTS.map((doc) => [doc.alert.id, 201]),
    );

    // A plain index, not a data stream.
    const resolved = await es.indices.resolveIndex({ name: index });
    expect(resolved.data_streams).toEqual([]);
    expect(resolved.indices.map((i) => i.name)).toEqual([index]);
    const got = await es.indices.get({ index });
    expect(got[index]?.data_stream).toBeUndefined();

    const mapping = (await es.indices.getMapping({ index }))[index]?.mappings;
    expect(mapping?.dynamic).toBe('strict');
    const props = mapping?.properties ?? {};
    const type = (path: string): string | undefined => {
      let node: estypes.MappingProperty | undefined;
      let level: Record<string, estypes.MappingProperty> | undefined = props;
      for (const part of path.split('.')) {
        node = level?.[part];
        level = (node as { properties?: Record<string, estypes.MappingProperty> } | undefined)?.properties;
      }
      return node?.type ?? (node && 'properties' in node ? 'object' : undefined);
    };
    expect({
      '@timestamp': type('@timestamp'),
      alert: type('alert'),
      'alert.id': type('alert.id'),
      'alert.score': type('alert.score'),
      'alert.acknowledged': type('alert.acknowledged'),
      'rule.title': type('rule.title'),
      'event.count': type('event.count'),
      'source.ip': type('source.ip'),
      labels: type('labels'),
      matches: type('matches'),
    }).toEqual({
      '@timestamp': 'date',
      alert: 'object',
      'alert.id': 'keyword',
      'alert.score': 'float',
      'alert.acknowledged': 'boolean',
      'rule.title': 'text',
      'event.count': 'long',
      'source.ip': 'ip',
      labels: 'flattened',
      matches: 'nested',
    });

    // Strict mapping: an unknown field is refused.
    const refused = await failure(() => es.index({ index, document: { unexpected: true } }), 400);
    expect(refused).toContain('strict_dynamic_mapping_exception');
  });

  test('a second _bulk create of the same _id is 409 version_conflict_engine_exception', async () => {
    const again = await es.bulk({
      operations: [
        { create: { _index: index, _id: 'a1' } },
        ALERTS[0],
        { create: { _index: index, _id: 'a5' } },
        { ...ALERTS[3], alert: { ...ALERTS[3]!.alert, id: 'a5' } },
      ],
      refresh: true,
    });
    expect(again.errors).toBe(true);
    expect(again.items[0]?.create?.status).toBe(409);
    expect(again.items[0]?.create?.error?.type).toBe('version_conflict_engine_exception');
    expect(again.items[1]?.create?.status).toBe(201);
    expect(await es.delete({ index, id: 'a5', refresh: true })).toMatchObject({ result: 'deleted' });
  });

  test('search with term / range / bool / match / nested, sort and count', async () => {
    const ids = (response: estypes.SearchResponse<Alert>) => response.hits.hits.map((hit) => hit._id);
    const filtered = await es.search<Alert>({
      index,
      sort: [{ '@timestamp': 'asc' }],
      query: {
        bool: {
          filter: [
            { term: { 'labels.env': 'prod' } }, // flattened key
            { term: { 'source.ip': '10.1.0.0/16' } }, // ip CIDR
            { range: { 'event.count': { gte: 3 } } },
            { range: { '@timestamp': { gte: '2025-01-01T00:00:00Z', lt: '2025-01-01T00:00:00Z||+1d' } } },
          ],
          must_not: [{ term: { 'alert.acknowledged': true } }],
        },
      },
    });
    expect(ids(filtered)).toEqual(['a1', 'a4']);
    expect(filtered.hits.hits[0]?._source?.rule.title).toBe('Prompt injection detected');

    const text = await es.search<Alert>({ index, query: { match: { 'rule.title': 'exfiltration' } } });
    expect(ids(text)).toEqual(['a3']);

    const nested = await es.search<Alert>({
      index,
      query: {
        nested: {
          path: 'matches',
          query: {
            bool: {
              filter: [{ term: { 'matches.field': 'model' } }, { term: { 'matches.value': 'gpt-x' } }],
            },
          },
        },
      },
    });
    expect(ids(nested)).toEqual(['a3']);

    expect((await es.count({ index })).count).toBe(ALERTS.length);
    expect((await es.count({ index, query: { term: { 'alert.severity': 'high' } } })).count).toBe(2);
  });

  test('aggregations terms and date_histogram', async () => {
    const response = await es.search<Alert>({
      index,
      size: 0,
      aggs: {
        severity: { terms: { field: 'alert.severity', order: { _key: 'asc' } } },
        hourly: { date_histogram: { field: '@timestamp', fixed_interval: '1h' } },
        daily: { date_histogram: { field: '@timestamp', calendar_interval: 'day' } },
        ips: { cardinality: { field: 'source.ip' } },
      },
    });
    const aggs = response.aggregations as Record<string, estypes.AggregationsAggregate>;
    const buckets = (name: string) =>
      (aggs[name] as { buckets: { key: string | number; key_as_string?: string; doc_count: number }[] })
        .buckets;
    expect(buckets('severity').map((b) => [b.key, b.doc_count])).toEqual([
      ['high', 2],
      ['low', 1],
      ['medium', 1],
    ]);
    // Empty buckets in between are filled (min_doc_count 0 by default).
    expect(buckets('hourly').map((b) => [b.key_as_string, b.doc_count])).toEqual([
      ['2025-01-01T00:00:00.000Z', 2],
      ['2025-01-01T01:00:00.000Z', 1],
      ['2025-01-01T02:00:00.000Z', 0],
      ['2025-01-01T03:00:00.000Z', 1],
    ]);
    expect(buckets('daily').map((b) => b.doc_count)).toEqual([4]);
    expect((aggs.ips as estypes.AggregationsCardinalityAggregate).value).toBe(4);
  });

  test('update by id with a partial document; refresh', async () => {
    const updated = await es.update<Alert, Partial<Alert>>({
      index,
      id: 'a3',
      doc: { alert: { ...ALERTS[2]!.alert, acknowledged: true } },
    });
    expect(updated.result).toBe('updated');
    expect(await es.indices.refresh({ index })).toMatchObject({ _shards: { failed: 0 } });

    const doc = await es.get<Alert>({ index, id: 'a3' });
    expect(doc._source?.alert.acknowledged).toBe(true);
    expect(doc._source?.rule.title).toBe('Model exfiltration attempt'); // the rest is kept
    const acknowledged = await es.search<Alert>({ index, query: { term: { 'alert.acknowledged': true } } });
    expect(acknowledged.hits.hits.map((hit) => hit._id)).toEqual(['a3']);

    const missing = await failure(() => es.update({ index, id: 'nope', doc: { event: { count: 1 } } }), 404);
    expect(missing).toContain('document_missing_exception');
  });
});

/** Only the integ-test-zip lacks the features below; .ci/run, which starts one, requires it. */
function integTestZip(): Gate<true> {
  const distribution = process.env.ELASTICSEARCH_DISTRIBUTION;
  if (distribution === 'integ-test-zip') return { available: true, value: true };
  return {
    available: false,
    requiredBy: 'TRIPLINE_REQUIRE_INTEG_TEST_ZIP=1',
    required: process.env['TRIPLINE_REQUIRE_INTEG_TEST_ZIP'] === '1',
    reason: `ELASTICSEARCH_DISTRIBUTION=${distribution ?? 'unset'}, not integ-test-zip`,
  };
}

describeBehindGate(
  'Elasticsearch integ-test-zip: features the product must not use are missing',
  integTestZip(),
  () => {
    const es = client();
    const probeIndex = `tripline-harness-${ns}-missing`;

    beforeAll(async () => {
      await es.indices.create({
        index: probeIndex,
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { properties: { k: { type: 'keyword' }, n: { type: 'long' }, t: { type: 'date' } } },
      });
      await es.index({
        index: probeIndex,
        id: '1',
        document: { k: 'a', n: 1, t: '2025-01-01' },
        refresh: true,
      });
    });

    afterAll(async () => {
      await ignoreNotFound(() => es.indices.delete({ index: probeIndex }));
      await es.close();
    });

    test('the distribution is the pinned integ-test-zip with exactly its four modules', async () => {
      const pom = readFileSync(join(__dirname, '..', 'infra', 'elasticsearch', 'pom.xml'), 'utf8');
      const pinned = /<elasticsearch\.version>([^<]+)</.exec(pom)?.[1];
      const info = await es.nodes.info({ node_id: '_local', metric: 'plugins' });
      const nodes = Object.values(info.nodes);
      expect(nodes).toHaveLength(1);
      expect(nodes[0]?.version).toBe(pinned);
      expect((nodes[0]?.modules ?? []).map((m) => m.name).sort()).toEqual([
        'apm',
        'transport-netty4',
        'x-pack-core',
        'x-pack-security',
      ]);
      expect(nodes[0]?.plugins ?? []).toEqual([]);
    });

    test('client.info() and client.ping() fail: no rest-root module', async () => {
      expect(await failure(() => es.info(), 405)).toContain('Incorrect HTTP method for uri [/]');
      await failure(() => es.ping(), 405);
    });

    test('a data_stream template still creates a data stream, but the _data_stream APIs are missing', async () => {
      // Fixed names: the data stream (and so its template) cannot be deleted here — one per server.
      const name = 'tripline-harness-ds-probe';
      await es.indices.putIndexTemplate({
        name,
        index_patterns: [name],
        data_stream: {},
        priority: PRIORITY,
        template: {
          settings: { number_of_shards: 1, number_of_replicas: 0 },
          mappings: { properties: { '@timestamp': { type: 'date' } } },
        },
      });
      const bulk = await es.bulk({
        operations: [{ create: { _index: name } }, { '@timestamp': new Date().toISOString() }],
      });
      expect(bulk.items[0]?.create?.status).toBe(201);
      expect(bulk.items[0]?.create?._index).toMatch(new RegExp(`^\\.ds-${name}-`));
      const resolved = await es.indices.resolveIndex({ name });
      expect(resolved.data_streams.map((ds) => ds.name)).toEqual([name]);

      await failure(() => es.indices.getDataStream({ name }), 405);
      await failure(() => es.indices.deleteDataStream({ name }), 405);
      await failure(() => es.indices.createDataStream({ name: `${name}-explicit` }), 405);
      expect(await failure(() => es.indices.deleteIndexTemplate({ name }), 400)).toContain(
        'in use by a data streams',
      );
      // Append-only: no update by id on a data stream.
      expect(await failure(() => es.update({ index: name, id: 'x', doc: {} }), 400)).toContain(
        'only write ops with an op_type of create are allowed in data streams',
      );
    });

    test('ILM is missing (no _ilm API, unknown index.lifecycle.name setting)', async () => {
      const policy = `tripline-harness-${ns}`;
      expect(
        await failure(
          () => es.ilm.putLifecycle({ name: policy, policy: { phases: { hot: { actions: {} } } } }),
          400,
        ),
      ).toContain('no handler found for uri [/_ilm/policy/');
      expect(
        await failure(
          () =>
            es.indices.create({ index: `${probeIndex}-ilm`, settings: { 'index.lifecycle.name': policy } }),
          400,
        ),
      ).toContain('unknown setting [index.lifecycle.name]');
    });

    test('scripts are missing (no lang-painless)', async () => {
      const scripted = await failure(
        () => es.update({ index: probeIndex, id: '1', script: { source: 'ctx._source.n += 1' } }),
        400,
      );
      expect(scripted).toContain('script_lang not supported [painless]');
      const runtime = await failure(
        () =>
          es.search({
            index: probeIndex,
            runtime_mappings: { r: { type: 'keyword', script: { source: "emit('x')" } } },
          }),
        400,
      );
      expect(runtime).toContain('script_lang not supported [painless]');
    });

    test('_delete_by_query is missing (no reindex module); ingest processors are missing', async () => {
      expect(
        await failure(() => es.deleteByQuery({ index: probeIndex, query: { match_all: {} } }), 400),
      ).toContain('no handler found');
      expect(
        await failure(
          () =>
            es.ingest.putPipeline({
              id: `tripline-harness-${ns}`,
              processors: [{ set: { field: 'x', value: 1 } }],
            }),
          400,
        ),
      ).toContain('No processor type exists with name [set]');
    });

    test('module mapper types and analysis-common filters are missing', async () => {
      for (const [type, extra] of [
        ['wildcard', {}],
        ['constant_keyword', {}],
        ['match_only_text', {}],
        ['scaled_float', { scaling_factor: 10 }],
        ['unsigned_long', {}],
        ['version', {}],
      ] as const) {
        const body = await failure(
          () =>
            es.indices.create({
              index: `${probeIndex}-${type.replace(/_/g, '-')}`,
              mappings: { properties: { f: { type, ...extra } as estypes.MappingProperty } },
            }),
          400,
        );
        expect(body).toContain(`The mapper type [${type}] declared on field [f] does not exist`);
      }
      const analyzer = await failure(
        () =>
          es.indices.create({
            index: `${probeIndex}-analyzer`,
            settings: {
              analysis: {
                analyzer: { a: { type: 'custom', tokenizer: 'standard', filter: ['asciifolding'] } },
              },
            },
          }),
        400,
      );
      expect(analyzer).toContain('failed to find filter under name [asciifolding]');
    });

    test('aggregations from the aggregations module are missing (terms/date_histogram are in core)', async () => {
      for (const aggs of [
        { a: { auto_date_histogram: { field: 't', buckets: 2 } } },
        { a: { terms: { field: 'k' }, aggs: { s: { bucket_sort: { size: 1 } } } } },
      ] as Record<string, estypes.AggregationsAggregationContainer>[]) {
        expect(await failure(() => es.search({ index: probeIndex, size: 0, aggs }), 400)).toContain(
          'Unknown aggregation type',
        );
      }
    });
  },
);
