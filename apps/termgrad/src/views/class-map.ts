import type { ColorMode, Rgb } from '../render/index.js';
import { bg, fg, mixRgb, RESET } from '../render/index.js';

/** Colours of classes 0..7 (class 0/1 follow the Playground's orange/blue). */
export const CLASS_COLORS: readonly Rgb[] = [
  [0xf5, 0x93, 0x22],
  [0x08, 0x77, 0xbd],
  [0x3c, 0xb3, 0x71],
  [0xc0, 0x39, 0x2b],
  [0x8e, 0x44, 0xad],
  [0x16, 0xa0, 0x85],
  [0xd4, 0xac, 0x0d],
  [0x7f, 0x8c, 0x8d],
];
const WHITE: Rgb = [0xe8, 0xea, 0xeb];
/** Shape-only glyphs per class (mode 'none'). */
const MONO_REGION = [' ', '░', '▒', '▓', '·', ':', '+', '#'];
const MONO_POINT = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/**
 * The colour-to-class key of a K-class map: one row per class, its point mark (and region glyph
 * without colour) and its name. In colour the mark carries the class colour.
 */
export function classKey(classes: number, mode: ColorMode): string[] {
  const rows: string[] = [];
  for (let k = 0; k < classes; k++) {
    const c = CLASS_COLORS[k % CLASS_COLORS.length] ?? WHITE;
    rows.push(
      mode === 'none'
        ? `${MONO_POINT[k % 8] ?? '?'} on ${MONO_REGION[k % 8] === ' ' ? 'blank' : (MONO_REGION[k % 8] ?? '?')}: class ${k}`
        : `${fg(mode, c)}● ██${RESET} class ${k}`,
    );
  }
  return rows;
}

/** A point drawn on a class map: data coordinates and class index. */
export interface ClassPoint {
  readonly x: number;
  readonly y: number;
  readonly label: number;
  readonly test?: boolean;
}

/**
 * K-class decision regions as half-block cells: each cell is coloured by its most probable class,
 * lighter where that probability is low. `proba` is [gridH, gridW, K] row-major, top row first.
 * Returns ceil(gridH / 2) rows of exactly gridW columns.
 */
export function classMap(
  proba: Float64Array,
  classes: number,
  gridW: number,
  gridH: number,
  domain: { xmin: number; xmax: number; ymin: number; ymax: number },
  points: readonly ClassPoint[],
  mode: ColorMode,
  discretize = false,
): string[] {
  const cellClass = new Int32Array(gridW * gridH);
  const cellColor: Rgb[] = new Array<Rgb>(gridW * gridH);
  for (let c = 0; c < gridW * gridH; c++) {
    let best = 0;
    let bestP = -Infinity;
    for (let k = 0; k < classes; k++) {
      const p = proba[c * classes + k] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    cellClass[c] = best;
    // Confidence 1/K → white, 1 → 70 % of the class colour (points stay visible on top).
    // Discretized (the Playground's "discretize output"): every cell in its class's full shade.
    const t = discretize
      ? 1
      : classes > 1
        ? Math.max(0, (bestP - 1 / classes) / (1 - 1 / classes))
        : 1;
    cellColor[c] = mixRgb(
      WHITE,
      CLASS_COLORS[best % CLASS_COLORS.length] ?? WHITE,
      0.15 + 0.55 * t,
    );
  }
  const rows = Math.ceil(gridH / 2);
  const marks = new Map<number, ClassPoint>();
  const sx = (gridW - 1) / (domain.xmax - domain.xmin);
  const sy = (gridH - 1) / (domain.ymax - domain.ymin);
  for (const p of points) {
    const col = Math.round((p.x - domain.xmin) * sx);
    const gy = Math.round((domain.ymax - p.y) * sy);
    if (col < 0 || col >= gridW || gy < 0 || gy >= gridH) continue;
    marks.set((gy >> 1) * gridW + col, p);
  }
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let s = '';
    let last = '';
    for (let col = 0; col < gridW; col++) {
      const top = 2 * r * gridW + col;
      const bottom = (2 * r + 1) * gridW + col;
      const mark = marks.get(r * gridW + col);
      if (mode === 'none') {
        s +=
          mark !== undefined
            ? mark.test === true
              ? (MONO_POINT[mark.label % 8] ?? '?').toUpperCase()
              : (MONO_POINT[mark.label % 8] ?? '?')
            : (MONO_REGION[(cellClass[top] ?? 0) % 8] ?? ' ');
        continue;
      }
      let seq: string;
      let ch: string;
      if (mark !== undefined) {
        const pc = mixRgb(CLASS_COLORS[mark.label % CLASS_COLORS.length] ?? WHITE, [0, 0, 0], 0.25);
        seq = fg(mode, pc) + bg(mode, cellColor[top] ?? WHITE);
        ch = mark.test === true ? '◆' : '●';
      } else {
        seq =
          fg(mode, cellColor[top] ?? WHITE) +
          (bottom < gridW * gridH ? bg(mode, cellColor[bottom] ?? WHITE) : '\x1b[49m');
        ch = '▀';
      }
      if (seq !== last) {
        s += seq;
        last = seq;
      }
      s += ch;
    }
    out.push(mode === 'none' ? s : s + RESET);
  }
  return out;
}
