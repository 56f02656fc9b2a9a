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

export interface HuntOptions {
  index: RuleIndex;
  /** Files, folders or `-` for standard input. */
  inputs: readonly string[];
  logsource?: EventLogsource;
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
      const normalized = normalizeHuntRecord(record.value, options.logsource);
      if (!normalized.ok) {
        summary.badRecords++;
        options.onBadRecord({ source, line: record.line, reason: normalized.reason });
        continue;
      }
      for (const match of options.index.match(normalized.event)) {
        const alert = buildAlert(match.rule, match.rule.matchedFields(match.context), normalized.event);
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
