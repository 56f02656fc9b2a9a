import { diagnostic, type Diagnostic } from '../../../core/diagnostics';
import type {
  DetectionItem,
  RawValue,
  SearchIdentifier,
  SigmaCondition,
  SigmaDetection,
} from '../model/rule';
import type { YamlDocument, YamlPath } from '../yaml/yaml-source';
import { parseCondition } from './condition-parser';

interface Context {
  doc: YamlDocument;
  item: string | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Turns a `detection` mapping into search identifiers and parsed conditions. Reports every problem it
 * sees; a broken identifier is left out so the rest can still be checked.
 */
export function parseDetection(
  value: unknown,
  doc: YamlDocument,
  basePath: YamlPath,
  item: string | undefined,
): { detection: SigmaDetection; diagnostics: Diagnostic[] } {
  const ctx: Context = { doc, item, diagnostics: [] };
  const identifiers = new Map<string, SearchIdentifier>();
  const conditions: SigmaCondition[] = [];
  if (!isRecord(value)) {
    report(ctx, 'detection.empty', 'the detection section must be a mapping', basePath);
    return { detection: { identifiers, conditions }, diagnostics: ctx.diagnostics };
  }
  for (const [name, body] of Object.entries(value)) {
    if (name === 'condition' || name === 'timeframe') continue;
    const identifier = parseIdentifier(name, body, [...basePath, name], ctx);
    if (identifier) identifiers.set(name, identifier);
  }
  if (identifiers.size === 0 && !ctx.diagnostics.length) {
    report(ctx, 'detection.empty', 'the detection section defines no search identifier', basePath);
  }
  const rawConditions = value['condition'];
  const list = Array.isArray(rawConditions) ? rawConditions : [rawConditions];
  list.forEach((text, index) => {
    const path = Array.isArray(rawConditions)
      ? [...basePath, 'condition', index]
      : [...basePath, 'condition'];
    if (typeof text !== 'string') {
      if (rawConditions !== undefined) report(ctx, 'condition.syntax', 'a condition must be a string', path);
      return;
    }
    const parsed = parseCondition(text);
    const location = doc.locate(path);
    if (parsed.ok) {
      conditions.push({ text, ast: parsed.ast, location });
    } else {
      ctx.diagnostics.push(
        diagnostic('condition.syntax', `condition '${text}': ${parsed.error.message}`, location, {
          item,
          field: path.join('.'),
        }),
      );
    }
  });
  return { detection: { identifiers, conditions }, diagnostics: ctx.diagnostics };
}

function parseIdentifier(
  name: string,
  body: unknown,
  path: YamlPath,
  ctx: Context,
): SearchIdentifier | undefined {
  const location = ctx.doc.locate(path);
  if (isRecord(body)) {
    const items = parseMap(body, path, ctx);
    return items ? { name, alternatives: [items], location } : undefined;
  }
  if (Array.isArray(body) && body.length > 0) {
    const alternatives: DetectionItem[][] = [];
    const keywords: RawValue[] = [];
    let ok = true;
    body.forEach((entry, index) => {
      if (isRecord(entry)) {
        const items = parseMap(entry, [...path, index], ctx);
        if (items) alternatives.push(items);
        else ok = false;
      } else if (isScalar(entry)) {
        keywords.push(entry);
      } else {
        report(ctx, 'detection.bad_value', `'${name}' mixes lists into a list`, [...path, index]);
        ok = false;
      }
    });
    if (keywords.length > 0) {
      alternatives.push([{ field: null, modifiers: [], values: keywords, location, key: name }]);
    }
    return ok ? { name, alternatives, location } : undefined;
  }
  if (isScalar(body) && body !== null) {
    return {
      name,
      alternatives: [[{ field: null, modifiers: [], values: [body], location, key: name }]],
      location,
    };
  }
  report(
    ctx,
    'detection.bad_identifier',
    `search identifier '${name}' must be a map, a list of maps or a list of keywords`,
    path,
  );
  return undefined;
}

function parseMap(map: Record<string, unknown>, path: YamlPath, ctx: Context): DetectionItem[] | undefined {
  const items: DetectionItem[] = [];
  let ok = true;
  const keys = Object.keys(map);
  if (keys.length === 0) {
    report(ctx, 'detection.bad_identifier', 'a selection map is empty', path);
    return undefined;
  }
  for (const key of keys) {
    const raw = map[key];
    const itemPath = [...path, key];
    const [fieldPart, ...modifiers] = key.split('|');
    const values = Array.isArray(raw) ? raw : [raw];
    const bad = values.findIndex((v) => !isScalar(v));
    if (bad >= 0) {
      report(
        ctx,
        'detection.bad_value',
        `'${key}' has a value that is not a string, number, boolean or null`,
        [...itemPath, ...(Array.isArray(raw) ? [bad] : [])],
      );
      ok = false;
      continue;
    }
    if (Array.isArray(raw) && raw.length === 0) {
      report(ctx, 'detection.bad_value', `'${key}' has an empty list of values`, itemPath);
      ok = false;
      continue;
    }
    items.push({
      field: fieldPart ? fieldPart : null,
      modifiers: modifiers.map((m) => m.trim()),
      values: values as RawValue[],
      location: ctx.doc.locate(itemPath),
      key,
    });
  }
  return ok ? items : undefined;
}

function report(ctx: Context, code: Parameters<typeof diagnostic>[0], message: string, path: YamlPath): void {
  ctx.diagnostics.push(
    diagnostic(code, message, ctx.doc.locate(path), { item: ctx.item, field: path.join('.') }),
  );
}

function isScalar(value: unknown): value is RawValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
