import { EventContext, flatFieldsOf } from '../sigma/compile/event-context';
import { flattenDocument } from './flat-document';

const leaves = (document: Record<string, unknown>): Record<string, unknown> => {
  const flat = flatFieldsOf(flattenDocument(document));
  if (!flat) throw new Error('no flat fields');
  return Object.fromEntries(flat.paths.map((p, i) => [p, flat.values[i]]));
};

describe('flattenDocument', () => {
  it('names each leaf by its dotted path and keeps arrays of values', () => {
    expect(
      leaves({
        '@timestamp': 't',
        event: { code: '1', category: ['process'] },
        winlog: { event_data: { Image: 'C:\\a.exe', ProcessId: 7, Hashes: null } },
      }),
    ).toEqual({
      '@timestamp': 't',
      'event.code': '1',
      'event.category': ['process'],
      'winlog.event_data.Image': 'C:\\a.exe',
      'winlog.event_data.ProcessId': 7,
      'winlog.event_data.Hashes': null,
    });
  });

  it('gathers the leaves of arrays of objects under one path', () => {
    expect(leaves({ a: [{ b: 1, c: 'x' }, { b: [2, 3] }, 'loose'] })).toEqual({
      'a.b': [1, 2, 3],
      'a.c': 'x',
      a: 'loose',
    });
  });

  it('gathers a dotted key and the nested path it spells', () => {
    expect(leaves({ 'a.b': 1, a: { b: 2 } })).toEqual({ 'a.b': [1, 2] });
  });

  it('does not follow a hostile document deeper than 64 levels', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 200; i++) deep = { n: deep };
    expect(Object.keys(leaves({ top: 1, deep }))).toEqual(['top']);
  });

  it('reads like the nested document: leaves, objects, absent fields and keyword search', () => {
    const document = {
      process: { name: 'cmd.exe', args: ['/c', 'whoami'] },
      related: { hash: [{ sha256: 'aa' }, { sha256: 'bb' }] },
      count: 3,
    };
    const flat = new EventContext(flattenDocument(document));
    const nested = new EventContext(document);
    for (const path of [
      'process.name',
      'process.args',
      'related.hash.sha256',
      'count',
      'process',
      'related.hash',
      'process.missing',
      'missing',
    ]) {
      const [a, b] = [flat.field(path), nested.field(path)];
      expect({ path, present: a.present, values: a.values, texts: a.texts }).toEqual({
        path,
        present: b.present,
        values: b.values,
        texts: b.texts,
      });
    }
    expect([...flat.everyText().texts].sort()).toEqual([...nested.everyText().texts].sort());
    expect(flat.nestedTexts('process.args')).toEqual(['/c', 'whoami']);
  });
});
