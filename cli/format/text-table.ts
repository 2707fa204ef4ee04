export type Alignment = 'left' | 'right';

/** A plain-text table with padded columns; `align` per column, left by default. */
export function formatTable(
  headers: string[],
  rows: string[][],
  align: Alignment[] = [],
  indent = '',
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
