import type { Command } from 'commander';
import { createElasticsearchClient } from '../../adapters/elasticsearch/es-connection';
import { clusterCapabilities, installTemplates } from '../../adapters/elasticsearch/index-templates';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { loadCommandConfig } from './load-command-config';

/** `tripline setup elasticsearch`: index templates, mappings and ILM policies for alerts and events. */
export function registerSetupElasticsearch(setup: Command): void {
  setup
    .command('elasticsearch')
    .description(
      'Install the index templates (and ILM policies where the cluster has ILM) for alerts and events',
    )
    .requiredOption('-c, --config <file>', "YAML configuration with an 'elasticsearch' section")
    .option('--json', 'print the steps as JSON')
    .action(async (flags: { config: string; json?: boolean }) => {
      const loaded = loadCommandConfig(flags.config, 'elasticsearch');
      if ('error' in loaded || !loaded.config.elasticsearch) {
        process.stderr.write(`tripline: ${'error' in loaded ? loaded.error : ''}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const config = { ...loaded.config, elasticsearch: loaded.config.elasticsearch };
      const client = createElasticsearchClient(config.elasticsearch);
      try {
        const capabilities = await clusterCapabilities(client);
        const steps = await installTemplates(client, capabilities);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ capabilities, steps })}\n`);
        } else {
          const rows = steps.map((s) => [s.kind, s.name, s.result, s.note ?? '']);
          process.stdout.write(
            `${renderTable([{ header: 'KIND' }, { header: 'NAME' }, { header: 'RESULT' }, { header: 'NOTE' }], rows)}\n`,
          );
        }
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.stderr.write(
          `tripline: cannot set up ${config.elasticsearch.url}: ${(error as Error).message}\n`,
        );
        process.exitCode = EXIT.usage;
      } finally {
        await client.close();
      }
    });
}
