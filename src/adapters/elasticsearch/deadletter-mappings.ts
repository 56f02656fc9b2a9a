/**
 * Explicit mappings of dead letters indexed as events (`logs-tripline.deadletter-*`): the fields of
 * src/core/dead-letter.ts, with `@timestamp` set to the dead letter's `at`. The payload excerpt is kept
 * for reading only (a bad record is not something to search or aggregate on); unknown fields stay in
 * `_source` without being indexed.
 */
const keyword = { type: 'keyword', ignore_above: 1024 } as const;
const date = { type: 'date' } as const;

export const DEADLETTER_MAPPINGS = {
  dynamic: false,
  properties: {
    '@timestamp': date,
    stage: keyword,
    code: keyword,
    reason: { type: 'text', fields: { keyword } },
    source: keyword,
    position: keyword,
    connector: keyword,
    at: date,
    payload: {
      properties: {
        excerpt: { type: 'text', index: false },
        encoding: keyword,
        bytes: { type: 'long' },
        truncated: { type: 'boolean' },
      },
    },
  },
} as const;
