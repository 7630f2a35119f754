import type { ColorMode, Rgb } from '../render/index.js';
import { hstack, renderHeatmap } from '../render/index.js';
import { fit, line } from './layout.js';

/**
 * Resamples an h × w image to outH × outW by box averaging (each output pixel is the mean of the
 * input pixels its area covers; an enlargement repeats pixels).
 * @example
 * resample([0, 1, 1, 0], 2, 2, 1, 1); // Float64Array [0.5]
 */
export function resample(
  pixels: ArrayLike<number>,
  h: number,
  w: number,
  outH: number,
  outW: number,
): Float64Array {
  const out = new Float64Array(outH * outW);
  for (let r = 0; r < outH; r++) {
    const r0 = Math.floor((r * h) / outH);
    const r1 = Math.max(r0 + 1, Math.floor(((r + 1) * h) / outH));
    for (let c = 0; c < outW; c++) {
      const c0 = Math.floor((c * w) / outW);
      const c1 = Math.max(c0 + 1, Math.floor(((c + 1) * w) / outW));
      let s = 0;
      for (let y = r0; y < r1; y++) for (let x = c0; x < c1; x++) s += pixels[y * w + x] ?? 0;
      out[r * outW + c] = s / ((r1 - r0) * (c1 - c0));
    }
  }
  return out;
}

/** Grey levels: black at -1 (pixel 0) to white at +1 (pixel 1), as MNIST is drawn. */
const grey = (v: number): Rgb => {
  const g = Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 255);
  return [g, g, g];
};

/** Text rows an image of `cols` columns takes (half blocks: two square pixels per cell). */
export function imageRowsFor(h: number, w: number, cols: number): number {
  return Math.ceil(Math.max(1, Math.round((cols * h) / w)) / 2);
}

/**
 * An image as half-block rows `cols` wide (two pixel rows per text row, square pixels): grey ramp
 * for pixels in [0, 1]; for weights (`signed`) the Playground's diverging scale of w / max|w|
 * (orange negative, white 0, blue positive). Mode 'none' draws the density ramp ' ·░▒▓█' (in
 * ASCII ' .:+#@'), darkest for pixel 0 (weights: the most negative).
 */
export function imageRows(
  pixels: ArrayLike<number>,
  h: number,
  w: number,
  cols: number,
  mode: ColorMode,
  signed = false,
): string[] {
  const outH = Math.max(1, Math.round((cols * h) / w));
  const img = resample(pixels, h, w, outH, cols);
  const values = new Float64Array(img.length);
  if (signed) {
    let m = 0;
    for (const v of img) m = Math.max(m, Math.abs(v));
    for (let i = 0; i < img.length; i++) values[i] = m > 0 ? (img[i] ?? 0) / m : 0;
    return renderHeatmap(values, cols, outH, { mode, strength: 1, levels: 11 });
  }
  for (let i = 0; i < img.length; i++) values[i] = 2 * Math.max(0, Math.min(1, img[i] ?? 0)) - 1;
  return renderHeatmap(values, cols, outH, { mode, scale: grey, levels: 9 });
}

/** One picture of a strip: its pixels and a caption under it. */
export interface StripItem {
  readonly pixels: ArrayLike<number>;
  readonly caption: string;
}

/**
 * Images side by side with their captions, wrapped into as many bands as fit `height` (each band:
 * the image rows and a caption row). Exactly width × height; items that do not fit are left out.
 * @returns the rows and how many items were drawn.
 */
export function imageStrip(
  items: readonly StripItem[],
  h: number,
  w: number,
  cols: number,
  width: number,
  height: number,
  mode: ColorMode,
  signed = false,
): { rows: string[]; shown: number } {
  const gap = 1;
  const perBand = Math.max(1, Math.floor((width + gap) / (cols + gap)));
  const bandH = imageRowsFor(h, w, cols) + 1;
  const bands = Math.max(0, Math.floor(height / bandH));
  const rows: string[] = [];
  let shown = 0;
  for (let b = 0; b < bands && shown < items.length; b++) {
    const band = items.slice(shown, shown + perBand);
    const blocks = band.map((it) => [
      ...imageRows(it.pixels, h, w, cols, mode, signed),
      line(it.caption, cols),
    ]);
    rows.push(...hstack(blocks, gap));
    shown += band.length;
  }
  return {
    rows: fit(
      rows.map((r) => line(r, width)),
      width,
      height,
    ),
    shown,
  };
}

/** Thumbnail width for images of width w: the image's own width when it fits, else the widest that fits `maxCols`. */
export function thumbCols(w: number, maxCols: number): number {
  return Math.max(4, Math.min(w, maxCols));
}
