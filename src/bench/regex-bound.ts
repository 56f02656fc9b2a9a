import { parseYamlSource } from '../detection/sigma/yaml/yaml-source';
import { parseSigmaDocument } from '../detection/sigma/parse/parse-document';
import { compileRule } from '../detection/sigma/compile/compile-rule';
import { EventContext } from '../detection/sigma/compile/event-context';

const CATASTROPHIC_RULE = `
title: Catastrophic regular expression
logsource: { product: windows, category: process_creation }
detection:
  selection:
    CommandLine|re: '(a+)+$'
  condition: selection
`;

/**
 * Times a rule whose regex backtracks exponentially in a backtracking engine, on a 100 KB field built to
 * trigger it (`aaaa…b`). With RE2 the time is linear in the field size.
 */
export function measureCatastrophicRegex(fieldBytes = 100 * 1024): {
  pattern: string;
  fieldBytes: number;
  millis: number;
  matched: boolean;
} {
  const doc = parseYamlSource(CATASTROPHIC_RULE, 'catastrophic.yml').documents[0];
  if (!doc) throw new Error('catastrophic rule did not parse');
  const parsed = parseSigmaDocument(doc, 'catastrophic.yml');
  if (parsed.document?.kind !== 'rule') throw new Error('catastrophic rule is not a rule');
  const compiled = compileRule(parsed.document, [], { pipelines: [], placeholders: new Map() });
  if (!compiled.rule)
    throw new Error(
      `catastrophic rule did not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`,
    );
  const ctx = new EventContext({ CommandLine: `${'a'.repeat(fieldBytes - 1)}b` });
  const start = process.hrtime.bigint();
  const matched = compiled.rule.test(ctx);
  const millis = Number(process.hrtime.bigint() - start) / 1e6;
  return { pattern: '(a+)+$', fieldBytes, millis, matched };
}
