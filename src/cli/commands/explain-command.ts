import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostics';
import { normalizeHuntRecord } from '../../app/hunt/normalize-record';
import { ruleAppliesTo } from '../../detection/engine/logsource-routing';
import { loadRuleSet } from '../../detection/loading/load-rule-set';
import type { RuleExplanation } from '../../detection/sigma/compile/compile-rule';
import type { IdentifierTrace } from '../../detection/sigma/compile/compile-detection';
import { EventContext } from '../../detection/sigma/compile/event-context';
import { logsourceOfRule } from '../../detection/testing/run-rule-tests';
import { EXIT } from '../exit-codes';
import { addRuleLoadOptions, type RuleLoadFlags } from './rule-options';

interface ExplainFlags extends RuleLoadFlags {
  rule: string;
  event: string;
  rules: string[];
  json?: boolean;
}

export function registerExplain(rules: Command): void {
  addRuleLoadOptions(
    rules
      .command('explain')
      .description('Show why a rule matched an event or not: each selection, field, modifier and value')
      .requiredOption('--rule <id|file>', 'a rule file, or the id of a rule found under --rules')
      .requiredOption('--event <file>', 'a JSON file with one event (flat fields or EVTX-as-JSON)')
      .option('-r, --rules <paths...>', 'where to look up a rule id', ['detections']),
  )
    .option('--json', 'print the explanation as JSON')
    .action(async (flags: ExplainFlags) => {
      process.exitCode = await explain(flags);
    });
}

async function explain(flags: ExplainFlags): Promise<number> {
  const isFile = await stat(flags.rule).then(
    (s) => s.isFile(),
    () => false,
  );
  const loaded = await loadRuleSet({
    rulePaths: isFile ? [flags.rule] : flags.rules,
    pipelinePaths: flags.pipeline,
    placeholderPaths: flags.placeholders,
  });
  const rule = isFile
    ? loaded.rules[0]
    : loaded.rules.find((r) => r.meta.id === flags.rule || r.meta.name === flags.rule);
  if (!rule) {
    const failed = loaded.failed.find((f) => f.id === flags.rule || f.file === flags.rule);
    process.stderr.write(
      failed
        ? `rule ${flags.rule} does not compile:\n${failed.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}\n`
        : `no rule '${flags.rule}' found in ${flags.rules.join(', ')}\n`,
    );
    return EXIT.usage;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(flags.event, 'utf8'));
  } catch (error) {
    process.stderr.write(`--event ${flags.event}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const normalized = normalizeHuntRecord(raw, logsourceOfRule(rule));
  if (!normalized.ok) {
    process.stderr.write(`--event ${flags.event}: ${normalized.reason}\n`);
    return EXIT.usage;
  }
  const applies = ruleAppliesTo(rule.logsource, normalized.event.logsource);
  const explanation = rule.explain(new EventContext(normalized.event.fields));
  const matched = applies && explanation.matched;
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ rule: { id: rule.meta.id, title: rule.meta.title, file: rule.file }, logsourceApplies: applies, ...explanation, matched }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      renderExplanation(
        rule.meta.title,
        rule.meta.id,
        `${rule.file}:${rule.line}`,
        applies,
        explanation,
        matched,
      ),
    );
  }
  return matched ? EXIT.findings : EXIT.ok;
}

function renderExplanation(
  title: string,
  id: string | undefined,
  where: string,
  applies: boolean,
  e: RuleExplanation,
  matched: boolean,
): string {
  const lines: string[] = [];
  lines.push(`Rule:      ${title}${id ? ` (${id})` : ''}`);
  lines.push(`File:      ${where}`);
  lines.push(`Result:    ${matched ? 'MATCH' : 'NO MATCH'}`);
  if (!applies)
    lines.push(`Log source: the event's log source does not fit the rule, so it never reaches it`);
  lines.push(`Condition: ${e.conditions.join('  OR  ')}`);
  lines.push('');
  for (const id of e.identifiers) lines.push(...renderIdentifier(id, '  '));
  for (const f of e.filters) {
    lines.push(`  filter ${f.id}: ${f.matched ? 'matched, so the rule is suppressed' : 'did not match'}`);
    for (const id of f.identifiers) lines.push(...renderIdentifier(id, '    '));
  }
  return `${lines.join('\n')}\n`;
}

function renderIdentifier(id: IdentifierTrace, indent: string): string[] {
  const lines = [`${indent}${mark(id.matched)} ${id.name}`];
  id.alternatives.forEach((alt, i) => {
    const inner = id.alternatives.length > 1 ? `${indent}    ` : `${indent}  `;
    if (id.alternatives.length > 1) lines.push(`${indent}  ${mark(alt.matched)} alternative ${i + 1}`);
    for (const item of alt.items) {
      const seen =
        item.eventValues === null
          ? 'field absent'
          : `event: ${short(item.eventValues.length === 1 ? item.eventValues[0] : item.eventValues)}`;
      const why =
        item.matchedValues.length > 0
          ? `matched by ${item.matchedValues.map(short).join(', ')}`
          : `rule values: ${item.ruleValues.map(short).join(', ')}`;
      lines.push(`${inner}${mark(item.matched)} ${item.key}  (${seen}; ${why})`);
    }
  });
  return lines;
}

function mark(ok: boolean): string {
  return ok ? '✔' : '✘';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
