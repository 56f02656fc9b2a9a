import type { FiredRule } from '../core/alert';
import type { DetectionEvent } from '../core/event';
import { buildAlert } from './build-alert';

const RULE: FiredRule = {
  meta: {
    id: 'r-1',
    title: 'T',
    level: 'high',
    author: 'Jane Doe',
    tags: ['attack.t1059'],
    references: ['https://x.example'],
    falsepositives: [],
  },
  file: 'rules/t.yml',
  line: 1,
};
const EVENT: DetectionEvent = {
  fields: {},
  logsource: { product: 'windows', categories: [], services: [] },
  id: 'host/Security/42',
  timestamp: '2026-01-01T00:00:00.000Z',
};

describe('buildAlert', () => {
  it('carries the rule attribution and the matched fields', () => {
    const alert = buildAlert(RULE, [{ field: 'Image', value: 'x', matchedBy: '*x' }], EVENT);
    expect(alert.rule).toMatchObject({
      id: 'r-1',
      title: 'T',
      level: 'high',
      author: 'Jane Doe',
      tags: ['attack.t1059'],
      references: ['https://x.example'],
      file: 'rules/t.yml',
    });
    expect(alert.matched).toEqual([{ field: 'Image', value: 'x', matchedBy: '*x' }]);
    expect(alert.timestamp).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives the same id for the same rule and event, another for another event', () => {
    const a = buildAlert(RULE, [], EVENT);
    expect(buildAlert(RULE, [], EVENT).id).toBe(a.id);
    expect(buildAlert(RULE, [], { ...EVENT, id: 'host/Security/43' }).id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('names an unknown author rather than none, and falls back to now without an event time', () => {
    const anonymous = { ...RULE, meta: { ...RULE.meta, author: undefined } };
    const alert = buildAlert(
      anonymous,
      [],
      { ...EVENT, timestamp: undefined },
      () => new Date('2026-02-02T00:00:00Z'),
    );
    expect(alert.rule.author).toBe('unknown author');
    expect(alert.timestamp).toBe('2026-02-02T00:00:00.000Z');
  });
});
