/**
 * Go's text/tabwriter as runtime/pprof sets it up for `debug=1` profiles,
 * `tabwriter.NewWriter(w, 1, 8, 1, '\t', 0)`: tab-terminated cells are aligned into columns,
 * padded with tabs (tab stops every 8). A column block is a run of consecutive lines that all
 * have a cell in that column; each block is as wide as its widest cell plus one.
 * @see https://github.com/golang/go/blob/go1.19.8/src/text/tabwriter/tabwriter.go (format, writePadding)
 * @see https://github.com/golang/go/blob/go1.19.8/src/runtime/pprof/pprof.go (printCountProfile)
 */

const MIN_WIDTH = 1;
const TAB_WIDTH = 8;
const PADDING = 1;

/** Width as tabwriter counts it: UTF-8 runes. */
const runes = (cell: string): number => [...cell].length;

/** writePadding with padchar '\t': round the column up to a tab stop, then fill with tabs. */
function tabsFor(textWidth: number, columnWidth: number): string {
  const cellWidth = Math.ceil(columnWidth / TAB_WIDTH) * TAB_WIDTH;
  return '\t'.repeat(Math.ceil((cellWidth - textWidth) / TAB_WIDTH));
}

/** `lines` (no newlines inside) as the tabwriter would print them. */
export function tabAligned(lines: readonly string[]): string[] {
  const cells = lines.map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = cells[i]!;
      out.push(
        line
          .map((cell, j) => (j < widths.length ? cell + tabsFor(runes(cell), widths[j]!) : cell))
          .join(''),
      );
    }
  };

  // tabwriter's format(): the last cell of a line is not tab-terminated, so it is in no column.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= cells[i]!.length - 1) continue;
      writeLines(start, i);
      start = i;
      let width = MIN_WIDTH;
      for (; i < line1 && column < cells[i]!.length - 1; i++) {
        width = Math.max(width, runes(cells[i]![column]!) + PADDING);
      }
      widths.push(width);
      format(start, i);
      widths.pop();
      // Like format()'s loop, the i++ steps over the line that ended the block: it has no cell
      // in this column either.
      start = i;
    }
    writeLines(start, line1);
  };

  format(0, cells.length);
  return out;
}
