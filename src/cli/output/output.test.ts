import { ProgressLine } from './progress';
import { renderTable } from './table';

describe('renderTable', () => {
  it('pads columns to their widest cell and draws a separator', () => {
    const table = renderTable(
      [{ header: 'Rule' }, { header: 'Level' }, { header: 'Hits', align: 'right' }],
      [
        ['proc_creation_win_whoami', 'high', '12'],
        ['net_dns_c2', 'critical', '1043'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'Rule                      Level     Hits',
      '────────────────────────  ────────  ────',
      'proc_creation_win_whoami  high        12',
      'net_dns_c2                critical  1043',
    ]);
  });

  it('right-aligns headers as well as cells', () => {
    expect(renderTable([{ header: 'n', align: 'right' }, { header: 'name' }], [['100', 'x']])).toBe(
      ['  n  name', '───  ────', '100  x'].join('\n'),
    );
  });

  it('truncates cells longer than maxWidth with an ellipsis', () => {
    const table = renderTable(
      [{ header: 'Title', maxWidth: 8 }, { header: 'Id' }],
      [
        ['Suspicious Whoami Execution', 'a1'],
        ['Exactly8', 'b2'],
        ['Short', 'c3'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'Title     Id',
      '────────  ──',
      'Suspici…  a1',
      'Exactly8  b2',
      'Short     c3',
    ]);
  });

  it('keeps the end of a cut cell when asked (paths)', () => {
    const table = renderTable(
      [{ header: 'Where', maxWidth: 10, keep: 'end' }],
      [['rules/windows/cmd.yml:12:3']],
    );
    expect(table.split('\n')[2]).toBe('….yml:12:3');
  });

  it('truncates the header too and accepts maxWidth 1', () => {
    expect(renderTable([{ header: 'Description', maxWidth: 1 }, { header: 'x' }], [['ab', '1']])).toBe(
      ['…  x', '─  ─', '…  1'].join('\n'),
    );
  });

  it('replaces line breaks and tabs in cells with spaces', () => {
    expect(renderTable([{ header: 'a' }, { header: 'b' }], [['one\ntwo', 'x\r\ny\rz\tw']])).toBe(
      ['a        b', '───────  ───────', 'one two  x y z w'].join('\n'),
    );
  });

  it('measures width in code points', () => {
    const table = renderTable(
      [{ header: 'v', maxWidth: 3 }, { header: 'k' }],
      [
        ['😀😀', '1'],
        ['ééééé', '2'],
      ],
    );
    expect(table.split('\n')).toEqual(['v    k', '───  ─', '😀😀   1', 'éé…  2']);
  });

  it('renders missing cells empty and ignores extra cells', () => {
    expect(renderTable([{ header: 'a' }, { header: 'b' }], [['1'], ['2', '3', '4']])).toBe(
      ['a  b', '─  ─', '1', '2  3'].join('\n'),
    );
  });

  it('renders only the header when there are no rows, without a trailing newline', () => {
    const table = renderTable([{ header: 'Name' }, { header: 'Count', align: 'right' }], []);
    expect(table).toBe('Name  Count\n────  ─────');
    expect(table.endsWith('\n')).toBe(false);
  });

  it('rejects a maxWidth below 1', () => {
    expect(() => renderTable([{ header: 'a', maxWidth: 0 }], [])).toThrow(RangeError);
  });
});

class FakeStream {
  readonly writes: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns?: number,
  ) {}
  write(s: string): boolean {
    this.writes.push(s);
    return true;
  }
}

function fakeClock(start = 1000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('ProgressLine', () => {
  it('rewrites one line on a TTY', () => {
    const stream = new FakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressLine(stream, { now: clock.now });
    progress.update('loading 1/3');
    clock.advance(200);
    progress.update('loading 2/3');
    expect(stream.writes).toEqual(['\rloading 1/3\x1b[K', '\rloading 2/3\x1b[K']);
  });

  it('throttles updates to minIntervalMs (default 200)', () => {
    const stream = new FakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressLine(stream, { now: clock.now });
    progress.update('a');
    clock.advance(100);
    progress.update('b'); // dropped
    clock.advance(99);
    progress.update('c'); // 199 ms after 'a': dropped
    clock.advance(1);
    progress.update('d'); // 200 ms after 'a'
    progress.update('e'); // same instant: dropped
    expect(stream.writes).toEqual(['\ra\x1b[K', '\rd\x1b[K']);
  });

  it('honours a custom minIntervalMs', () => {
    const stream = new FakeStream(true);
    const clock = fakeClock();
    const progress = new ProgressLine(stream, { minIntervalMs: 50, now: clock.now });
    progress.update('a');
    clock.advance(49);
    progress.update('b');
    clock.advance(1);
    progress.update('c');
    expect(stream.writes).toEqual(['\ra\x1b[K', '\rc\x1b[K']);

    const unthrottled = new FakeStream(true);
    const every = new ProgressLine(unthrottled, { minIntervalMs: 0, now: clock.now });
    every.update('x');
    every.update('y');
    expect(unthrottled.writes).toHaveLength(2);
  });

  it('clears the line and prints the final text on done', () => {
    const stream = new FakeStream(true);
    const progress = new ProgressLine(stream, { now: fakeClock().now });
    progress.update('working');
    progress.done('3 rules loaded');
    expect(stream.writes).toEqual(['\rworking\x1b[K', '\r\x1b[K', '3 rules loaded\n']);
  });

  it('only clears on done without final text, and does nothing if nothing was drawn', () => {
    const drawn = new FakeStream(true);
    const progress = new ProgressLine(drawn, { now: fakeClock().now });
    progress.update('working');
    progress.done();
    expect(drawn.writes).toEqual(['\rworking\x1b[K', '\r\x1b[K']);

    const idle = new FakeStream(true);
    new ProgressLine(idle).done();
    expect(idle.writes).toEqual([]);
  });

  it('draws again right after done', () => {
    const stream = new FakeStream(true);
    const progress = new ProgressLine(stream, { now: fakeClock().now });
    progress.update('phase 1');
    progress.done();
    progress.update('phase 2');
    expect(stream.writes).toEqual(['\rphase 1\x1b[K', '\r\x1b[K', '\rphase 2\x1b[K']);
  });

  it('prints nothing but the final text on a non-TTY', () => {
    const stream = new FakeStream(false);
    const clock = fakeClock();
    const progress = new ProgressLine(stream, { now: clock.now });
    progress.update('a');
    clock.advance(1000);
    progress.update('b');
    progress.done('finished');
    expect(stream.writes).toEqual(['finished\n']);

    const silent = new FakeStream(false);
    const quiet = new ProgressLine(silent);
    quiet.update('a');
    quiet.done();
    expect(silent.writes).toEqual([]);
  });

  it('treats a stream without isTTY as a non-TTY', () => {
    const writes: string[] = [];
    const progress = new ProgressLine({ write: (s) => writes.push(s) > 0 });
    progress.update('a');
    progress.done('ok');
    expect(writes).toEqual(['ok\n']);
  });

  it('keeps the status on one terminal line', () => {
    const stream = new FakeStream(true, 10);
    const clock = fakeClock();
    const progress = new ProgressLine(stream, { now: clock.now });
    progress.update('line one\nline two');
    clock.advance(200);
    progress.update('short');
    expect(stream.writes).toEqual(['\rline one \x1b[K', '\rshort\x1b[K']);
  });
});
