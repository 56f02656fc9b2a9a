import type { SourceLocation } from '../../../core/diagnostics';
import type { SigmaLogsource } from '../model/rule';

/** Which rules a transformation applies to: all conditions must hold (or any, with `rule_cond_op: or`). */
export interface LogsourceCondition {
  type: 'logsource';
  product?: string;
  category?: string;
  service?: string;
}

export type Transformation =
  | { type: 'field_name_mapping'; mapping: Record<string, string[]> }
  | { type: 'field_name_prefix_mapping'; mapping: Record<string, string> }
  | { type: 'add_field_name_prefix'; prefix: string }
  | { type: 'value_placeholders'; values: Record<string, string[]> }
  | { type: 'wildcard_placeholders' }
  | { type: 'change_logsource'; logsource: SigmaLogsource }
  | { type: 'add_condition'; conditions: Record<string, string | number | boolean | null> };

export interface ProcessingItem {
  id?: string;
  transformation: Transformation;
  ruleConditions: LogsourceCondition[];
  ruleConditionOp: 'and' | 'or';
  /** Field-name globs the transformation is limited to / excludes (`*` wildcard). */
  includeFields?: string[];
  excludeFields?: string[];
  location: SourceLocation;
}

/**
 * A field-mapping pipeline: the rules' view of field names and log sources rewritten onto what a
 * source actually emits. Pipelines run in ascending `priority`, items in the order written.
 */
export interface ProcessingPipeline {
  name: string;
  priority: number;
  items: ProcessingItem[];
  file: string;
}
