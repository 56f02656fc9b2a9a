import type { Command } from 'commander';
import { run } from './run-command';

/** `tripline demo`: the product on its embedded default — `tripline run all` without a configuration. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run the whole pipeline in-process over the bundled samples (what `npm start` runs)')
    .option('--json', 'print alerts as NDJSON')
    .action(async (flags: { json?: boolean }) => {
      process.exitCode = await run('all', { json: flags.json });
    });
}
