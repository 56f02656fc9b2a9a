import type { Command } from 'commander';
import { createBus } from '../../app/pipeline/create-bus';
import { pipelineTopics } from '../../app/pipeline/topics';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { loadCommandConfig } from './load-command-config';
import { registerSetupElasticsearch } from './setup-elasticsearch-command';
import { registerSetupKibana } from './setup-kibana-command';

/** `tripline setup kafka`: creates the pipeline's topics (existing ones are left alone). */
export function registerSetup(program: Command): void {
  const setup = program.command('setup').description('Prepare the servers tripline writes to');
  registerSetupElasticsearch(setup);
  registerSetupKibana(setup);
  setup
    .command('kafka')
    .description(
      'Create the events, alerts and dead-letter topics with the configured partitions and replication',
    )
    .requiredOption('-c, --config <file>', 'YAML configuration naming the Kafka brokers')
    .option('--json', 'print the topics as JSON')
    .action(async (flags: { config: string; json?: boolean }) => {
      const loaded = loadCommandConfig(flags.config, 'kafka');
      if ('error' in loaded) {
        process.stderr.write(`tripline: ${loaded.error}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const config = loaded.config;
      const bus = createBus(config);
      const topics = pipelineTopics(config);
      try {
        await bus.ensureTopics(topics);
      } catch (error) {
        process.stderr.write(`tripline: cannot create topics: ${(error as Error).message}\n`);
        process.exitCode = EXIT.usage;
        return;
      } finally {
        await bus.close();
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ topics })}\n`);
      } else {
        const rows = topics.map((t) => [t.name, String(t.partitions), String(t.replicationFactor)]);
        process.stdout.write(
          `${renderTable([{ header: 'TOPIC' }, { header: 'PARTITIONS', align: 'right' }, { header: 'REPLICATION', align: 'right' }], rows)}\n`,
        );
      }
      process.exitCode = EXIT.ok;
    });
}
