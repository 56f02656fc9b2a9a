import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type SourceLocation } from '../../../core/diagnostics';

export type YamlPath = readonly (string | number)[];

/** One YAML document: its plain value and a way to find where any part of it was written. */
export interface YamlDocument {
  value: unknown;
  /** Location of the node at `path` (the key, for map entries); falls back to the nearest ancestor. */
  locate(path: YamlPath): SourceLocation;
  /** Index of the document within its file (0 for the first). */
  index: number;
}

export interface YamlSource {
  file: string;
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

/** Parses every document of a YAML text, keeping positions for diagnostics. Never throws. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const toLocation = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const documents: YamlDocument[] = [];
  docs.forEach((doc, index) => {
    for (const error of doc.errors) {
      const code = error.code === 'DUPLICATE_KEY' ? 'yaml.duplicate_key' : 'yaml.syntax';
      diagnostics.push(diagnostic(code, firstLine(error.message), toLocation(error.pos[0])));
    }
    if (doc.errors.length > 0) return;
    if (doc.contents === null) return; // an empty document, e.g. a trailing `---`
    const root = doc.contents as Node;
    documents.push({
      value: doc.toJS({ maxAliasCount: 1000 }),
      index,
      locate: (path) => toLocation(offsetOf(root, path)),
    });
  });
  return { file, documents, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Offset of the node at `path`: for a map entry, the key's position (where a reader looks first). */
function offsetOf(root: Node, path: YamlPath): number {
  let node: unknown = root;
  let offset = rangeStart(root);
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (!pair) break;
      offset = rangeStart(pair.key as Node);
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!item) break;
      offset = rangeStart(item as Node);
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}
