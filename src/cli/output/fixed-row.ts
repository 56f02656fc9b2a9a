/**
 * One line of a streaming table: each column padded or cut (with `…`) to a fixed width, so rows can be
 * printed as results arrive and still line up. The last column keeps its full text. Widths count code points.
 */
export function fixedRow(widths: readonly number[], cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const chars = Array.from(cell.replace(/[\r\n\t]+/g, ' '));
      const width = widths[i];
      if (width === undefined || i === cells.length - 1) return chars.join('');
      const fitted = chars.length > width ? [...chars.slice(0, width - 1), '…'] : chars;
      return fitted.join('') + ' '.repeat(width - fitted.length);
    })
    .join('  ')
    .trimEnd();
}
