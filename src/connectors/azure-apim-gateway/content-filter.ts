import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';

/** One content-filter category merged over the prompt and every completion choice. */
export interface FilterCategory {
  filtered?: boolean;
  detected?: boolean;
  severity?: string;
  /** Custom blocklists only: the ids of the lists that matched. */
  id?: string[];
}

export type FilterResults = Record<string, FilterCategory>;

const SEVERITY_ORDER = ['safe', 'low', 'medium', 'high'];

/**
 * Azure OpenAI content-filter results in a response: `prompt_filter_results[].content_filter_results`
 * (and the older `prompt_annotations`), `choices[].content_filter_results`, and when a prompt was
 * blocked (HTTP 400, `error.code: content_filter`) `error.innererror.content_filter_result`. Categories
 * are `hate`, `sexual`, `violence`, `self_harm` ({filtered, severity}), `profanity`, `jailbreak`
 * (Prompt Shields), `indirect_attack`, `protected_material_text|code` ({filtered, detected}) and
 * `custom_blocklists`. Booleans are OR-ed and the highest severity kept.
 */
export function mergeContentFilterResults(chunks: readonly JsonObject[]): FilterResults | undefined {
  const merged: FilterResults = {};
  let any = false;
  const add = (result: unknown): void => {
    if (!isJsonObject(result)) return;
    any = true;
    for (const [category, value] of Object.entries(result)) {
      const into = (merged[category] ??= {});
      if (category === 'custom_blocklists') addBlocklists(into, value);
      else if (isJsonObject(value)) addCategory(into, value);
    }
  };
  for (const chunk of chunks) {
    for (const key of ['prompt_filter_results', 'prompt_annotations']) {
      const list = chunk[key];
      if (Array.isArray(list)) for (const p of list) if (isJsonObject(p)) add(p['content_filter_results']);
    }
    const choices = chunk['choices'];
    if (Array.isArray(choices))
      for (const c of choices) if (isJsonObject(c)) add(c['content_filter_results']);
    const error = chunk['error'];
    const inner = isJsonObject(error) ? error['innererror'] : undefined;
    if (isJsonObject(inner)) add(inner['content_filter_result'] ?? inner['content_filter_results']);
  }
  return any ? merged : undefined;
}

function addCategory(into: FilterCategory, value: JsonObject): void {
  if (typeof value['filtered'] === 'boolean') into.filtered = (into.filtered ?? false) || value['filtered'];
  if (typeof value['detected'] === 'boolean') into.detected = (into.detected ?? false) || value['detected'];
  const severity = value['severity'];
  if (typeof severity === 'string' && rank(severity) >= rank(into.severity)) into.severity = severity;
}

/** `[{filtered, id}]`, or `{filtered, details: [{filtered, id}]}` in newer API versions. */
function addBlocklists(into: FilterCategory, value: unknown): void {
  const entries = Array.isArray(value) ? value : isJsonObject(value) ? (value['details'] ?? []) : [];
  if (isJsonObject(value) && typeof value['filtered'] === 'boolean') {
    into.filtered = (into.filtered ?? false) || value['filtered'];
  }
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    if (!isJsonObject(entry)) continue;
    if (typeof entry['filtered'] === 'boolean') into.filtered = (into.filtered ?? false) || entry['filtered'];
    const id = entry['id'];
    if (entry['filtered'] === true && typeof id === 'string' && !(into.id ?? []).includes(id)) {
      into.id = [...(into.id ?? []), id];
    }
  }
  into.filtered ??= false;
}

function rank(severity: string | undefined): number {
  return severity === undefined ? -1 : SEVERITY_ORDER.indexOf(severity.toLowerCase());
}

/** The categories that fired (filtered or detected), for `gen_ai.policy.*` / `gen_ai.compliance.*`. */
export function filterHits(results: FilterResults): { name: string; category: FilterCategory }[] {
  return Object.entries(results)
    .filter(([, c]) => c.filtered === true || c.detected === true)
    .map(([name, category]) => ({ name, category }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
