import type { NetworkSnapshot } from '../driver/snapshots.js';
import type { Charset } from '../render/charset.js';
import type { ColorMode, Rgb } from '../render/index.js';
import { bresenham, mixRgb, paint } from '../render/index.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import { FEATURES, featureOrder } from '../settings/network-settings.js';
import type { NetworkCursor } from '../state/app-state.js';
import { TEST_COLOR, TRAIN_COLOR } from './layout.js';
import type { DiagramColumn, DiagramGeometry } from './network-geometry.js';

/**
 * The weights as links between adjacent columns of the network diagram, as the Playground draws
 * them: one straight link from every source unit to every neuron of the next column, its colour
 * the weight's sign (blue +, orange −, the app's train/test palette) and its intensity and
 * thickness the weight's size; the links of the selected unit (in and out) drawn last and bold.
 * UTF-8 draws braille lines (2×4 dots a cell); ASCII draws one glyph a cell (`-` `/` `\` `|`).
 * Without colour (NO_COLOR) a negative weight is dotted (ASCII: `.` and `:`), a positive one solid.
 */

/** Colour of a positive and of a negative weight. */
export const POSITIVE_LINK: Rgb = TRAIN_COLOR;
export const NEGATIVE_LINK: Rgb = TEST_COLOR;
/** The colour faint links fade towards (a dark grey: small weights recede on a dark terminal). */
const FADED: Rgb = [0x44, 0x44, 0x44];
/** Intensity of each size level (|w| < 0.25, < 1, ≥ 1): the share of the sign's colour. */
const INTENSITY = [0.4, 0.7, 1] as const;

/** Size level of a weight: 0 below 0.25, 1 below 1, 2 from 1 (drawn thick). Quantised so that a slowly changing weight rarely changes its cells (the pacer sends only changed cells). */
export function linkLevel(w: number): 0 | 1 | 2 {
  const a = Math.abs(w);
  return a < 0.25 ? 0 : a < 1 ? 1 : 2;
}

/** One link's look: sign, size level, and whether it belongs to the selected unit. */
interface LinkStyle {
  readonly negative: boolean;
  readonly level: 0 | 1 | 2;
  readonly selected: boolean;
}

/** The SGR-wrapped text of a run of cells in one style. */
function styled(mode: ColorMode, text: string, st: LinkStyle): string {
  const sign = st.negative ? NEGATIVE_LINK : POSITIVE_LINK;
  if (mode === 'none') return text;
  const t = st.selected ? 1 : (INTENSITY[st.level] ?? 1);
  // 16 colours cannot fade: the sign's colour, dim for small weights.
  if (mode === 'ansi16')
    return paint(mode, text, { fg: sign, bold: st.selected, dim: !st.selected && st.level === 0 });
  return paint(mode, text, { fg: mixRgb(FADED, sign, t), bold: st.selected });
}

/** A block of the diagram drawn with links: its top-left cell and its rows (escape sequences included). */
export interface LinkBlock {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly rows: readonly string[];
}

/** One link to draw: end rows (in the block's cells), weight, and whether it is the selected unit's. */
interface Link {
  readonly from: number;
  readonly to: number;
  readonly w: number;
  readonly selected: boolean;
}

/** Diagram row of source unit `i` feeding column `col` (an input feature's row is its place in FEATURES). */
function sourceRow(s: NetworkSettings, col: number, i: number): number {
  if (col !== 1) return i;
  const f = featureOrder(s.features)[i];
  return f === undefined ? i : FEATURES.indexOf(f);
}

/** The links between drawn columns `src` and `dst` (= src + 1), in drawing order (selected last, bigger over smaller). */
function linksBetween(
  s: NetworkSettings,
  snap: NetworkSnapshot,
  src: DiagramColumn,
  dst: DiagramColumn,
  cursor: NetworkCursor,
): Link[] {
  const W = snap.model?.weights?.[dst.col - 1];
  const b = snap.model?.biases?.[dst.col - 1];
  if (W === undefined || b === undefined || b.length === 0) return [];
  const fanOut = b.length;
  const fanIn = Math.floor(W.length / fanOut);
  const links: Link[] = [];
  for (let i = 0; i < fanIn; i++) {
    const from = sourceRow(s, dst.col, i);
    if (from >= src.shownRows) continue;
    for (let to = 0; to < dst.shownRows; to++) {
      // The output column draws one map: its links carry the first output's weights (as the details do).
      const j = Math.min(to, fanOut - 1);
      const w = W[i * fanOut + j] ?? NaN;
      if (!Number.isFinite(w)) continue;
      const selected =
        (cursor.col === dst.col && cursor.row === to) ||
        (cursor.col === src.col && cursor.row === from);
      links.push({ from, to, w, selected });
    }
  }
  // Stable order by (selected, size level): the cell colour is the last writer's.
  return links
    .map((l, k) => ({ l, k }))
    .sort(
      (a, c) =>
        Number(a.l.selected) - Number(c.l.selected) ||
        linkLevel(a.l.w) - linkLevel(c.l.w) ||
        a.k - c.k,
    )
    .map((e) => e.l);
}

/**
 * The link blocks of the diagram: one per pair of adjacent drawn columns, in the gap between them
 * (its last column left for the cursor's `>`). Empty when the geometry has no room for links or
 * the model is not known yet.
 */
export function linkBlocks(
  s: NetworkSettings,
  snap: NetworkSnapshot | null,
  g: DiagramGeometry,
  cursor: NetworkCursor,
  mode: ColorMode,
  charset: Charset,
): LinkBlock[] {
  if (!g.links || snap === null) return [];
  const height = g.detailY - g.top;
  const blocks: LinkBlock[] = [];
  for (let k = 0; k + 1 < g.columns.length; k++) {
    const src = g.columns[k];
    const dst = g.columns[k + 1];
    if (src === undefined || dst === undefined || dst.col !== src.col + 1) continue;
    const x = src.x + src.width;
    const width = dst.cellX - 1 - x;
    if (width < 2 || height < 1) continue;
    const links = linksBetween(s, snap, src, dst, cursor);
    if (links.length === 0) continue;
    const rows =
      charset === 'ascii'
        ? asciiLinks(links, g, width, height, mode)
        : brailleLinks(links, g, width, height, mode);
    blocks.push({ x, y: g.top, width, rows });
  }
  return blocks;
}

/** Row (in cells) a link leaves or enters thumbnail row `r` at. */
const anchorRow = (g: DiagramGeometry, r: number): number =>
  r * g.rowStep + Math.floor((g.ch - 1) / 2);

/** Joins cells (glyph and style index, −1 empty) into rows, one SGR run per style change. */
function renderCells(
  glyphs: readonly string[],
  styles: Int32Array,
  table: readonly LinkStyle[],
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    let run = '';
    let runStyle = -1;
    const flush = (): void => {
      const st = table[runStyle];
      row += st === undefined ? run : styled(mode, run, st);
      run = '';
    };
    for (let x = 0; x < width; x++) {
      const c = y * width + x;
      const st = styles[c] ?? -1;
      if (st !== runStyle) {
        flush();
        runStyle = st;
      }
      run += glyphs[c] ?? ' ';
    }
    flush();
    rows.push(row);
  }
  return rows;
}

/** Interns a style: the index of an equal one in `table`, appended if new. */
function styleIndex(table: LinkStyle[], st: LinkStyle): number {
  const i = table.findIndex(
    (t) => t.negative === st.negative && t.level === st.level && t.selected === st.selected,
  );
  if (i >= 0) return i;
  table.push(st);
  return table.length - 1;
}

/** Dot bit of pixel (dx, dy) inside a braille cell (dx 0..1, dy 0..3). */
const DOT: readonly (readonly number[])[] = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

/** Links as braille lines: negative dotted without colour, size ≥ 1 two dots thick. */
function brailleLinks(
  links: readonly Link[],
  g: DiagramGeometry,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const dots = new Uint8Array(width * height);
  const styles = new Int32Array(width * height).fill(-1);
  const table: LinkStyle[] = [];
  const pw = width * 2;
  const ph = height * 4;
  for (const l of links) {
    const st = { negative: l.w < 0, level: linkLevel(l.w), selected: l.selected };
    const si = styleIndex(table, st);
    const dotted = mode === 'none' && st.negative;
    const thick = st.level === 2;
    // From the middle of the source thumbnail's rows to the middle of the target's.
    const y0 = 4 * (l.from * g.rowStep) + 2 * g.ch - 1;
    const y1 = 4 * (l.to * g.rowStep) + 2 * g.ch - 1;
    const plot = (px: number, py: number): void => {
      if (px < 0 || py < 0 || px >= pw || py >= ph) return;
      const c = (py >> 2) * width + (px >> 1);
      dots[c] = (dots[c] ?? 0) | (DOT[px & 1]?.[py & 3] ?? 0);
      styles[c] = si;
    };
    let step = 0;
    bresenham(0, y0, pw - 1, y1, (px, py) => {
      if (!dotted || step++ % 3 === 0) {
        plot(px, py);
        if (thick) plot(px, py + 1);
      }
    });
  }
  const glyphs = Array.from(dots, (d) => (d === 0 ? ' ' : String.fromCharCode(0x2800 + d)));
  // Empty cells carry no style (no escape sequences around blanks).
  for (let c = 0; c < styles.length; c++) if (dots[c] === 0) styles[c] = -1;
  return renderCells(glyphs, styles, table, width, height, mode);
}

/** Links as ASCII glyphs, one a cell by the step into it; negative ones `.`/`:` without colour. */
function asciiLinks(
  links: readonly Link[],
  g: DiagramGeometry,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const glyphs = new Array<string>(width * height).fill(' ');
  const styles = new Int32Array(width * height).fill(-1);
  const table: LinkStyle[] = [];
  for (const l of links) {
    const st = { negative: l.w < 0, level: linkLevel(l.w), selected: l.selected };
    const si = styleIndex(table, st);
    const y0 = anchorRow(g, l.from);
    const y1 = anchorRow(g, l.to);
    const n = Math.max(1, width - 1);
    const dotted = mode === 'none' && st.negative;
    // Each cell's glyph from the step into it: along `-`, down `\`, up `/`, straight down `|`.
    let px = -1;
    let py = y0;
    bresenham(0, y0, n, y1, (x, y) => {
      const glyph =
        x === px ? (dotted ? ':' : '|') : dotted ? '.' : y > py ? '\\' : y < py ? '/' : '-';
      px = x;
      py = y;
      if (y < 0 || y >= height || x >= width) return;
      glyphs[y * width + x] = glyph;
      styles[y * width + x] = si;
    });
  }
  return renderCells(glyphs, styles, table, width, height, mode);
}
