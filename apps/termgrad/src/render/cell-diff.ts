import { charWidth } from './text.js';

/**
 * Below-row-granularity frame updates: rows are split into cells (one code point each, with the
 * SGR style in force), and only the runs of cells that changed are rewritten, each after a cursor
 * move — unless rewriting the whole row is smaller.
 */

/** The SGR state of a cell: colours as SGR parameter text ('' = default) and the attributes. */
interface Style {
  readonly fg: string;
  readonly bg: string;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly inverse: boolean;
}

const PLAIN: Style = { fg: '', bg: '', bold: false, dim: false, inverse: false };

/** One screen cell: its character and the SGR state in force. */
interface Cell {
  readonly ch: string;
  readonly style: Style;
  /** Canonical text of `style`: equal keys look the same. */
  readonly key: string;
}

/** Applies the parameters of one SGR sequence to a style. */
function applySgr(style: Style, params: string): Style {
  const p = params === '' ? ['0'] : params.split(';');
  let s = { ...style };
  for (let i = 0; i < p.length; i++) {
    const n = Number(p[i]);
    if (n === 0) s = { ...PLAIN };
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 22) s = { ...s, bold: false, dim: false };
    else if (n === 7) s.inverse = true;
    else if (n === 27) s.inverse = false;
    else if (n === 39) s.fg = '';
    else if (n === 49) s.bg = '';
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) s.fg = String(n);
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) s.bg = String(n);
    else if (n === 38 || n === 48) {
      const len = p[i + 1] === '5' ? 2 : p[i + 1] === '2' ? 4 : 0;
      const text = p.slice(i, i + 1 + len).join(';');
      if (n === 38) s.fg = text;
      else s.bg = text;
      i += len;
    }
  }
  return s;
}

function keyOf(s: Style): string {
  return `${s.fg}|${s.bg}|${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.inverse ? 1 : 0}`;
}

/** The shortest SGR sequence taking the terminal from style `a` to style `b` ('' when equal). */
function sgrFrom(a: Style, b: Style): string {
  const params: string[] = [];
  let from = a;
  if ((a.bold && !b.bold) || (a.dim && !b.dim) || (a.inverse && !b.inverse)) {
    params.push('0');
    from = PLAIN;
  }
  if (b.bold && !from.bold) params.push('1');
  if (b.dim && !from.dim) params.push('2');
  if (b.inverse && !from.inverse) params.push('7');
  if (b.fg !== from.fg) params.push(b.fg === '' ? '39' : b.fg);
  if (b.bg !== from.bg) params.push(b.bg === '' ? '49' : b.bg);
  return params.length === 0 ? '' : `\x1b[${params.join(';')}m`;
}

const SGR_OR_CHAR = /\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|([^\x1b])/gsu;

/**
 * Splits a styled row into cells, padded with blank default-style cells to `width`. SGR sequences
 * update the style in force (so two cells that look the same compare equal, however the row
 * spelled their colours); other escape sequences are dropped (rows hold SGR only).
 */
export function rowCells(row: string, width: number): Cell[] {
  const cells: Cell[] = [];
  let style = PLAIN;
  let key = keyOf(PLAIN);
  for (const m of row.matchAll(SGR_OR_CHAR)) {
    if (m[2] !== undefined) cells.push({ ch: m[2], style, key });
    else if (m[1] !== undefined) {
      style = applySgr(style, m[1]);
      key = keyOf(style);
    }
  }
  while (cells.length < width) cells.push({ ch: ' ', style: PLAIN, key: keyOf(PLAIN) });
  return cells;
}

/** Whether every visible code point of `row` takes exactly one cell. */
function uniformWidth(row: string): boolean {
  if (!/[^\x00-\x7f]/.test(row)) return true;
  for (const ch of row)
    if ((ch.codePointAt(0) ?? 0) >= 0x80 && charWidth(ch.codePointAt(0) ?? 0) !== 1) return false;
  return true;
}

/** Bytes a string takes on the wire (UTF-8). */
function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Writes cells [from, to) starting from the default style; ends in the last cell's style. */
function writeCells(cells: readonly Cell[], from: number, to: number): string {
  let out = '';
  let style = PLAIN;
  for (let i = from; i < to; i++) {
    const c = cells[i] as Cell;
    out += sgrFrom(style, c.style) + c.ch;
    style = c.style;
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
export function rowUpdate(
  row: number,
  prev: string,
  next: string,
  width: number,
  sgr = true,
): string {
  const erase = sgr ? '\x1b[0m\x1b[K' : '\x1b[K';
  const whole = `\x1b[${row + 1};1H${erase}${next}`;
  // Cells are code points: a row with a wide or zero-width character is rewritten whole.
  if (!uniformWidth(prev) || !uniformWidth(next)) return whole;
  const a = rowCells(prev, width);
  const b = rowCells(next, width);
  if (a.length !== b.length || b.length > width) return whole;
  // Last non-blank cell of next: beyond it, an erase-to-end paints the rest.
  let tail = b.length;
  const plainKey = keyOf(PLAIN);
  while (tail > 0 && (b[tail - 1] as Cell).ch === ' ' && (b[tail - 1] as Cell).key === plainKey)
    tail--;
  const same = (i: number): boolean =>
    (a[i] as Cell).ch === (b[i] as Cell).ch && (a[i] as Cell).key === (b[i] as Cell).key;
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
    const styled = end > from && (b[end - 1] as Cell).key !== plainKey;
    if (styled) out += '\x1b[0m';
    // Erase-to-end only before the last column: after it the cursor waits to wrap and would erase it.
    if (erases) out += '\x1b[K';
  }
  return bytes(out) < bytes(whole) ? out : whole;
}
