import { charWidth } from './text.js';

/**
 * Below-row-granularity frame updates: rows are split into cells (one code point each, with the
 * SGR style in force), and only the runs of cells that changed are rewritten, each after a cursor
 * move — unless rewriting the whole row is smaller.
 */

/** One screen cell: its character and the SGR sequences in force (since the last reset). */
interface Cell {
  readonly ch: string;
  readonly style: string;
}

const SGR_OR_CHAR = /\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|([^\x1b])/gsu;

/**
 * Splits a styled row into cells, padded with blank default-style cells to `width`. A reset
 * (`ESC[0m` / `ESC[m`) clears the style; any other SGR is appended to it. Other escape
 * sequences are dropped (rows hold SGR only).
 */
export function rowCells(row: string, width: number): Cell[] {
  const cells: Cell[] = [];
  let style = '';
  for (const m of row.matchAll(SGR_OR_CHAR)) {
    if (m[2] !== undefined) cells.push({ ch: m[2], style });
    else if (m[1] !== undefined) style = m[1] === '' || m[1] === '0' ? '' : style + m[0];
  }
  while (cells.length < width) cells.push({ ch: ' ', style: '' });
  return cells;
}

/** Whether every visible code point of `row` takes exactly one cell. */
function uniformWidth(row: string): boolean {
  if (!/[^\x00-\x7f]/.test(row)) return true;
  for (const ch of row) if ((ch.codePointAt(0) ?? 0) >= 0x80 && charWidth(ch.codePointAt(0) ?? 0) !== 1) return false;
  return true;
}

/** Bytes a string takes on the wire (UTF-8). */
function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Writes cells [from, to) starting from the default style; ends in the last cell's style. */
function writeCells(cells: readonly Cell[], from: number, to: number): string {
  let out = '';
  let style = '';
  for (let i = from; i < to; i++) {
    const c = cells[i] as Cell;
    if (c.style !== style) {
      out += c.style.startsWith(style) ? c.style.slice(style.length) : `\x1b[0m${c.style}`;
      style = c.style;
    }
    out += c.ch;
  }
  return out;
}

/**
 * The escape text turning screen row `row` (0-based) from `prev` into `next`, both exactly as
 * wide as `width` cells or shorter (padded with blanks): changed runs of cells, each preceded by
 * a cursor move, with runs closer than a cursor move's cost merged; trailing blanks become an
 * erase-to-end. Falls back to erasing and rewriting the whole row when that is fewer bytes.
 * Leaves the terminal's style reset (`ESC[0m`) whenever it set one. `sgr: false` promises the rows
 * carry no SGR at all (the full-row form then writes no `ESC[0m`).
 */
export function rowUpdate(row: number, prev: string, next: string, width: number, sgr = true): string {
  const erase = sgr ? '\x1b[0m\x1b[K' : '\x1b[K';
  const whole = `\x1b[${row + 1};1H${erase}${next}`;
  // Cells are code points: a row with a wide or zero-width character is rewritten whole.
  if (!uniformWidth(prev) || !uniformWidth(next)) return whole;
  const a = rowCells(prev, width);
  const b = rowCells(next, width);
  if (a.length !== b.length || b.length > width) return whole;
  // Last non-blank cell of next: beyond it, an erase-to-end paints the rest.
  let tail = b.length;
  while (tail > 0 && (b[tail - 1] as Cell).ch === ' ' && (b[tail - 1] as Cell).style === '') tail--;
  const same = (i: number): boolean => (a[i] as Cell).ch === (b[i] as Cell).ch && (a[i] as Cell).style === (b[i] as Cell).style;
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < b.length; ) {
    if (same(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < b.length && !same(j)) j++;
    const last = runs[runs.length - 1];
    // A cursor move costs ~8 bytes: closer runs are cheaper joined by the unchanged cells between.
    if (last !== undefined && i - last[1] <= 8) last[1] = j;
    else runs.push([i, j]);
    i = j;
  }
  if (runs.length === 0) return '';
  let out = '';
  for (const [from, to] of runs) {
    // Each run starts and ends in the default style, so runs never depend on each other.
    out += `\x1b[${row + 1};${from + 1}H`;
    const erases = to === b.length && tail < b.length;
    const end = erases ? Math.max(from, tail) : to;
    out += writeCells(b, from, end);
    const styled = end > from && (b[end - 1] as Cell).style !== '';
    if (styled) out += '\x1b[0m';
    // Erase-to-end only before the last column: after it the cursor waits to wrap and would erase it.
    if (erases) out += '\x1b[K';
  }
  return bytes(out) < bytes(whole) ? out : whole;
}
