import { inLanes } from '../core/async/in-lanes';
import { deadLetterPayload, type DeadLetter } from '../core/dead-letter';
import type { DocumentSink, SinkDocument, SinkItemResult } from '../ports/document-sink';
import type { BusProducer, IncomingMessage, MessageBatch } from '../ports/event-bus';

export interface SinkStageOptions {
  sink: DocumentSink;
  /** For rejected documents. */
  producer: BusProducer;
  /** Undefined: rejected documents are logged only (the dead-letter sink itself). */
  deadletterTopic: string | undefined;
  /** Turns a message into the document to store, or a reason it cannot be stored. */
  toDocument(message: IncomingMessage): SinkDocument | string;
  /** Documents per write request. */
  maxBatchDocuments?: number;
  /** Write requests in flight at once (default 3). */
  concurrentWrites?: number;
  /** Backoff between retries of the documents the sink asked to retry. */
  retry?: { initialMs: number; maxMs: number };
  log(line: string): void;
  now?: () => Date;
}

export interface SinkCounts {
  stored: number;
  duplicates: number;
  deadLetters: number;
  retries: number;
  /** Sizes of the write requests sent, for the benchmark. */
  writeSizes: number[];
}

/**
 * Stores the documents of a batch and returns only when every one is stored, known to be stored, or
 * dead-lettered: the consumer commits after that, so nothing is lost. While the sink is slow or down the
 * stage keeps retrying the same batch with backoff instead of reading further — the bus holds the backlog,
 * not this process's memory.
 */
export class SinkStage {
  readonly counts: SinkCounts = { stored: 0, duplicates: 0, deadLetters: 0, retries: 0, writeSizes: [] };
  private stopping = false;

  constructor(private readonly options: SinkStageOptions) {}

  /** Makes a batch in a retry loop give up (without committing) so the consumer can stop. */
  stop(): void {
    this.stopping = true;
  }

  async handleBatch(batch: MessageBatch): Promise<void> {
    const letters: DeadLetter[] = [];
    const size = this.options.maxBatchDocuments ?? 1000;
    const chunks: IncomingMessage[][] = [];
    for (let i = 0; i < batch.messages.length; i += size) chunks.push(batch.messages.slice(i, i + size));
    // A few lanes, each building a write request and sending it: while one waits for the store, another
    // builds the next request, so neither the store nor this process sits idle. The batch resolves only
    // when every request is done.
    await inLanes(chunks, this.options.concurrentWrites ?? 3, async (chunk) => {
      const documents: { document: SinkDocument; message: IncomingMessage }[] = [];
      for (const message of chunk) {
        const document = this.options.toDocument(message);
        if (typeof document === 'string') letters.push(this.deadLetter(message, 'event.malformed', document));
        else documents.push({ document, message });
      }
      letters.push(...(await this.storeWithRetry(documents)));
    });
    if (letters.length > 0 && this.options.deadletterTopic === undefined) {
      for (const letter of letters)
        this.options.log(`${this.options.sink.name}: not stored: ${letter.position}: ${letter.reason}`);
    } else if (letters.length > 0) {
      await this.options.producer.send(
        this.options.deadletterTopic as string,
        letters.map((l) => ({ key: null, value: JSON.stringify(l) })),
      );
      this.counts.deadLetters += letters.length;
    }
  }

  private async storeWithRetry(
    items: { document: SinkDocument; message: IncomingMessage }[],
  ): Promise<DeadLetter[]> {
    const retry = this.options.retry ?? { initialMs: 200, maxMs: 30_000 };
    const letters: DeadLetter[] = [];
    if (items.length === 0) return letters;
    let pending = items;
    let delay = retry.initialMs;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (this.stopping)
        throw new Error(`${this.options.sink.name}: stopping with ${pending.length} documents not stored`);
      let results: SinkItemResult[];
      try {
        this.counts.writeSizes.push(pending.length);
        results = await this.options.sink.write(pending.map((p) => p.document));
      } catch (error) {
        results = pending.map((p) => ({
          id: p.document.id,
          status: 'retry',
          reason: (error as Error).message,
        }));
      }
      const byId = new Map(results.map((r) => [r.id, r]));
      const again: typeof pending = [];
      let firstReason = '';
      for (const item of pending) {
        const result: SinkItemResult = byId.get(item.document.id) ?? {
          id: item.document.id,
          status: 'retry',
          reason: 'no result for this document',
        };
        if (result.status === 'created') this.counts.stored++;
        else if (result.status === 'duplicate') this.counts.duplicates++;
        else if (result.status === 'rejected')
          letters.push(this.deadLetter(item.message, 'sink.rejected', result.reason));
        else if (result.status === 'retry') {
          again.push(item);
          firstReason ||= result.reason;
        }
      }
      pending = again;
      if (pending.length === 0) break;
      this.counts.retries++;
      if (attempt === 1 || attempt % 10 === 0) {
        this.options.log(
          `${this.options.sink.name}: ${pending.length} documents will be retried (attempt ${attempt}): ${firstReason}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(retry.maxMs, delay * 2);
    }
    return letters;
  }

  private deadLetter(
    message: IncomingMessage,
    code: 'event.malformed' | 'sink.rejected',
    reason: string,
  ): DeadLetter {
    return {
      stage: 'sink',
      code,
      reason,
      source: `kafka:${message.topic}`,
      position: `partition ${message.partition}, offset ${message.offset}`,
      at: (this.options.now?.() ?? new Date()).toISOString(),
      payload: deadLetterPayload(message.value ?? undefined),
    };
  }
}
