import type { Alert } from '../../core/alert';
import type { EventLogsource } from '../../core/event';
import { buildAlert } from '../../alerts/build-alert';
import { readJsonRecords } from '../../connectors/inputs/json-record-reader';
import { listInputFiles, openInput } from '../../connectors/inputs/input-paths';
import type { RuleIndex } from '../../detection/engine/rule-index';
import { normalizeHuntRecord } from './normalize-record';

export interface BadRecord {
  source: string;
  line: number;
  reason: string;
}

export interface HuntProgress {
  file: string;
  records: number;
  alerts: number;
}

export interface HuntSummary {
  files: number;
  records: number;
  badRecords: number;
  alerts: number;
  alertsByRule: Map<string, { title: string; level: string; author: string; count: number }>;
  elapsedMs: number;
}

/** How a hunt turns one parsed record into alerts: Sigma field names directly, or through a connector. */
export interface RecordEvaluator {
  evaluate(value: unknown, source: string, line: number): { alerts: Alert[]; rejected: string[] };
}

export interface HuntOptions {
  evaluator: RecordEvaluator;
  /** Files, folders or `-` for standard input. */
  inputs: readonly string[];
  maxRecordBytes?: number;
  onAlert(alert: Alert): void;
  onBadRecord(record: BadRecord): void;
  onProgress?(progress: HuntProgress): void;
}

/** Reads every input record, evaluates it, and reports alerts and unreadable records as it goes. */
export async function runHunt(options: HuntOptions): Promise<HuntSummary> {
  const started = Date.now();
  const files = options.inputs.length === 0 ? ['-'] : await listInputFiles([...options.inputs]);
  const summary: HuntSummary = {
    files: files.length,
    records: 0,
    badRecords: 0,
    alerts: 0,
    alertsByRule: new Map(),
    elapsedMs: 0,
  };
  for (const file of files) {
    const source = file === '-' ? 'stdin' : file;
    for await (const record of readJsonRecords(openInput(file), {
      source,
      maxRecordBytes: options.maxRecordBytes,
    })) {
      summary.records++;
      if (!record.ok) {
        summary.badRecords++;
        options.onBadRecord({ source, line: record.line, reason: record.reason });
        continue;
      }
      const { alerts, rejected } = options.evaluator.evaluate(record.value, source, record.line);
      for (const reason of rejected) {
        summary.badRecords++;
        options.onBadRecord({ source, line: record.line, reason });
      }
      for (const alert of alerts) {
        summary.alerts++;
        const entry = summary.alertsByRule.get(alert.rule.id);
        if (entry) entry.count++;
        else
          summary.alertsByRule.set(alert.rule.id, {
            title: alert.rule.title,
            level: alert.rule.level,
            author: alert.rule.author,
            count: 1,
          });
        options.onAlert(alert);
      }
      if (options.onProgress && (summary.records & 1023) === 0) {
        options.onProgress({ file: source, records: summary.records, alerts: summary.alerts });
      }
    }
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** The default: Windows (EVTX-JSON or flat), CloudTrail, or any object with a given log source. */
export function sigmaFieldEvaluator(
  index: RuleIndex,
  logsource: EventLogsource | undefined,
): RecordEvaluator {
  return {
    evaluate: (value) => {
      const normalized = normalizeHuntRecord(value, logsource);
      if (!normalized.ok) return { alerts: [], rejected: [normalized.reason] };
      const alerts = index
        .match(normalized.event)
        .map((m) => buildAlert(m.rule, m.rule.matchedFields(m.context), normalized.event));
      return { alerts, rejected: [] };
    },
  };
}
