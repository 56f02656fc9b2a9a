import type { IncomingMessage } from '../../ports/event-bus';
import { deadLetterDocument, eventDocument } from './topic-documents';

function message(value: string, offset = '7'): IncomingMessage {
  return {
    topic: 't',
    partition: 2,
    offset,
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: 0,
  };
}

const event = {
  '@timestamp': '2026-11-20T10:00:00.000Z',
  event: { id: 'evt-1' },
  tripline: { connector: 'aws-cloudtrail', logsource: { product: 'aws', service: ['cloudtrail'] } },
};

describe('eventDocument', () => {
  it('stores the message bytes themselves, keyed by the event id', () => {
    const incoming = message(JSON.stringify(event));
    const document = eventDocument(incoming);
    if (typeof document === 'string') throw new Error(document);
    expect(document.id).toBe('evt-1');
    expect(document.json).toBe(incoming.value);
  });

  it('writes a message with line breaks again on one line', () => {
    const document = eventDocument(message(JSON.stringify(event, null, 2).replace(/\n/g, '\r\n')));
    if (typeof document === 'string') throw new Error(document);
    const text = document.json.toString();
    expect(text).not.toMatch(/[\r\n]/);
    expect(JSON.parse(text)).toEqual(event);
  });

  it('writes a message that is not valid UTF-8 again as UTF-8', () => {
    const text = JSON.stringify({ ...event, message: 'caf\u00e9' });
    const incoming = message(text);
    incoming.value = Buffer.from(text, 'latin1');
    const document = eventDocument(incoming);
    if (typeof document === 'string') throw new Error(document);
    expect(document.json).not.toBe(incoming.value);
    expect(JSON.parse(document.json.toString())).toMatchObject({ message: 'caf\ufffd' });
  });

  it('says why a message is not an event', () => {
    expect(eventDocument(message('{"event":'))).toMatch(/^not JSON/);
    expect(eventDocument(message(JSON.stringify({ ...event, event: {} })))).toBe('event.id is missing');
  });
});

describe('deadLetterDocument', () => {
  it('is identified by its position on the topic and dated by `at`', () => {
    const document = deadLetterDocument(message(JSON.stringify({ reason: 'x', at: '2026-11-20T10:00:00Z' })));
    if (typeof document === 'string') throw new Error(document);
    expect(document.id).toBe('t-2-7');
    expect(JSON.parse(document.json.toString())).toEqual({
      '@timestamp': '2026-11-20T10:00:00Z',
      reason: 'x',
      at: '2026-11-20T10:00:00Z',
    });
  });
});
