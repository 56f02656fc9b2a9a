import type { Client } from '@elastic/elasticsearch';
import { ALERT_MAPPINGS } from './alert-mappings';
import { DEADLETTER_MAPPINGS } from './deadletter-mappings';
import { eventMappings } from './event-mappings';

/** What the cluster offers; the integration-test distribution lacks some modules, full clusters have them. */
export interface ClusterCapabilities {
  dataStreams: boolean;
  ilm: boolean;
  flattened: boolean;
}

export interface TemplateStep {
  kind: 'component template' | 'index template' | 'ILM policy';
  name: string;
  result: 'installed' | 'skipped';
  note?: string;
}

/** Probes the cluster for data streams, ILM and the flattened field type. */
export async function clusterCapabilities(client: Client): Promise<ClusterCapabilities> {
  const answers = async (path: string): Promise<boolean> =>
    client.transport.request({ method: 'GET', path }).then(
      () => true,
      () => false,
    );
  const [dataStreams, ilm] = await Promise.all([answers('/_data_stream'), answers('/_ilm/status')]);
  // Simulating a template validates its mappings without creating anything.
  const flattened = await client.transport
    .request({
      method: 'POST',
      path: '/_index_template/_simulate',
      body: {
        index_patterns: ['tripline-probe-*'],
        template: { mappings: { properties: { f: { type: 'flattened' } } } },
      },
    })
    .then(
      () => true,
      () => false,
    );
  return { dataStreams, ilm, flattened };
}

/**
 * Installs the composable templates for alerts and events: component templates with the mappings, and
 * index templates (priority 200, above Elastic's built-in `logs-*-*`) for `logs-tripline.alerts-*`,
 * `logs-tripline.events-*` and `logs-tripline.deadletter-*` — names inside Elastic Security's default index patterns. With data streams
 * the indices are data streams, with ILM they roll over and expire; otherwise they are plain indices.
 */
export async function installTemplates(
  client: Client,
  capabilities: ClusterCapabilities,
): Promise<TemplateStep[]> {
  const steps: TemplateStep[] = [];
  const lifecycle = capabilities.ilm && capabilities.dataStreams;
  if (lifecycle) {
    await client.ilm.putLifecycle({
      name: 'tripline-alerts',
      policy: {
        phases: {
          hot: { actions: { rollover: { max_age: '30d', max_primary_shard_size: '50gb' } } },
          delete: { min_age: '365d', actions: { delete: {} } },
        },
      },
    });
    await client.ilm.putLifecycle({
      name: 'tripline-events',
      policy: {
        phases: {
          hot: { actions: { rollover: { max_age: '1d', max_primary_shard_size: '50gb' } } },
          delete: { min_age: '30d', actions: { delete: {} } },
        },
      },
    });
    steps.push(
      { kind: 'ILM policy', name: 'tripline-alerts', result: 'installed' },
      { kind: 'ILM policy', name: 'tripline-events', result: 'installed' },
    );
  } else {
    steps.push({
      kind: 'ILM policy',
      name: 'tripline-alerts',
      result: 'skipped',
      note: 'the cluster has no ILM or no data streams',
    });
  }
  for (const [name, mappings, pattern, policy] of [
    ['tripline-alerts', ALERT_MAPPINGS, 'logs-tripline.alerts-*', 'tripline-alerts'],
    ['tripline-events', eventMappings(capabilities.flattened), 'logs-tripline.events-*', 'tripline-events'],
    ['tripline-deadletter', DEADLETTER_MAPPINGS, 'logs-tripline.deadletter-*', 'tripline-events'],
  ] as const) {
    await client.cluster.putComponentTemplate({
      name: `${name}@mappings`,
      template: {
        settings: {
          number_of_shards: 1,
          refresh_interval: '5s',
          ...(lifecycle ? { 'index.lifecycle.name': policy } : {}),
        },
        mappings: mappings as Record<string, unknown>,
      },
      _meta: { managed_by: 'tripline' },
    });
    steps.push({ kind: 'component template', name: `${name}@mappings`, result: 'installed' });
    await client.indices.putIndexTemplate({
      name,
      index_patterns: [pattern],
      composed_of: [`${name}@mappings`],
      priority: 200,
      ...(capabilities.dataStreams ? { data_stream: {} } : {}),
      _meta: { managed_by: 'tripline' },
    });
    steps.push({
      kind: 'index template',
      name,
      result: 'installed',
      note: capabilities.dataStreams
        ? `${pattern} as data streams`
        : `${pattern} as plain indices (no data streams)`,
    });
  }
  return steps;
}
