import type { Command } from 'commander';

export interface RuleLoadFlags {
  pipeline?: string[];
  placeholders?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Options shared by every command that loads rules. */
export function addRuleLoadOptions(command: Command): Command {
  return command
    .option('--pipeline <file>', 'field-mapping pipeline YAML (repeatable; applied by priority)', collect)
    .option('--placeholders <file>', 'YAML file of placeholder values for |expand (repeatable)', collect);
}
