import type { FrozenDigits } from '../driver/digits-snapshot.js';
import type { ColorMode, Rgb } from '../render/index.js';
import { MONO_RAMP, paint } from '../render/index.js';
import { fit, line, muted, selected } from './layout.js';

/** How the pad maps pixels to cells: small images 2 columns × 1 row per pixel, large ones (MNIST) half blocks. */
export interface PadGeometry {
  /** Columns per pixel. */
  readonly cellW: number;
  /** Pixel rows per text row. */
  readonly pxPerRow: number;
  readonly cols: number;
  readonly rows: number;
}

/** The pad's size for an h × w image. */
export function padGeometry(h: number, w: number): PadGeometry {
  return h <= 16 && w <= 20
    ? { cellW: 2, pxPerRow: 1, cols: 2 * w, rows: h }
    : { cellW: 1, pxPerRow: 2, cols: w, rows: Math.ceil(h / 2) };
}

/** The pixel under pad cell (col, row), or null outside the image. */
export function padPixelAt(
  g: PadGeometry,
  h: number,
  w: number,
  col: number,
  row: number,
): { x: number; y: number } | null {
  const x = Math.floor(col / g.cellW);
  const y = row * g.pxPerRow;
  return x >= 0 && y >= 0 && x < w && y < h && col < g.cols ? { x, y } : null;
}

const greyRgb = (v: number): Rgb => {
  const g = Math.round(Math.max(0, Math.min(1, v)) * 255);
  return [g, g, g];
};
const CURSOR: Rgb = [0xe0, 0x40, 0x40];

/** The ramp glyph of a pixel value in [0, 1]. */
const ramp = (v: number): string => MONO_RAMP[Math.min(5, Math.max(0, Math.round(v * 5)))] ?? ' ';

/**
 * The drawing pad: the pixels in grey (white ink on black, as the data), the cursor as a red `[]`
 * (`×` on half blocks) while the pad has focus. Mode 'none': the density ramp, cursor `[]`.
 */
export function padRows(
  pad: readonly number[],
  h: number,
  w: number,
  cursor: { x: number; y: number },
  focused: boolean,
  mode: ColorMode,
): string[] {
  const g = padGeometry(h, w);
  const rows: string[] = [];
  for (let r = 0; r < g.rows; r++) {
    let row = '';
    for (let x = 0; x < w; x++) {
      const top = pad[r * g.pxPerRow * w + x] ?? 0;
      const bottom = g.pxPerRow === 2 ? (pad[(r * 2 + 1) * w + x] ?? 0) : top;
      const here =
        focused &&
        cursor.x === x &&
        (g.pxPerRow === 1 ? cursor.y === r : Math.floor(cursor.y / 2) === r);
      if (mode === 'none') {
        const glyph = ramp((top + bottom) / 2);
        row += here ? (g.cellW === 2 ? '[]' : 'X') : glyph.repeat(g.cellW);
      } else if (g.cellW === 2) {
        row += here
          ? paint(mode, '[]', { fg: CURSOR, bg: greyRgb(top), bold: true })
          : paint(mode, '  ', { bg: greyRgb(top) });
      } else {
        row += here
          ? paint(mode, '×', { fg: CURSOR, bg: greyRgb(top), bold: true })
          : paint(mode, '▀', { fg: greyRgb(top), bg: greyRgb(bottom) });
      }
    }
    rows.push(row);
  }
  return rows;
}

/**
 * p(class | x) of the pad's image as bars, one row per class, the most probable highlighted; for
 * least squares the scores y = Ax + a (clipped to [0, 1] for the bar). Exactly width × classes rows.
 */
export function probabilityBars(
  model: FrozenDigits | undefined,
  pad: readonly number[],
  classNames: readonly string[],
  width: number,
  mode: ColorMode,
): string[] {
  const k = classNames.length;
  if (model === undefined) return fit([muted(mode, 'p(class|x): training…')], width, k);
  const p = model.proba(Float64Array.from(pad), 1);
  let best = 0;
  for (let c = 1; c < k; c++) if ((p[c] ?? -Infinity) > (p[best] ?? -Infinity)) best = c;
  const nameW = Math.max(1, ...classNames.map((n) => Math.min(6, n.length)));
  const barW = Math.max(1, width - nameW - 9);
  return Array.from({ length: k }, (_, c) => {
    const v = p[c] ?? 0;
    const filled = Math.round(Math.max(0, Math.min(1, v)) * barW);
    const value =
      Math.abs(v) < 0.995 || !model.probabilistic
        ? v.toFixed(2).replace(/^0/, '').replace(/^-0/, '-')
        : '1.0';
    // A leading and a trailing space: without colour the most probable row is bracketed in them.
    const text = line(
      ` ${(classNames[c] ?? String(c)).slice(0, 6).padStart(nameW)} ${'█'.repeat(filled)}${'·'.repeat(barW - filled)} ${value.padStart(4)} `,
      width,
    );
    return c === best ? selected(mode, text) : text;
  });
}
