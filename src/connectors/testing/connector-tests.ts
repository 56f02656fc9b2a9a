import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NormalizedEvent } from '../../core/normalized-event';
import { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import type { ConnectorType, JsonObject, NormalizeContext } from '../connector-type';
import { GOLDEN_CONTEXT } from './golden-samples';

/** The package root, which the pipelines that connectors name are relative to. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..', '..');

/** Normalizes a record the connector must accept (with the golden context unless told otherwise). */
export function normalizeOk(
  connector: ConnectorType,
  record: JsonObject,
  context: Partial<NormalizeContext> = {},
): NormalizedEvent {
  const outcome = connector.normalize(record, { ...GOLDEN_CONTEXT, ...context });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.event;
}

/** The events a connector makes of one input value (envelopes unwrapped, rejected records left out). */
export function normalizeInput(connector: ConnectorType, input: unknown): NormalizedEvent[] {
  return connector.unwrap(input).flatMap((record) => {
    const outcome = connector.normalize(record as JsonObject, GOLDEN_CONTEXT);
    return outcome.ok ? [outcome.event] : [];
  });
}

/** Sigma rules (files or folders) loaded for one connector; every one of them must compile. */
export async function loadRules(connector: ConnectorType, rulePaths: string[]): Promise<SourceRuleSets> {
  const rules = await SourceRuleSets.load({ rulePaths, sources: [connector], baseDir: PACKAGE_ROOT });
  expect(rules.summary.failed).toEqual([]);
  return rules;
}

/** One Sigma rule, given as its YAML lines, loaded for one connector. */
export function loadRuleYaml(connector: ConnectorType, lines: readonly string[]): Promise<SourceRuleSets> {
  const dir = mkdtempSync(join(tmpdir(), `${connector.id}-rule-`));
  writeFileSync(join(dir, 'rule.yml'), `${lines.join('\n')}\n`);
  return loadRules(connector, [dir]);
}

/** A copy of a record without the named fields. */
export function without(record: JsonObject, ...fields: string[]): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !fields.includes(name)));
}

/** The reason the connector gives for rejecting a record (the test fails if it accepts the record). */
export function rejectionOf(connector: ConnectorType, record: JsonObject): string {
  const outcome = connector.normalize(record, GOLDEN_CONTEXT);
  if (outcome.ok) throw new Error(`${connector.id} accepted the record`);
  return outcome.reason;
}
