import type { DigitsLabState } from '../state/digits-state.js';
import { imageRowsFor, thumbCols } from './digits-images.js';
import type { PadGeometry } from './digits-pad.js';
import { padGeometry } from './digits-pad.js';
import { fit } from './layout.js';

/** A rectangle of the lab's body (row 0 is the lab's title row). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Where the digits lab draws each part, for a body of width × height. */
export interface DigitsLayout {
  /** Wide: the settings list on the left. */
  readonly panel: Rect | null;
  /** Narrow: the compact settings form at the bottom. */
  readonly bar: Rect | null;
  /** The drawing pad's pixels (exactly its geometry). */
  readonly pad: Rect;
  readonly padGeometry: PadGeometry;
  /** p(class | x) bars next to the pad. */
  readonly bars: Rect;
  /** Epoch, losses, accuracies, the collapse, the loss chart. */
  readonly metrics: Rect;
  /** Narrow: one panel that `v` cycles (weights, confusion, mistakes, data). */
  readonly main: Rect | null;
  /** Wide: each part in its own place. */
  readonly weights: Rect | null;
  readonly confusion: Rect | null;
  readonly mistakes: Rect | null;
  readonly data: Rect | null;
  /** Thumbnail width of the image strips. */
  readonly thumb: number;
}

/** Rows of the compact settings form on narrow terminals. */
const BAR_ROWS = 3;
/** Width of the confusion matrix for K classes: a 4-column row label, then 4 columns a class. */
export const confusionWidth = (k: number): number => 4 + 4 * k;

/**
 * The digits lab's layout for a body of width × height (the same for drawing and for the mouse).
 * Wide terminals (≥ 100 × 30) show every part; narrower ones the pad, the metrics and one main
 * panel that `v` cycles.
 */
export function digitsLayout(lab: DigitsLabState, width: number, height: number): DigitsLayout {
  const [h, w] = lab.padShape;
  const g = padGeometry(h, w);
  const k = lab.snapshot?.data.classes ?? 10;
  const barsW = 14;
  if (width >= 100 && height >= 30) {
    const panelW = 24;
    const x0 = panelW + 1;
    const rest = width - x0;
    const thumb = thumbCols(w, Math.max(4, Math.floor((rest + 1) / Math.min(10, k)) - 1));
    const band = imageRowsFor(h, w, thumb) + 1;
    const perBand = Math.max(1, Math.floor((rest + 1) / (thumb + 1)));
    const weightsH = 1 + band * Math.ceil(Math.min(k, 10) / perBand);
    const y1 = 1 + weightsH + 1;
    const midH = Math.max(g.rows + 1, k + 2);
    const pad: Rect = { x: x0, y: y1 + 1, w: g.cols, h: g.rows };
    const bars: Rect = { x: x0 + g.cols + 1, y: y1 + 1, w: barsW, h: k };
    const cx = bars.x + barsW + 2;
    const cw = Math.min(confusionWidth(k), Math.max(0, width - cx));
    const confusion: Rect = { x: cx, y: y1, w: cw, h: k + 2 };
    const mx = cx + cw + 2;
    const metrics: Rect =
      mx + 20 <= width
        ? { x: mx, y: y1, w: width - mx, h: midH }
        : { x: x0, y: y1 + midH, w: rest, h: 3 };
    const y2 = Math.max(y1 + midH, metrics.y + metrics.h) + 1;
    const left = height - y2;
    const mistakesH = Math.max(0, Math.min(1 + band, left));
    const mistakes: Rect = { x: x0, y: y2, w: rest, h: mistakesH };
    const dataH = Math.max(0, Math.min(1 + band, left - mistakesH - 1));
    return {
      panel: { x: 0, y: 1, w: panelW, h: height - 1 },
      bar: null,
      pad,
      padGeometry: g,
      bars,
      metrics,
      main: null,
      weights: { x: x0, y: 1, w: rest, h: weightsH },
      confusion,
      mistakes,
      data: dataH > 1 ? { x: x0, y: y2 + mistakesH + 1, w: rest, h: dataH } : null,
      thumb,
    };
  }
  const barY = height - BAR_ROWS;
  const pad: Rect = { x: 0, y: 2, w: g.cols, h: g.rows };
  const bars: Rect = { x: g.cols + 1, y: 2, w: barsW, h: k };
  const leftW = g.cols + 1 + barsW;
  const top = 2 + Math.max(g.rows, k) + 1;
  const metrics: Rect = { x: 0, y: top, w: leftW, h: Math.max(0, barY - top) };
  const main: Rect = {
    x: leftW + 2,
    y: 1,
    w: Math.max(1, width - leftW - 2),
    h: Math.max(1, barY - 1),
  };
  return {
    panel: null,
    bar: { x: 0, y: barY, w: width, h: BAR_ROWS },
    pad,
    padGeometry: g,
    bars,
    metrics,
    main,
    weights: null,
    confusion: null,
    mistakes: null,
    data: null,
    thumb: thumbCols(w, 8),
  };
}

/** A block of rows drawn at a rectangle. */
export interface Placed {
  readonly rect: Rect;
  readonly rows: readonly string[];
}

/**
 * Composes blocks into width × height rows: each block is fitted to its rectangle and drawn at it
 * (blocks must not overlap; the space between them is blank).
 */
export function compose(blocks: readonly Placed[], width: number, height: number): string[] {
  const fitted = blocks
    .filter((b) => b.rect.w > 0 && b.rect.h > 0)
    .map((b) => ({ rect: b.rect, rows: fit([...b.rows], b.rect.w, b.rect.h) }))
    .sort((a, b) => a.rect.x - b.rect.x);
  const out: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    let at = 0;
    for (const b of fitted) {
      if (y < b.rect.y || y >= b.rect.y + b.rect.h || b.rect.x < at) continue;
      row += ' '.repeat(b.rect.x - at) + (b.rows[y - b.rect.y] ?? '');
      at = b.rect.x + b.rect.w;
    }
    out.push(row);
  }
  return fit(out, width, height);
}
