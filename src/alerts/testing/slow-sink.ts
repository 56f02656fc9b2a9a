import type { DocumentSink, SinkDocument } from '../../ports/document-sink';

export interface SlowSink extends DocumentSink {
  /** Ids stored, in the order the writes finished. */
  stored: string[];
  inFlight: number;
  mostInFlight: number;
}

/** A document sink for tests: each write takes `ms` and stores every document; it counts writes in flight. */
export function slowSink(ms: number): SlowSink {
  const sink: SlowSink = {
    name: 'slow',
    stored: [],
    inFlight: 0,
    mostInFlight: 0,
    write: async (docs: readonly SinkDocument[]) => {
      sink.inFlight++;
      sink.mostInFlight = Math.max(sink.mostInFlight, sink.inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      sink.inFlight--;
      sink.stored.push(...docs.map((d) => d.id));
      return docs.map((d) => ({ id: d.id, status: 'created' }));
    },
    close: async () => undefined,
  };
  return sink;
}
