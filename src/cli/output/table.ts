/** Plain-text tables for terminal output. */

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
  /** Cells (and the header) longer than this many code points are cut and end with `…`. */
  maxWidth?: number;
  /** Which end of a cut cell to keep: the start (default) or the end, for paths whose end matters. */
  keep?: 'start' | 'end';
}

const COLUMN_GAP = '  ';

/**
 * Renders a header row, a `─` separator and one line per row, columns padded to their widest cell.
 * Widths are counted in code points (wide CJK characters and emoji sequences may still misalign).
 * Missing cells render empty and extra cells are ignored. No trailing newline.
 */
export function renderTable(columns: TableColumn[], rows: string[][]): string {
  const cellsOf = (texts: readonly (string | undefined)[]): string[][] =>
    columns.map((column, i) => fitCell(texts[i] ?? '', column.maxWidth, column.keep));
  const header = cellsOf(columns.map((column) => column.header));
  const body = rows.map(cellsOf);

  // A loop rather than Math.max(...spread): tables can have more rows than a call has argument slots.
  const widths = header.map((chars) => chars.length);
  for (const cells of body) {
    cells.forEach((chars, i) => (widths[i] = Math.max(widths[i] ?? 0, chars.length)));
  }
  const line = (cells: string[][]): string =>
    cells
      .map((chars, i) => pad(chars, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join(COLUMN_GAP)
      .trimEnd();

  const separator = widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP);
  return [line(header), separator, ...body.map(line)].join('\n');
}

/** Splits a cell into code points, flattening line breaks and tabs and truncating to `maxWidth`. */
function fitCell(text: string, maxWidth: number | undefined, keep: 'start' | 'end' = 'start'): string[] {
  if (maxWidth !== undefined && !(maxWidth >= 1))
    throw new RangeError(`maxWidth must be at least 1, got ${maxWidth}`);
  const chars = Array.from(text.replace(/\r\n|[\r\n\t]/g, ' '));
  if (maxWidth === undefined || chars.length <= maxWidth) return chars;
  return keep === 'end'
    ? ['…', ...chars.slice(chars.length - maxWidth + 1)]
    : [...chars.slice(0, maxWidth - 1), '…'];
}

function pad(chars: string[], width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - chars.length));
  const text = chars.join('');
  return align === 'right' ? fill + text : text + fill;
}
