import type { Client } from '@elastic/elasticsearch';
import type { BulkResponse } from '@elastic/elasticsearch/lib/api/types';
import type { DocumentSink, SinkDocument, SinkItemResult } from '../../ports/document-sink';

const NEWLINE = Buffer.from('\n');

/**
 * Stores documents with one `_bulk` request of `create` operations keyed by the document id: a
 * redelivered alert is a 409 conflict, reported as a duplicate, never a second document. Per item,
 * 429 and 5xx are retried by the caller; any other error (mapping, validation) is a rejection.
 */
export class ElasticsearchDocumentSink implements DocumentSink {
  readonly name: string;
  private readonly path: string;

  constructor(
    private readonly client: Client,
    private readonly index: string,
  ) {
    this.name = `elasticsearch ${index}`;
    this.path = `/${encodeURIComponent(index)}/_bulk`;
  }

  async write(documents: readonly SinkDocument[]): Promise<SinkItemResult[]> {
    if (documents.length === 0) return [];
    // The documents are JSON text already: the request body is put together here, not serialized by the client.
    const parts: Buffer[] = [];
    let length = 0;
    for (const document of documents) {
      const action = Buffer.from(`{"create":{"_id":${JSON.stringify(document.id)}}}\n`);
      parts.push(action, document.json, NEWLINE);
      length += action.length + document.json.length + 1;
    }
    const body = Buffer.concat(parts, length);
    // A failed request (connection refused, 429/5xx for the whole request, auth) throws: the caller retries all.
    // Only each item's status and error come back (not its index, id, version, shards...): a fifth of the
    // response to build, send and parse. Items keep their order, so they are read by position.
    const response = await this.client.transport.request<BulkResponse>({
      method: 'POST',
      path: this.path,
      querystring: { refresh: 'false', filter_path: 'errors,items.*.status,items.*.error' },
      bulkBody: body,
    });
    return (response.items ?? []).map((item, i) => {
      const result = item.create ?? item.index;
      const id = (documents[i] as SinkDocument).id;
      const status = result?.status ?? 500;
      if (status === 200 || status === 201) return { id, status: 'created' };
      if (status === 409) return { id, status: 'duplicate' };
      const error = result?.error;
      const reason = error ? `${status} ${error.type}: ${error.reason ?? ''}`.trim() : `status ${status}`;
      if (status === 429 || status >= 500) return { id, status: 'retry', reason };
      return { id, status: 'rejected', reason };
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
