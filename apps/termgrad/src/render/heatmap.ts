/**
 * Half-block heat maps: each character shows two vertically stacked cells with '▀' (foreground =
 * top cell colour, background = bottom cell colour). In mode 'none' a shape-only density ramp is
 * used so decision regions stay readable without colour. Data points can be overlaid.
 */

import type { Viewport } from './braille-canvas.js';
import type { ColorMode, Rgb } from './color.js';
import {
  bg,
  divergingColor,
  fg,
  mixRgb,
  PLAYGROUND_BLUE,
  PLAYGROUND_ORANGE,
  PLAYGROUND_WHITE,
  RESET,
} from './color.js';
import { assertPositiveInt, RenderError } from './render-error.js';

/**
 * Monochrome ramp from -1 to +1 (six bands of width 1/3): negative regions are light, positive
 * regions dark, and the decision boundary (v = 0) falls between '░' and '▒'.
 */
export const MONO_RAMP: readonly string[] = [' ', '·', '░', '▒', '▓', '█'];

/** A data point drawn on top of a heat map. */
export interface OverlayPoint {
  /** World x (mapped through {@link HeatmapOverlay.domain}). */
  readonly x: number;
  /** World y (y up). */
  readonly y: number;
  /** Label: > 0 is the positive class (blue, 'o'), <= 0 the negative class (orange, 'x'). For regression, the value in [-1, 1]. */
  readonly label: number;
  /** Test point (hollow glyph ○/◇ family, uppercase 'O'/'X' in mode 'none'); default false (train). */
  readonly test?: boolean;
}

/** Points to draw over a heat map and the world rectangle the grid covers. */
export interface HeatmapOverlay {
  readonly points: readonly OverlayPoint[];
  /** The world rectangle the grid spans: column 0 at xmin, last column at xmax, top row at ymax. */
  readonly domain: Viewport;
}

/** Options of {@link renderHeatmap}. */
export interface HeatmapOptions {
  /** Colour mode (required). */
  readonly mode: ColorMode;
  /** Value → colour (default: {@link divergingColor} of v × strength, i.e. the Playground scale). */
  readonly scale?: (v: number) => Rgb;
  /**
   * How strongly the default scale colours cells, in [0, 1] (default 0.8), so that points drawn in
   * the full class colour stand out from a same-sign region. Ignored when `scale` is given.
   */
  readonly strength?: number;
  /** Round every value to its sign first, like the Playground's "discretize output" (default false). */
  readonly discretize?: boolean;
  /** Points to draw on top (default none). */
  readonly overlay?: HeatmapOverlay;
  /**
   * Number of colour shades over [-1, 1] (default 21, i.e. steps of 0.1). Values are quantised to
   * the nearest shade before `scale` is applied; fewer shades mean fewer bytes per frame.
   */
  readonly levels?: number;
  /** Glyphs [train +, train −, test +, test −] in colour modes (default ['●', '●', '◆', '◆']). */
  readonly glyphs?: readonly [string, string, string, string];
  /** Glyphs [train +, train −, test +, test −] in mode 'none' (default ['o', 'x', 'O', 'X']). */
  readonly monoGlyphs?: readonly [string, string, string, string];
}

const DEFAULT_GLYPHS = ['●', '●', '◆', '◆'] as const;
const DEFAULT_MONO_GLYPHS = ['o', 'x', 'O', 'X'] as const;
/** Darker versions of the class colours so points stand out from the (lighter) regions. */
const POINT_POS: Rgb = mixRgb(PLAYGROUND_BLUE, [0, 0, 0], 0.25);
const POINT_NEG: Rgb = mixRgb(PLAYGROUND_ORANGE, [0, 0, 0], 0.2);
/** Regression values near 0: a mid grey, which stands out on the near-white middle of the map. */
const POINT_MID: Rgb = mixRgb(PLAYGROUND_WHITE, [0, 0, 0], 0.5);

/**
 * Colour used for an overlay point of the given label: a darker Playground blue for label > 0,
 * darker orange for label <= 0; regression labels in (-1, 1) go from a mid grey at 0 to those at ±1,
 * so a point stays visible on a map that predicts its own value (the map's white middle included).
 * @example
 * ```ts
 * pointColor(1); // a dark blue
 * ```
 */
export function pointColor(label: number): Rgb {
  if (label === 1 || label > 1) return POINT_POS;
  if (label === -1 || label < -1 || label === 0) return POINT_NEG;
  return label > 0 ? mixRgb(POINT_MID, POINT_POS, label) : mixRgb(POINT_MID, POINT_NEG, -label);
}

/**
 * Index into {@link MONO_RAMP} for a value: floor((clamp(v, -1, 1) + 1) × 3), capped at 5.
 * NaN → the middle-low band 2.
 * @example
 * ```ts
 * monoLevel(-1); // 0
 * monoLevel(0);  // 3
 * monoLevel(1);  // 5
 * ```
 */
export function monoLevel(v: number): number {
  if (Number.isNaN(v)) return 2;
  const c = v < -1 ? -1 : v > 1 ? 1 : v;
  return Math.min(5, Math.floor((c + 1) * 3));
}

/**
 * Renders a grid of values as half-block characters.
 *
 * Layout: `values` is gridW × gridH, row-major, top row first. Character row r shows grid rows 2r
 * (top half) and 2r+1 (bottom half) as '▀' (fg = top, bg = bottom) or, when that needs fewer colour
 * changes, '▄' (fg = bottom, bg = top); equal halves are a space on the background colour; an odd last row leaves the bottom
 * half in the terminal's default background. Output: ceil(gridH / 2) rows of exactly gridW visible
 * columns; colour sequences are emitted only when they change and each row ends with a reset.
 * Mode 'none': one glyph of {@link MONO_RAMP} per character from the mean of its two cells.
 * Overlay points are mapped to the nearest character cell; the glyph is drawn in the class colour
 * on the cell's bottom-half shade.
 *
 * @param values - `[gridH, gridW]` row-major, top row first.
 * @throws RenderError if gridW/gridH are not positive integers or values.length ≠ gridW × gridH.
 * @example
 * ```ts
 * renderHeatmap(Float64Array.from([-1, 1, -1, 1]), 2, 2, { mode: 'none' }); // [' █']
 * ```
 */
export function renderHeatmap(
  values: ArrayLike<number>,
  gridW: number,
  gridH: number,
  options: HeatmapOptions,
): string[] {
  assertPositiveInt('renderHeatmap', 'gridW', gridW);
  assertPositiveInt('renderHeatmap', 'gridH', gridH);
  if (values.length !== gridW * gridH) {
    throw new RenderError(
      `renderHeatmap: values length must be gridW × gridH; expected ${gridW * gridH}, got ${values.length}`,
    );
  }
  const mode = options.mode;
  const rowsOut = Math.ceil(gridH / 2);
  const discretize = options.discretize === true;
  const val = (i: number): number => {
    const v = values[i] ?? NaN;
    return discretize ? (v > 0 ? 1 : v < 0 ? -1 : 0) : v;
  };

  // Overlay: map each point to a character cell; later points win.
  const marks = new Map<number, OverlayPoint>();
  if (options.overlay !== undefined) {
    const d = options.overlay.domain;
    const sx = (gridW - 1) / (d.xmax - d.xmin);
    const sy = (gridH - 1) / (d.ymax - d.ymin);
    for (const p of options.overlay.points) {
      const gx = Math.round((p.x - d.xmin) * sx);
      const gy = Math.round((d.ymax - p.y) * sy);
      if (!(gx >= 0 && gx < gridW && gy >= 0 && gy < gridH)) continue;
      marks.set((gy >> 1) * gridW + gx, p);
    }
  }

  if (mode === 'none') {
    const glyphs = options.monoGlyphs ?? DEFAULT_MONO_GLYPHS;
    const out: string[] = [];
    for (let r = 0; r < rowsOut; r++) {
      let line = '';
      for (let c = 0; c < gridW; c++) {
        const m = marks.get(r * gridW + c);
        if (m !== undefined) {
          line += glyphs[(m.test === true ? 2 : 0) + (m.label > 0 ? 0 : 1)];
          continue;
        }
        const top = val(2 * r * gridW + c);
        const v = 2 * r + 1 < gridH ? (top + val((2 * r + 1) * gridW + c)) / 2 : top;
        line += MONO_RAMP[monoLevel(v)];
      }
      out.push(line);
    }
    return out;
  }

  const strength = options.strength ?? 0.8;
  const scale = options.scale ?? ((v: number) => divergingColor(v * strength));
  const glyphs = options.glyphs ?? DEFAULT_GLYPHS;
  const levels = Math.max(2, Math.floor(options.levels ?? 21));
  // Quantise values to `levels` shades and precompute their SGR strings: fast, and neighbouring
  // cells of a smooth region share sequences, which the de-duplication below then drops.
  const fgSeq: string[] = [];
  const bgSeq: string[] = [];
  for (let q = 0; q < levels; q++) {
    const rgb = scale((2 * q) / (levels - 1) - 1);
    fgSeq.push(fg(mode, rgb));
    bgSeq.push(bg(mode, rgb));
  }
  const mid = (levels - 1) / 2;
  const level = (v: number): number => {
    if (Number.isNaN(v)) return Math.round(mid);
    const c = v < -1 ? -1 : v > 1 ? 1 : v;
    return Math.round((c + 1) * mid);
  };
  const pointFg = new Map<number, string>();
  const out: string[] = [];
  for (let r = 0; r < rowsOut; r++) {
    let line = '';
    let curFg = '';
    let curBg = '';
    const hasBottom = 2 * r + 1 < gridH;
    for (let c = 0; c < gridW; c++) {
      const tq = level(val(2 * r * gridW + c));
      const bq = hasBottom ? level(val((2 * r + 1) * gridW + c)) : -1;
      const m = marks.get(r * gridW + c);
      let ch: string;
      let wantFg: string;
      let wantBg: string;
      if (m !== undefined) {
        ch = glyphs[(m.test === true ? 2 : 0) + (m.label > 0 ? 0 : 1)] ?? '●';
        let seq = pointFg.get(m.label);
        if (seq === undefined) {
          seq = fg(mode, pointColor(m.label));
          pointFg.set(m.label, seq);
        }
        wantFg = seq;
        // The glyph sits on the bottom half's shade (usually the neighbours' background too, so
        // no background sequence is needed around a point).
        wantBg = bgSeq[bq < 0 ? tq : bq] ?? '';
      } else if (tq === bq) {
        // Both halves equal: a space on the background colour, the foreground is irrelevant.
        ch = ' ';
        wantFg = curFg;
        wantBg = bgSeq[bq] ?? '';
      } else if (bq < 0) {
        ch = '▀';
        wantFg = fgSeq[tq] ?? '';
        wantBg = RESET;
      } else {
        // '▀' (fg = top, bg = bottom) or '▄' (fg = bottom, bg = top): pick the one that needs
        // fewer colour changes from the current state; ties go to '▀'.
        const upFg = fgSeq[tq] ?? '';
        const upBg = bgSeq[bq] ?? '';
        const downFg = fgSeq[bq] ?? '';
        const downBg = bgSeq[tq] ?? '';
        const upCost = (upFg !== curFg ? 1 : 0) + (upBg !== curBg ? 1 : 0);
        const downCost = (downFg !== curFg ? 1 : 0) + (downBg !== curBg ? 1 : 0);
        if (downCost < upCost) {
          ch = '▄';
          wantFg = downFg;
          wantBg = downBg;
        } else {
          ch = '▀';
          wantFg = upFg;
          wantBg = upBg;
        }
      }
      const bgChanges = wantBg !== curBg;
      const fgChanges = wantFg !== curFg;
      if (bgChanges && fgChanges && wantBg !== RESET && wantBg !== '' && wantFg !== '') {
        // One combined sequence: ESC[<bg params>;<fg params>m.
        line += wantBg.slice(0, -1) + ';' + wantFg.slice(2);
      } else {
        if (bgChanges) {
          line += wantBg;
          if (wantBg === RESET) curFg = ''; // the reset also cleared the foreground
        }
        if (wantFg !== curFg) line += wantFg;
      }
      curBg = wantBg;
      curFg = wantFg;
      line += ch;
    }
    out.push(line + RESET);
  }
  return out;
}
