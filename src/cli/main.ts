#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation: every stage makes many short-lived objects per event (parsed records,
// documents, JSON texts), and V8's default (16 MiB) fills four times as often. With 64 MiB
// `npm run bench:pipeline` measured up to 25 % more events/s. To choose another size, run
// `node --max-semi-space-size=<MiB> dist/cli/main.js` (NODE_OPTIONS loses to this line).
import { Command } from 'commander';
import { registerAlerts } from './commands/alerts-command';
import { registerDemo } from './commands/demo-command';
import { registerExplain } from './commands/explain-command';
import { registerHunt } from './commands/hunt-command';
import { registerLint } from './commands/lint-command';
import { registerRun } from './commands/run-command';
import { registerSetup } from './commands/setup-command';
import { registerTest } from './commands/test-command';
import { EXIT } from './exit-codes';
import { packageVersion } from './package-root';

export function buildProgram(): Command {
  const program = new Command('tripline')
    .description('Detection engine and event pipeline for AI model deployments in the cloud')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  registerHunt(program);
  const rules = program.command('rules').description('Work on detection rules: lint, test, explain');
  registerLint(rules);
  registerTest(rules);
  registerExplain(rules);
  registerRun(program);
  registerSetup(program);
  registerAlerts(program);
  registerDemo(program);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exitCode = EXIT.ok;
    else if (code?.startsWith('commander.')) process.exitCode = EXIT.usage;
    else {
      process.stderr.write(`tripline: ${(error as Error).message}\n`);
      process.exitCode = EXIT.usage;
    }
  }
}

if (require.main === module) void main();
