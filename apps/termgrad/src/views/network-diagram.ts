import { featurize } from '../driver/features.js';
import type { NetworkSnapshot } from '../driver/snapshots.js';
import type { Charset } from '../render/charset.js';
import type { ColorMode } from '../render/index.js';
import { paint, renderHeatmap, visibleWidth } from '../render/index.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import { FEATURE_LABELS, FEATURES, featureOrder } from '../settings/network-settings.js';
import type { NetworkCursor } from '../state/app-state.js';
import { classMap } from './class-map.js';
import type { Domain } from './grid.js';
import { gridPoints } from './grid.js';
import {
  ACCENT,
  fit,
  heading,
  line,
  muted,
  num,
  TEST_COLOR,
  TRAIN_COLOR,
  wrapWords,
} from './layout.js';
import type { DiagramGeometry } from './network-geometry.js';
import { diagramGeometry, TITLE_BUTTONS } from './network-geometry.js';
import { linkBlocks } from './network-links.js';

/** A character grid of cells (each cell one visible character, possibly with colour escapes). */
type Canvas = string[][];

function put(canvas: Canvas, x: number, y: number, text: string): void {
  const row = canvas[y];
  if (row === undefined) return;
  let i = 0;
  for (const ch of text) {
    if (x + i >= 0 && x + i < row.length) row[x + i] = ch;
    i++;
  }
}

/** Puts rendered rows (escape sequences included) at (x, y): the first cell carries the whole row, the rest are emptied. */
function putBlock(canvas: Canvas, x: number, y: number, rows: readonly string[], w: number): void {
  rows.forEach((r, k) => {
    const row = canvas[y + k];
    if (row === undefined || x + w > row.length) return;
    row[x] = r;
    for (let i = 1; i < w; i++) row[x + i] = '';
  });
}

function putStyled(canvas: Canvas, x: number, y: number, text: string, styled: string): void {
  const row = canvas[y];
  if (row === undefined || x + visibleWidth(text) > row.length) return;
  row[x] = styled;
  for (let i = 1; i < visibleWidth(text); i++) row[x + i] = '';
}

/** A short column header for hidden layer `i` with `n` neurons. */
function header(kind: 'inputs' | 'hidden' | 'output', n: number, w: number): string {
  const t = kind === 'inputs' ? 'in' : kind === 'output' ? 'out' : String(n);
  return t.length > w ? t.slice(0, w) : t;
}

/** Values squashed into [-1, 1] for a thumbnail: divided by the largest magnitude. */
function scaled(values: Float64Array): Float64Array {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m > 0 ? values.map((v) => v / m) : values;
}

/** A weight as a two-character mark: sign and size (· below 0.1, one sign below 1, two from 1). */
export function weightMark(w: number): string {
  if (!Number.isFinite(w)) return '??';
  const a = Math.abs(w);
  const s = w >= 0 ? '+' : '-';
  return a < 0.1 ? '· ' : a < 1 ? `${s} ` : `${s}${s}`;
}

/** The drawn model has the architecture of the settings (after an edit it is stale until the new run's first frame). */
function modelMatches(snap: NetworkSnapshot | null, s: NetworkSettings): boolean {
  if (snap === null || snap.model === undefined) return false;
  return (
    snap.settings.layers.join() === s.layers.join() &&
    featureOrder(snap.settings.features).join() === featureOrder(s.features).join() &&
    snap.data.dims === 2
  );
}

/** Names of the units feeding diagram column `col` (inputs: the selected features). */
function sourceNames(s: NetworkSettings, col: number): string[] {
  if (col <= 1) return featureOrder(s.features).map((f) => FEATURE_LABELS[f]);
  return Array.from({ length: s.layers[col - 2] ?? 0 }, (_, i) => `n${i + 1}`);
}

/** Diagram row of source unit `i` feeding column `col` (an input feature's row is its place in FEATURES). */
function sourceRow(s: NetworkSettings, col: number, i: number): number {
  if (col !== 1) return i;
  const f = featureOrder(s.features)[i];
  return f === undefined ? i : FEATURES.indexOf(f);
}

/** The selected element's details: name, bias and incoming weights (or the feature's state). */
export function cursorDetails(
  s: NetworkSettings,
  snap: NetworkSnapshot | null,
  c: NetworkCursor,
): string {
  const last = s.layers.length + 1;
  if (c.col === 0) {
    const f = FEATURES[c.row];
    if (f === undefined) return '';
    return `input ${FEATURE_LABELS[f]}: ${s.features.includes(f) ? 'on' : 'off'}`;
  }
  const name = c.col === last ? 'output' : `layer ${c.col} neuron ${c.row + 1}`;
  const model = modelMatches(snap, s) ? snap?.model : undefined;
  const W = model?.weights?.[c.col - 1];
  const b = model?.biases?.[c.col - 1];
  if (W === undefined || b === undefined) return `${name}  (weights after the next epoch)`;
  const fanOut = b.length;
  const j = Math.min(c.row, fanOut - 1);
  const names = sourceNames(s, c.col);
  const ws = names.map((n, i) => `${n} ${w4(W[i * fanOut + j] ?? NaN)}`).join(' ');
  return `${name}  bias ${w4(b[j] ?? NaN)}  in: ${ws}`;
}

const w4 = (x: number): string => (x >= 0 ? `+${num(x, 3)}` : num(x, 3));

/**
 * The network as the Playground draws it: the input features (thumbnails of x₁, x₂, x₁², …; unused
 * ones dotted), one column of neuron maps per hidden layer with its size on top, and the output;
 * the weights as links between the columns where there is room (see network-links.ts), else the
 * weights into the selected neuron as sign/size marks right of their source units; the selected
 * element marked with `>`, its numbers below. Exactly width × height.
 */
export function networkDiagram(
  s: NetworkSettings,
  snap: NetworkSnapshot | null,
  cursor: NetworkCursor,
  focused: boolean,
  width: number,
  height: number,
  mode: ColorMode,
  charset: Charset = 'utf8',
): string[] {
  const g = diagramGeometry(s, width, height, cursor.col);
  if (g === null)
    return fit([muted(mode, `network ${s.layers.join('-')}: enlarge terminal`)], width, height);
  const canvas: Canvas = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const title = `network ${s.layers.join('-') || 'no hidden'}  `;
  putStyled(canvas, 0, 0, title, heading(mode, title));
  put(canvas, g.addLayerX - 'layers '.length, 0, TITLE_BUTTONS);
  const live = modelMatches(snap, s) ? snap : null;
  const acts = live !== null ? neuronValues(live, g, mode) : null;
  const ncols = s.layers.length + 2;
  for (const c of g.columns) {
    const hx = c.kind === 'inputs' ? c.cellX : c.x;
    const more = c.rows > c.shownRows ? `+${c.rows - c.shownRows}` : '';
    put(canvas, hx, 1, header(c.kind, c.rows, c.width));
    if (more !== '' && c.kind === 'hidden')
      put(canvas, c.x, g.top + c.shownRows * g.rowStep - 1, more);
    for (let r = 0; r < c.shownRows; r++) {
      const y = g.top + r * g.rowStep;
      if (c.kind === 'inputs') {
        const f = FEATURES[r];
        if (f === undefined) continue;
        const on = s.features.includes(f);
        const label = FEATURE_LABELS[f].padStart(g.labelW);
        putStyled(canvas, c.x, y, label, on ? label : muted(mode, label));
        if (on && acts !== null)
          putBlock(
            canvas,
            c.cellX,
            y,
            renderHeatmap(
              scaled(acts.features[r] ?? new Float64Array(g.cw * g.ch * 2)),
              g.cw,
              g.ch * 2,
              { mode },
            ),
            g.cw,
          );
        else put(canvas, c.cellX, y, on ? '░'.repeat(g.cw) : '·'.repeat(g.cw));
      } else if (c.kind === 'hidden') {
        const values = acts?.hidden[c.col - 1]?.[r];
        if (values !== undefined)
          putBlock(canvas, c.cellX, y, renderHeatmap(values, g.cw, g.ch * 2, { mode }), g.cw);
        else put(canvas, c.cellX, y, '░'.repeat(g.cw));
      } else if (acts !== null && acts.output.length > 0)
        putBlock(canvas, c.cellX, y, acts.output, g.cw);
      else put(canvas, c.cellX, y, '░'.repeat(g.cw));
    }
  }
  for (const b of linkBlocks(s, live, g, cursor, mode, charset))
    putBlock(canvas, b.x, b.y, b.rows, b.width);
  drawCursor(canvas, g, s, g.links ? null : live, cursor, focused, mode, ncols);
  const rows = canvas.map((r) => r.join(''));
  const details = wrapWords(cursorDetails(s, snap, cursor), width, Math.max(0, height - g.detailY));
  details.forEach((d, i) => {
    rows[g.detailY + i] = muted(mode, d);
  });
  return fit(
    rows.map((r) => line(r, width)),
    width,
    height,
  );
}

/** The cursor mark and, for a neuron, the weights into it next to their sources. */
function drawCursor(
  canvas: Canvas,
  g: DiagramGeometry,
  s: NetworkSettings,
  live: NetworkSnapshot | null,
  c: NetworkCursor,
  focused: boolean,
  mode: ColorMode,
  ncols: number,
): void {
  const col = g.columns.find((k) => k.col === c.col);
  if (col === undefined || c.row >= col.shownRows) return;
  const y = g.top + c.row * g.rowStep;
  const mark = focused ? paint(mode, '>', { fg: ACCENT, bold: true }) : muted(mode, '>');
  putStyled(canvas, col.cellX - 1, y, '>', mark);
  if (c.col === 0 || live === null) return;
  const W = live.model?.weights?.[c.col - 1];
  const b = live.model?.biases?.[c.col - 1];
  const src = g.columns.find((k) => k.col === c.col - 1);
  if (W === undefined || b === undefined || src === undefined || c.col >= ncols) return;
  const fanOut = b.length;
  const fanIn = W.length / Math.max(1, fanOut);
  const j = Math.min(c.row, fanOut - 1);
  for (let i = 0; i < fanIn; i++) {
    const r = sourceRow(s, c.col, i);
    if (r >= src.shownRows) continue;
    const w = W[i * fanOut + j] ?? NaN;
    const m = weightMark(w);
    putStyled(
      canvas,
      src.cellX + g.cw,
      g.top + r * g.rowStep,
      m,
      paint(mode, m, { fg: w >= 0 ? TRAIN_COLOR : TEST_COLOR }),
    );
  }
}

/** Thumbnails: every feature's values, every hidden neuron's activations (in [-1, 1]), the output map. */
function neuronValues(
  snap: NetworkSnapshot,
  g: DiagramGeometry,
  mode: ColorMode,
): { features: Float64Array[]; hidden: Float64Array[][]; output: string[] } | null {
  const model = snap.model;
  if (model === undefined) return null;
  const [lo, hi] = snap.data.domain;
  const domain: Domain = { xmin: lo, xmax: hi, ymin: lo, ymax: hi };
  const gw = g.cw;
  const gh = g.ch * 2;
  const grid = gridPoints(gw, gh, domain);
  const n = gw * gh;
  const features = FEATURES.map((f) => featurize(grid, n, [f]));
  const act = snap.settings.activation;
  const hidden = model
    .neurons(grid, n)
    .map((layer) =>
      layer.map((v) =>
        act === 'tanh' ? v : v.map((x) => (act === 'sigmoid' ? 2 * x - 1 : Math.tanh(x))),
      ),
    );
  const raw = model.output(grid, n);
  const classes = snap.data.classes;
  let output: string[];
  if (classes > 2 && snap.settings.problem === 'classification')
    output = classMap(raw, classes, gw, gh, domain, [], mode);
  else {
    const signed =
      snap.settings.problem === 'regression' || snap.settings.mode === 'playground'
        ? raw
        : raw.map((p) => 2 * p - 1);
    output = renderHeatmap(signed, gw, gh, { mode });
  }
  return { features, hidden, output };
}

/** The footer's keys for the selected diagram element. */
export function diagramHint(s: NetworkSettings, c: NetworkCursor): string {
  const move = '←→↑↓ move · e settings';
  if (c.col === 0) {
    const f = FEATURES[c.row];
    return `${f === undefined ? 'input' : FEATURE_LABELS[f]}: x toggle · ${move}`;
  }
  if (c.col > s.layers.length) return `output: ] add layer · [ remove last · ${move}`;
  return `layer ${c.col} (${s.layers[c.col - 1] ?? 0}): +/- neurons · ] add layer · [ remove · ${move}`;
}
