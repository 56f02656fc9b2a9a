import type { Alert } from '../../core/alert';
import type { IncomingMessage } from '../../ports/event-bus';
import { alertMessageDocuments } from './alert-output';

const alert: Alert = {
  id: 'a1',
  timestamp: '2026-11-20T10:04:45.000Z',
  rule: {
    id: 'rule-1',
    title: 'Rule one',
    level: 'high',
    author: 'Jane Doe',
    tags: ['attack.t1552.001'],
    references: [],
    falsepositives: [],
    file: 'detections/x.yml',
  },
  event: { id: 'evt-1', logsource: { product: 'aws', categories: [], services: ['cloudtrail'] } },
  matched: [{ field: 'eventName', value: 'CreateAccessKey', matchedBy: 'equals' }],
};

function message(value: unknown): IncomingMessage {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    topic: 'alerts',
    partition: 0,
    offset: '7',
    key: null,
    value: Buffer.from(text),
    headers: {},
    timestamp: 0,
  };
}

describe('alertMessageDocuments', () => {
  const toDocument = alertMessageDocuments(true);

  it('turns an alert message into its document, keyed by the alert id', () => {
    const document = toDocument(message(alert));
    if (typeof document === 'string') throw new Error(document);
    expect(document.id).toBe('a1');
    expect(JSON.parse(document.json.toString())).toMatchObject({
      rule: { author: ['Jane Doe'] },
      event: { kind: 'alert' },
    });
  });

  it('says why a message is not an alert instead of throwing', () => {
    expect(toDocument(message('{"id":'))).toMatch(/^not JSON/);
    expect(toDocument(message({ ...alert, timestamp: undefined }))).toBe(
      'not a tripline alert: timestamp is missing or not a string',
    );
    expect(toDocument(message({ ...alert, rule: { ...alert.rule, tags: 5 } }))).toMatch(/^malformed alert: /);
    expect(toDocument(message({ ...alert, matched: null }))).toMatch(/^malformed alert: /);
  });
});
