import type { EcsDocument } from '../../core/normalized-event';

/**
 * Sets `path` (dotted) in a nested document, creating objects on the way. Absent values (undefined,
 * null, empty string) are skipped, so a mapping table can list every field without guarding each one.
 */
export function setField(document: EcsDocument, path: string, value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  const parts = pathParts(path);
  let node: Record<string, unknown> = document;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Connectors set the same few hundred paths on every record: each is split once. */
const splitPaths = new Map<string, readonly string[]>();
const MAX_SPLIT_PATHS = 10_000;

function pathParts(path: string): readonly string[] {
  let parts = splitPaths.get(path);
  if (parts === undefined) {
    parts = path.split('.');
    if (splitPaths.size < MAX_SPLIT_PATHS) splitPaths.set(path, parts);
  }
  return parts;
}

/** Reads a dotted path from a nested record (`undefined` when any step is missing). */
export function getField(record: unknown, path: string): unknown {
  let node: unknown = record;
  for (const part of pathParts(path)) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The value when it is a non-empty string, else undefined. */
export function stringField(record: unknown, path: string): string | undefined {
  const value = getField(record, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value as a finite number (numeric strings too), else undefined. */
export function numberField(record: unknown, path: string): number | undefined {
  const value = getField(record, path);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
