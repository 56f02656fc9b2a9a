import { appendFileSync } from 'node:fs';
import {
  documentLine,
  type DocumentSink,
  type SinkDocument,
  type SinkItemResult,
} from '../../ports/document-sink';

export interface ConsoleFileSinkOptions {
  /** Append every new document to this NDJSON file. */
  file?: string;
  /** Print each new document (a table row, or the JSON line with `json`). */
  print?: (document: SinkDocument) => void;
}

/**
 * The embedded mode's document store: the console and an NDJSON file, with the same document shape as
 * Elasticsearch. Like Elasticsearch's `create`, an id written before in this process is a duplicate.
 */
export class ConsoleFileSink implements DocumentSink {
  readonly name: string;
  private readonly seen = new Set<string>();

  constructor(private readonly options: ConsoleFileSinkOptions) {
    this.name = options.file ? `file ${options.file}` : 'console';
  }

  async write(documents: readonly SinkDocument[]): Promise<SinkItemResult[]> {
    const lines: string[] = [];
    const results: SinkItemResult[] = documents.map((document) => {
      if (this.seen.has(document.id)) return { id: document.id, status: 'duplicate' };
      this.seen.add(document.id);
      lines.push(documentLine(document));
      this.options.print?.(document);
      return { id: document.id, status: 'created' };
    });
    if (this.options.file && lines.length > 0) appendFileSync(this.options.file, `${lines.join('\n')}\n`);
    return results;
  }

  async close(): Promise<void> {
    this.seen.clear();
  }
}
