import type { ColorMode, Rgb } from '../render/index.js';
import { BrailleCanvas, bresenham } from '../render/index.js';

/**
 * Draws a polyline through world points (xs[i], ys[i]) on a braille canvas, dotted: only pixels in
 * every other braille column are set, so the line reads as dotted without colour (NO_COLOR).
 * Non-finite points break the line.
 */
export function dottedCurve(
  canvas: BrailleCanvas,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  color?: Rgb,
): void {
  const plot = (px: number, py: number): void => {
    if ((Math.floor(px / 2) & 1) === 0) canvas.pixel(px, py, color);
  };
  let prev: [number, number] | null = null;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? NaN;
    const y = ys[i] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      prev = null;
      continue;
    }
    const lim = 4 * (canvas.pixelWidth + canvas.pixelHeight);
    const p: [number, number] = [
      Math.round(canvas.toPixelX(x)),
      Math.max(-lim, Math.min(lim, Math.round(canvas.toPixelY(y)))),
    ];
    if (prev === null) plot(p[0], p[1]);
    else bresenham(prev[0], prev[1], p[0], p[1], plot);
    prev = p;
  }
}

/** Writes a one-character marker (e.g. 'o', 'x') over the braille cell holding world point (x, y). */
export function marker(
  canvas: BrailleCanvas,
  x: number,
  y: number,
  glyph: string,
  color?: Rgb,
): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  const col = Math.floor(Math.round(canvas.toPixelX(x)) / 2);
  const row = Math.floor(Math.round(canvas.toPixelY(y)) / 4);
  if (col < 0 || row < 0 || col >= canvas.widthChars || row >= canvas.heightChars) return;
  canvas.text(col, row, glyph, color);
}

/** One series of {@link seriesChart}. */
export interface ChartSeries {
  readonly values: readonly number[];
  /** Drawn dotted (every other braille column) instead of solid. */
  readonly dotted?: boolean;
  readonly color?: Rgb;
}

/**
 * A line chart on a braille canvas with y labels (top, middle, bottom): solid and dotted series tell
 * apart without colour, for NO_COLOR terminals. `log` plots log10 of positive values. Exactly
 * width × height (labels included); x is the index, the whole series spread over the width.
 */
export function seriesChart(
  series: readonly ChartSeries[],
  width: number,
  height: number,
  mode: ColorMode,
  log = false,
): string[] {
  const tf = (v: number): number => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  for (const s of series) {
    n = Math.max(n, s.values.length);
    for (const v of s.values) {
      const t = tf(v);
      if (Number.isFinite(t)) {
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
  }
  if (lo === Infinity || height < 2 || width < 12) return fitRows([], width, height);
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  const labels = [hi, (hi + lo) / 2, lo].map((v) => formatNum(log ? 10 ** v : v));
  const labelW = Math.max(...labels.map((l) => l.length)) + 1;
  const canvas = new BrailleCanvas(Math.max(2, width - labelW), height).setViewport(
    0,
    Math.max(1, n - 1),
    lo,
    hi,
  );
  for (const s of series) {
    const xs = s.values.map((_, i) => i);
    const ys = s.values.map(tf);
    if (s.dotted === true) dottedCurve(canvas, xs, ys, s.color);
    else canvas.curve(xs, ys, s.color !== undefined ? { color: s.color } : {});
  }
  const mid = Math.floor((height - 1) / 2);
  return canvas.render(mode).map((r, i) => {
    const label = i === 0 ? labels[0] : i === mid ? labels[1] : i === height - 1 ? labels[2] : '';
    return (label ?? '').padStart(labelW - 1) + ' ' + r;
  });
}

function formatNum(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-2)) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

function fitRows(rows: readonly string[], width: number, height: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push((rows[i] ?? '').padEnd(width));
  return out;
}
