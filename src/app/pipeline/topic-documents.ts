import { isUtf8 } from 'node:buffer';
import { eventFromDocument } from '../../core/event-document';
import type { DeadLetter } from '../../core/dead-letter';
import type { SinkDocument } from '../../ports/document-sink';
import type { IncomingMessage } from '../../ports/event-bus';

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A normalized event stored as it is on the topic: read only to check it and find its id. */
export function eventDocument(message: IncomingMessage): SinkDocument | string {
  const bytes = message.value ?? Buffer.alloc(0);
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const event = eventFromDocument(document);
  if (typeof event === 'string') return event;
  // A document must be one line of UTF-8; only whitespace can hold a raw line break in valid JSON. Other
  // messages are written again from what was read (invalid bytes read as U+FFFD).
  const asIs = isUtf8(bytes) && !bytes.includes(LINE_FEED) && !bytes.includes(CARRIAGE_RETURN);
  return { id: event.id, json: asIs ? bytes : Buffer.from(JSON.stringify(document)) };
}

/** A dead letter as a document: its position on the topic is its identity, `at` its time. */
export function deadLetterDocument(message: IncomingMessage): SinkDocument | string {
  let letter: DeadLetter;
  try {
    letter = JSON.parse(message.value?.toString('utf8') ?? '') as DeadLetter;
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  return {
    id: `${message.topic}-${message.partition}-${message.offset}`,
    json: Buffer.from(JSON.stringify({ '@timestamp': letter.at, ...letter })),
  };
}
