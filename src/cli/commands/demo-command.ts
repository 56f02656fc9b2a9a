import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../package-root';

/** `npm start`: the product on its embedded default, with bundled rules and sample events. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Hunt the bundled sample events with the bundled rules (what `npm start` runs)')
    .option('--json', 'print alerts as NDJSON')
    .action(async (flags: { json?: boolean }) => {
      const root = packageRoot();
      process.stdout.write(
        `tripline demo: hunting ${join('connectors', 'samples')} with the rules in ${join('detections')}\n\n`,
      );
      const args = ['hunt', '--rules', join(root, 'detections'), join(root, 'connectors', 'samples')];
      if (flags.json) args.push('--json');
      await program.parseAsync(args, { from: 'user' });
      // A demo that found alerts did its job: it is not a failure for `npm start`.
      if (process.exitCode === 1) process.exitCode = 0;
    });
}
