import type { ConnectorType } from '../../connectors/connector-type';
import { normalizeInput } from '../../connectors/ingest/normalize-input';
import { attachEventContext } from '../../detection/engine/alert-context';
import type { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import type { RecordEvaluator } from './hunt-runner';

/**
 * `hunt --source <type|auto>`: each record goes through its connector (envelopes unwrapped, ECS
 * document, the connector's field mapping) exactly as in the pipeline, so a hunt over vendor files
 * raises the alerts the streaming detector would.
 */
export function connectorEvaluator(
  rules: SourceRuleSets,
  connector: ConnectorType | undefined,
  candidates: readonly ConnectorType[],
  maxOriginalBytes = 16 * 1024,
): RecordEvaluator {
  return {
    evaluate: (value, source, line) => {
      const results = normalizeInput(
        { ok: true, value, source, position: `line ${line}` },
        { ...(connector ? { connector } : {}), candidates, maxOriginalBytes, now: () => new Date() },
      );
      const alerts = [];
      const rejected = [];
      for (const result of results) {
        if ('deadLetter' in result)
          rejected.push(`${result.deadLetter.position}: ${result.deadLetter.reason}`);
        else alerts.push(...rules.detect(result.event).map((a) => attachEventContext(a, result.event)));
      }
      return { alerts, rejected };
    },
  };
}
