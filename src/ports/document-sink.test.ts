import { documentLine } from './document-sink';

describe('documentLine', () => {
  it('puts the id first in the document object, empty or not', () => {
    const line = documentLine({ id: 'a"1', json: Buffer.from('{"rule":{"name":"x"},"n":1}') });
    expect(line).toBe('{"_id":"a\\"1","rule":{"name":"x"},"n":1}');
    expect(JSON.parse(line)).toEqual({ _id: 'a"1', rule: { name: 'x' }, n: 1 });
    expect(JSON.parse(documentLine({ id: 'b', json: Buffer.from(' { } ') }))).toEqual({ _id: 'b' });
  });
});
