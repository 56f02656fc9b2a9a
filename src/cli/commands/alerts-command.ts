import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AlertStore, type StoredAlert, type WorkflowStatus } from '../../adapters/elasticsearch/alert-store';
import { createElasticsearchClient } from '../../adapters/elasticsearch/es-connection';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { loadCommandConfig } from './load-command-config';

interface StoreFlags {
  config: string;
  json?: boolean;
}

/** `tripline alerts list|show|ack|close`: triage from the command line. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('Find alerts in Elasticsearch and change their workflow status');
  alerts
    .command('list')
    .description('List alerts, newest first')
    .requiredOption('-c, --config <file>', "YAML configuration with an 'elasticsearch' section")
    .option('--status <status>', 'open | acknowledged | closed')
    .option('--severity <severity>', 'low | medium | high | critical')
    .option('--rule <id|name>', 'only alerts of this rule')
    .option('--since <time>', 'ISO-8601 time or date math such as now-24h')
    .option('--size <n>', 'how many alerts', '50')
    .option('--json', 'print the alert documents as NDJSON')
    .action(
      (
        flags: StoreFlags & {
          status?: string;
          severity?: string;
          rule?: string;
          since?: string;
          size: string;
        },
      ) =>
        withStore(flags, async (store) => {
          if (flags.status && !isStatus(flags.status))
            return usage(`--status: '${flags.status}' is not open, acknowledged or closed`);
          const size = Number(flags.size);
          if (!Number.isInteger(size) || size < 1 || size > 10_000)
            return usage(`--size: '${flags.size}' is not 1..10000`);
          const { total, alerts: found } = await store.list({
            size,
            ...(flags.status ? { status: flags.status as WorkflowStatus } : {}),
            ...(flags.severity ? { severity: flags.severity } : {}),
            ...(flags.rule ? { rule: flags.rule } : {}),
            ...(flags.since ? { since: flags.since } : {}),
          });
          if (flags.json) {
            for (const a of found) process.stdout.write(`${JSON.stringify({ _id: a.id, ...a.source })}\n`);
            return EXIT.ok;
          }
          process.stdout.write(`${alertTable(found)}\n\n${found.length} of ${total} alert(s)\n`);
          return EXIT.ok;
        }),
    );
  alerts
    .command('show')
    .description('Show one alert: rule, entity, evidence, threat mapping and workflow history')
    .argument('<id>', 'alert id')
    .requiredOption('-c, --config <file>', "YAML configuration with an 'elasticsearch' section")
    .option('--json', 'print the alert document as JSON')
    .action((id: string, flags: StoreFlags) =>
      withStore(flags, async (store) => {
        const alert = await store.get(id);
        if (!alert) return notFound(id);
        process.stdout.write(
          flags.json ? `${JSON.stringify({ _id: id, ...alert.source })}\n` : `${describeAlert(alert)}\n`,
        );
        return EXIT.ok;
      }),
    );
  for (const [verb, status] of [
    ['ack', 'acknowledged'],
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    alerts
      .command(verb)
      .description(`Set an alert's workflow status to ${status}, with who and why`)
      .argument('<id>', 'alert id')
      .requiredOption('-c, --config <file>', "YAML configuration with an 'elasticsearch' section")
      .requiredOption('--reason <text>', 'why (kept in the alert history)')
      .option('--by <name>', 'who (default: the current user)')
      .option('--json', 'print the updated alert as JSON')
      .action((id: string, flags: StoreFlags & { reason: string; by?: string }) =>
        withStore(flags, async (store) => {
          const by = flags.by ?? userInfo().username;
          const updated = await store.setStatus(id, {
            status,
            by,
            reason: flags.reason,
            at: new Date().toISOString(),
          });
          if (!updated) return notFound(id);
          process.stdout.write(
            flags.json
              ? `${JSON.stringify({ _id: id, ...updated.source })}\n`
              : `alert ${id}: ${status} by ${by} (${flags.reason})\n`,
          );
          return EXIT.ok;
        }),
      );
  }
}

async function withStore(flags: StoreFlags, work: (store: AlertStore) => Promise<number>): Promise<void> {
  const loaded = loadCommandConfig(flags.config, 'elasticsearch');
  const elasticsearch = 'config' in loaded ? loaded.config.elasticsearch : undefined;
  if (!elasticsearch) {
    process.exitCode = usage(
      'error' in loaded ? loaded.error : `${flags.config} has no 'elasticsearch' section`,
    );
    return;
  }
  const config = { elasticsearch };
  const client = createElasticsearchClient(config.elasticsearch);
  const pattern = config.elasticsearch.alertsIndex.replace(/-[^-]+$/, '-*');
  try {
    process.exitCode = await work(new AlertStore(client, pattern));
  } catch (error) {
    process.exitCode = usage(`Elasticsearch ${config.elasticsearch.url}: ${(error as Error).message}`);
  } finally {
    await client.close();
  }
}

function isStatus(value: string): value is WorkflowStatus {
  return value === 'open' || value === 'acknowledged' || value === 'closed';
}

function usage(message: string): number {
  process.stderr.write(`tripline: ${message}\n`);
  return EXIT.usage;
}

function notFound(id: string): number {
  process.stderr.write(`tripline: no alert with id ${id}\n`);
  return EXIT.findings;
}

function get(source: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      source,
    );
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function alertTable(alerts: StoredAlert[]): string {
  return renderTable(
    [
      { header: 'TIME' },
      { header: 'SEVERITY' },
      { header: 'STATUS' },
      { header: 'RULE', maxWidth: 48 },
      { header: 'AUTHOR', maxWidth: 24 },
      { header: 'ENTITY', maxWidth: 40, keep: 'end' },
      { header: 'ID' },
    ],
    alerts.map((a) => [
      text(get(a.source, '@timestamp')),
      text(get(a.source, 'kibana.alert.severity')),
      text(get(a.source, 'kibana.alert.workflow_status')),
      text(get(a.source, 'rule.name')),
      text(get(a.source, 'rule.author')),
      text(get(a.source, 'tripline.event.entity_key') ?? get(a.source, 'user.name')),
      a.id,
    ]),
  );
}

function describeAlert(alert: StoredAlert): string {
  const s = alert.source;
  const lines = [
    `${text(get(s, 'rule.name'))}  [${text(get(s, 'kibana.alert.severity'))}, risk ${text(get(s, 'kibana.alert.risk_score'))}]`,
    `id:        ${alert.id}`,
    `time:      ${text(get(s, '@timestamp'))}`,
    `status:    ${text(get(s, 'kibana.alert.workflow_status'))}`,
    `rule:      ${text(get(s, 'rule.id'))} by ${text(get(s, 'rule.author'))}`,
    `entity:    ${text(get(s, 'tripline.event.connector'))} ${text(get(s, 'tripline.event.entity_key'))}`,
    `event:     ${text(get(s, 'tripline.event.id'))}`,
    `threat:    ${(
      (get(s, 'threat') as { framework: string; technique?: { id: string[] } }[] | undefined) ?? []
    )
      .map((t) => `${t.framework} ${t.technique?.id.join(' ') ?? ''}`.trim())
      .join('; ')}`,
    'matched:',
    ...((get(s, 'tripline.matched') as { field: string; value: string }[] | undefined) ?? []).map(
      (m) => `  ${m.field} = ${m.value}`,
    ),
    'history:',
    ...(
      (get(s, 'tripline.workflow.history') as
        { status: string; by: string; reason: string; at: string }[] | undefined) ?? []
    ).map((h) => `  ${h.at} ${h.status} by ${h.by}: ${h.reason}`),
  ];
  return lines.join('\n');
}
