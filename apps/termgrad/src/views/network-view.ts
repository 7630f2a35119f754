import { hstack, lineChart, paint, renderHeatmap, visibleWidth, vstack } from '../render/index.js';
import type { ColorMode, OverlayPoint } from '../render/index.js';
import type { NetworkSnapshot } from '../driver/snapshots.js';
import { networkFields } from '../settings/fields.js';
import { FEATURE_LABELS, featureOrder } from '../settings/network-settings.js';
import type { LossPoint, NetworkLabState } from '../state/app-state.js';
import { classMap } from './class-map.js';
import type { ClassPoint } from './class-map.js';
import { fieldPanel } from './field-panel.js';
import { gridPoints } from './grid.js';
import type { Domain } from './grid.js';
import { fit, heading, line, muted, num, rate, TEST_COLOR, TRAIN_COLOR, wrapWords } from './layout.js';
import { seriesChart } from './plot.js';

/** Binary/regression values in [-1, 1] from the network's raw outputs. */
function signedValues(snapshot: NetworkSnapshot, raw: Float64Array): Float64Array {
  const s = snapshot.settings;
  if (s.problem === 'regression' || s.mode === 'playground') return raw; // tanh / linear output already in [-1, 1]
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = 2 * (raw[i] ?? 0.5) - 1; // sigmoid p → 2p − 1
  return out;
}

function overlay(snapshot: NetworkSnapshot, showTest: boolean): { binary: OverlayPoint[]; classes: ClassPoint[] } {
  const d = snapshot.data;
  const binary: OverlayPoint[] = [];
  const classes: ClassPoint[] = [];
  const add = (pts: typeof d.train, targets: Float64Array | undefined, test: boolean): void => {
    for (let i = 0; i < pts.n; i++) {
      const x = pts.x[2 * i] ?? 0;
      const y = pts.x[2 * i + 1] ?? 0;
      const label = pts.labels[i] ?? 0;
      const value = targets !== undefined ? (targets[i] ?? 0) : label > 0 ? 1 : -1;
      binary.push({ x, y, label: value, test });
      classes.push({ x, y, label, test });
    }
  };
  add(d.train, d.trainTargets, false);
  if (showTest) add(d.test, d.testTargets, true);
  return { binary, classes };
}

/** The decision region (or regression surface) with the points: exactly `side*2` wide, `side` tall. */
export function decisionMap(snapshot: NetworkSnapshot, widthChars: number, heightRows: number, showTest: boolean, mode: ColorMode): string[] {
  const model = snapshot.model;
  const [lo, hi] = snapshot.data.domain;
  const domain: Domain = { xmin: lo, xmax: hi, ymin: lo, ymax: hi };
  const gridW = widthChars;
  const gridH = heightRows * 2;
  const pts = overlay(snapshot, showTest);
  if (model === undefined) return fit([muted(mode, 'training…')], widthChars, heightRows);
  if (snapshot.data.dims !== 2) return mapNeedsTwo(snapshot, widthChars, heightRows, mode);
  const raw = model.output(gridPoints(gridW, gridH, domain), gridW * gridH);
  if (snapshot.data.classes > 2 && snapshot.settings.problem === 'classification') {
    return classMap(raw, snapshot.data.classes, gridW, gridH, domain, pts.classes, mode);
  }
  return renderHeatmap(signedValues(snapshot, raw), gridW, gridH, { mode, overlay: { points: pts.binary, domain } });
}

/** Shown instead of the map for a CSV with other than 2 feature columns (training still runs). */
function mapNeedsTwo(snapshot: NetworkSnapshot, width: number, height: number, mode: ColorMode): string[] {
  const d = snapshot.data;
  return fit(
    [
      heading(mode, `${d.dims} features: ${d.axes.slice(0, 6).join(', ')}${d.axes.length > 6 ? ', …' : ''}`),
      muted(mode, 'the map needs exactly 2 feature columns;'),
      muted(mode, 'training runs on all of them (loss and'),
      muted(mode, 'accuracy on the right).'),
    ].map((r) => line(r, width)),
    width,
    height,
  );
}

/** Legend under the map: what the colours or glyphs mean. */
export function mapLegend(snapshot: NetworkSnapshot, mode: ColorMode): string {
  const d = snapshot.data;
  if (d.dims !== 2) return '';
  const axes = `x: ${d.axes[0] ?? 'x₁'}  y: ${d.axes[1] ?? 'x₂'} [${num(d.domain[0], 2)}, ${num(d.domain[1], 2)}]`;
  if (d.classes <= 1) return `${axes}  ${mode === 'none' ? 'shade' : 'colour'}: predicted value (−1 … 1)`;
  if (d.classes > 2) return `${axes}  region: most probable class${mode === 'none' ? ' (a b c … points)' : ''}`;
  return `${axes}  ${mode === 'none' ? 'o: +1 x: −1' : 'blue +1 orange −1'}`;
}

/** Largest neuron map, in rows (2·rows wide): bigger ones add little and cost a forward pass per cell. */
const MAX_NEURON_ROWS = 12;

/**
 * Small heat maps of every hidden neuron, one column per layer, as many as fit: as large as the
 * height allows (the tallest layer's maps stacked) and the width allows (every layer side by side),
 * at most {@link MAX_NEURON_ROWS} rows each.
 */
export function neuronMaps(snapshot: NetworkSnapshot, width: number, height: number, mode: ColorMode): string[] {
  const model = snapshot.model;
  if (model === undefined || snapshot.settings.layers.length === 0 || height < 3 || snapshot.data.dims !== 2) return [];
  const layers = snapshot.settings.layers;
  const maxNeurons = Math.max(...layers);
  // Each neuron: cw chars × ch rows, one blank row between neurons and a column between layers:
  // a title row + maxNeurons·(ch + 1) − 1 rows ≤ height, and layers·(2ch + 1) − 1 ≤ width.
  const byHeight = Math.floor((height - 1) / maxNeurons) - 1;
  const byWidth = Math.floor(((width + 1) / layers.length - 1) / 2);
  const ch = Math.max(1, Math.min(MAX_NEURON_ROWS, byHeight, byWidth));
  const cw = ch * 2;
  const fitLayers = Math.min(layers.length, Math.floor((width + 1) / (cw + 1)));
  if (fitLayers === 0 || (ch + 1) * maxNeurons > height - 1 + 1) {
    return fit([muted(mode, 'neurons: enlarge terminal')], width, 1);
  }
  const [lo, hi] = snapshot.data.domain;
  const domain: Domain = { xmin: lo, xmax: hi, ymin: lo, ymax: hi };
  const grid = gridPoints(cw, ch * 2, domain);
  const acts = model.neurons(grid, cw * ch * 2);
  const columns: string[][] = [];
  for (let l = 0; l < fitLayers; l++) {
    const layer = acts[l] ?? [];
    const blocks: string[][] = [];
    for (const values of layer) {
      // Neuron outputs: tanh in [-1, 1]; others are squashed into it for display.
      const act = snapshot.settings.activation;
      const shown = act === 'tanh' ? values : values.map((v) => (act === 'sigmoid' ? 2 * v - 1 : Math.tanh(v)));
      blocks.push(renderHeatmap(shown, cw, ch * 2, { mode }));
    }
    columns.push(vstack(blocks, 1));
  }
  const title = line(muted(mode, `neurons ${layers.join('-')}${fitLayers < layers.length ? ` (${fitLayers} shown)` : ''}`), width);
  return fit([title, ...hstack(columns, 1)], width, height);
}

function lossChart(history: readonly LossPoint[], width: number, height: number, mode: ColorMode): string[] {
  if (height < 3 || width < 12) return [];
  const train = history.map((p) => p.train);
  const test = history.map((p) => p.test);
  if (train.length < 2) return fit([muted(mode, 'loss chart: waiting for 2 epochs')], width, height);
  const log = train.every((v) => v > 0);
  const from = history[0]?.epoch ?? 0;
  const to = history[history.length - 1]?.epoch ?? 0;
  const head = `loss${log ? ' (log)' : ''} ─ train ${mode === 'none' ? '┈' : '─'} test `;
  // The epoch range as long as it fits: "epochs 1–250", else "ep 1–250", else "1–250", else none.
  const range = [`epochs ${from}–${to}`, `ep ${from}–${to}`, `${from}–${to}`].find((r) => visibleWidth(head) + visibleWidth(r) <= width) ?? '';
  const title = `${muted(mode, `loss${log ? ' (log)' : ''}`)} ${paint(mode, '─ train', { fg: TRAIN_COLOR })} ${paint(mode, mode === 'none' ? '┈ test' : '─ test', { fg: TEST_COLOR })} ${muted(mode, range)}`;
  // Without colour the two lines must differ in shape: a braille chart with a dotted test line.
  const chart = mode === 'none'
    ? seriesChart([{ values: train }, { values: test, dotted: true }], width, height - 1, mode, log)
    : lineChart([train, test], { width, height: height - 1, mode, colors: [TRAIN_COLOR, TEST_COLOR], log });
  return [line(title, width), ...chart.map((r) => line(r, width))];
}

function stats(state: NetworkLabState, width: number, mode: ColorMode): string[] {
  const s = state.snapshot;
  const st = state.settings;
  const features = featureOrder(st.features).map((f) => FEATURE_LABELS[f]).join(' ');
  if (s === null) return [line(`${heading(mode, 'Network')} ${muted(mode, 'starting…')}`, width)];
  const acc = Number.isFinite(s.testAccuracy) ? `  acc ${(s.trainAccuracy * 100).toFixed(1)}% / ${(s.testAccuracy * 100).toFixed(1)}%` : '';
  const inputs = s.data.dims === 2 ? features : `${s.data.dims} CSV columns`;
  const state_ = s.done ? (s.stoppedEarly ? '■ early stop' : '■ done') : state.running ? '▶ running' : '❚❚ paused';
  const bias = s.model !== undefined ? `out bias ${s.model.outputBias.map((b) => num(b, 3)).join(', ')}` : '';
  // Segments are packed into as many rows as the column needs, so a narrow column wraps between
  // items instead of cutting the accuracy or the output bias off.
  const status = [
    heading(mode, `epoch ${s.epoch}`),
    state_,
    ...(s.deadLinks !== undefined && s.deadLinks > 0 ? [`${s.deadLinks} dead links`] : []),
    `${rate(s.samplesPerSecond)} samples/s`,
  ];
  const losses = [`loss train ${num(s.trainLoss)}`, `test ${num(s.testLoss)}`, ...(acc !== '' ? [acc.trim()] : [])];
  // Long descriptions (many features or layers, regression) are wrapped between words.
  const described = wrapWords(`${st.mode} · ${inputs} → ${st.layers.join('-') || 'no hidden'} → ${st.activation}`, width).map((r) => r.trimEnd());
  const model = [...described, ...wrapWords(bias, width).map((r) => r.trimEnd())].map((t) => muted(mode, t));
  const kind = wrapWords(`${st.dataset === 'csv' ? 'csv' : st.dataset} · ${s.data.classes <= 1 ? 'regression, linear output' : `${s.data.classes} classes`}`, width).map((r) => r.trimEnd());
  const data = [...kind, `${s.data.train.n} train / ${s.data.test.n} test`].map((t) => muted(mode, t));
  return [status, losses, model, data].flatMap((segments) => packSegments(segments, width).map((r) => line(r, width)));
}

/** Joins segments with two spaces into rows no wider than `width` (a segment wider than a row is cut by `line`). */
function packSegments(segments: readonly string[], width: number): string[] {
  const rows: string[] = [];
  let cur = '';
  for (const seg of segments) {
    if (cur !== '' && visibleWidth(cur) + 2 + visibleWidth(seg) > width) {
      rows.push(cur);
      cur = seg;
    } else cur = cur === '' ? seg : `${cur}  ${seg}`;
  }
  if (cur !== '') rows.push(cur);
  return rows;
}

/**
 * The network lab: settings panel, decision region, neurons, loss chart. Exactly width × height
 * rows, no row wider than `width`.
 */
export function networkView(state: NetworkLabState, width: number, height: number, mode: ColorMode): string[] {
  if (state.error !== null) return fit([heading(mode, 'Network'), line(`error: ${state.error}`, width), muted(mode, 'change a setting or press r')], width, height);
  const panelWidth = width >= 110 ? 28 : width >= 90 ? 24 : 0;
  const rightMin = width >= 110 ? 36 : 26;
  const avail = width - panelWidth - (panelWidth > 0 ? 1 : 0) - rightMin - 1;
  const side = Math.max(4, Math.min(height, Math.floor(avail / 2)));
  const mapW = side * 2;
  const rightW = width - panelWidth - (panelWidth > 0 ? 1 : 0) - mapW - 1;
  const blocks: string[][] = [];
  if (panelWidth > 0) blocks.push(fieldPanel(networkFields(state.settings), state.settings, state.field, panelWidth, height, mode));
  const snap = state.snapshot;
  const mapH = Math.min(side, height - 2);
  const left = snap === null
    ? fit([muted(mode, 'generating data…')], mapW, height)
    : fit([...fit(decisionMap(snap, mapW, mapH, state.settings.showTest, mode), mapW, mapH), ...wrapWords(mapLegend(snap, mode), mapW, 2)], mapW, height);
  blocks.push(left);
  const top = stats(state, rightW, mode);
  const chartH = Math.max(0, Math.min(12, Math.floor((height - top.length) / 2)));
  const neuronH = height - top.length - chartH;
  const right = [
    ...top,
    ...(snap !== null ? fit(neuronMaps(snap, rightW, neuronH, mode), rightW, neuronH) : fit([], rightW, neuronH)),
    ...fit(lossChart(state.history, rightW, chartH, mode), rightW, chartH),
  ];
  blocks.push(fit(right, rightW, height));
  return fit(hstack(blocks, 1), width, height);
}
