import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type {
  CorrelationType,
  SigmaCorrelation,
  SigmaDocument,
  SigmaFilter,
  SigmaLogsource,
  SigmaRuleMeta,
} from '../model/rule';
import { checkSchema, detectDocumentKind } from '../validate/schema-check';
import type { YamlDocument } from '../yaml/yaml-source';
import { isRecord, parseDetection } from './parse-detection';

export interface ParsedDocument {
  document?: SigmaDocument;
  diagnostics: Diagnostic[];
}

/**
 * Reads one YAML document as a Sigma rule, filter or correlation rule. Schema problems are reported but
 * do not stop parsing when the document is still usable (a bad `date` should not hide a bad condition).
 */
export function parseSigmaDocument(doc: YamlDocument, file: string): ParsedDocument {
  const value = doc.value;
  if (!isRecord(value)) {
    return {
      diagnostics: [diagnostic('yaml.not_mapping', 'a Sigma document must be a mapping', doc.locate([]))],
    };
  }
  const kind = detectDocumentKind(value);
  if (!kind) {
    // A YAML file with a title or a log source was meant as a rule; anything else (CI configs, test
    // metadata) is another kind of file that happens to sit among the rules.
    const meantAsRule = 'title' in value || 'logsource' in value;
    return {
      diagnostics: [
        meantAsRule
          ? diagnostic(
              'rule.unknown_kind',
              'the document has neither `detection` (rule), `correlation` nor `filter`',
              doc.locate([]),
            )
          : diagnostic(
              'file.not_sigma',
              'not a Sigma document (no title, logsource, detection, correlation or filter): skipped',
              doc.locate([]),
            ),
      ],
    };
  }
  const meta = readMeta(value);
  const item = meta.id ?? meta.title;
  const diagnostics: Diagnostic[] = checkSchema(doc, kind).map((d) => ({ ...d, item: d.item ?? item }));
  const source = { file, document: doc };
  const logsource = readLogsource(value['logsource']);
  if (meta.status === 'deprecated' || meta.status === 'unsupported') {
    diagnostics.push(
      diagnostic(
        'rule.deprecated_status',
        `the rule has status '${meta.status}'; it is loaded, but its authors no longer maintain it`,
        doc.locate(['status']),
        { item },
      ),
    );
  }

  if (kind === 'correlation') {
    const body = isRecord(value['correlation']) ? value['correlation'] : {};
    const correlation: SigmaCorrelation = {
      kind,
      meta,
      type: String(body['type'] ?? '') as CorrelationType,
      rules: toStringList(body['rules']),
      groupBy: toStringList(body['group-by']),
      timespan: String(body['timespan'] ?? ''),
      condition: isRecord(body['condition']) ? body['condition'] : undefined,
      source,
    };
    return { document: correlation, diagnostics };
  }

  const detectionValue = kind === 'filter' ? value['filter'] : value['detection'];
  const detectionPath = kind === 'filter' ? ['filter'] : ['detection'];
  const parsed = parseDetection(withoutKey(detectionValue, 'rules'), doc, detectionPath, item);
  diagnostics.push(...parsed.diagnostics);
  if (kind === 'filter') {
    const targets = isRecord(detectionValue) ? toStringList(detectionValue['rules']) : [];
    const filter: SigmaFilter = {
      kind,
      meta: {
        id: meta.id,
        title: meta.title,
        description: meta.description,
        author: meta.author,
        date: meta.date,
      },
      logsource,
      targets,
      detection: parsed.detection,
      source,
    };
    return { document: filter, diagnostics };
  }
  return { document: { kind: 'rule', meta, logsource, detection: parsed.detection, source }, diagnostics };
}

function readMeta(value: Record<string, unknown>): SigmaRuleMeta {
  const str = (key: string): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  };
  return {
    id: str('id'),
    title: str('title') ?? '(untitled)',
    name: str('name'),
    status: str('status'),
    description: str('description'),
    author: str('author'),
    license: str('license'),
    references: toStringList(value['references']),
    tags: toStringList(value['tags']),
    level: str('level'),
    falsepositives: toStringList(value['falsepositives']),
    date: str('date'),
    modified: str('modified'),
    fields: toStringList(value['fields']),
  };
}

function readLogsource(value: unknown): SigmaLogsource {
  if (!isRecord(value)) return {};
  const out: SigmaLogsource = {};
  for (const key of ['product', 'category', 'service'] as const) {
    const v = value[key];
    if (typeof v === 'string' && v) out[key] = v.toLowerCase();
  }
  return out;
}

function toStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function withoutKey(value: unknown, key: string): unknown {
  if (!isRecord(value) || !(key in value)) return value;
  const copy = { ...value };
  delete copy[key];
  return copy;
}
