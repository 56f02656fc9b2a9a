import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../exit-codes';
import { packageRoot } from '../package-root';
import { hunt } from './hunt-command';

/** `npm start`: the product on its embedded default, with bundled rules and sample events. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Hunt the bundled sample events with the bundled rules (what `npm start` runs)')
    .option('--json', 'print alerts as NDJSON')
    .action(async (flags: { json?: boolean }) => {
      const root = packageRoot();
      process.stdout.write(`tripline demo: hunting connectors/samples/ with the rules in detections/\n\n`);
      const code = await hunt([join(root, 'connectors', 'samples')], {
        rules: [join(root, 'detections')],
        json: flags.json,
        maxRecordBytes: String(1024 * 1024),
        progress: false,
      });
      // Finding alerts is what the demo is for: only a failure to run is an error for `npm start`.
      process.exitCode = code === EXIT.usage ? EXIT.usage : EXIT.ok;
    });
}
