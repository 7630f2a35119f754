import type { NetworkSnapshot } from '../driver/snapshots.js';
import type { Charset } from '../render/charset.js';
import type { ColorMode, OverlayPoint, Rgb } from '../render/index.js';
import { hstack, lineChart, paint, renderHeatmap, visibleWidth } from '../render/index.js';
import { datasetLabel, networkFields } from '../settings/fields.js';
import { FEATURE_LABELS, featureOrder } from '../settings/network-settings.js';
import type { LossPoint, NetworkLabState } from '../state/app-state.js';
import type { ClassPoint } from './class-map.js';
import { classMap } from './class-map.js';
import { fieldPanel } from './field-panel.js';
import type { Domain } from './grid.js';
import { gridPoints } from './grid.js';
import {
  fit,
  heading,
  line,
  muted,
  num,
  rate,
  TEST_COLOR,
  TRAIN_COLOR,
  wrapWords,
} from './layout.js';
import { networkDiagram } from './network-diagram.js';
import { diagramHeight } from './network-geometry.js';
import { seriesChart } from './plot.js';
import { settingsBar } from './settings-bar.js';

/** Binary/regression values in [-1, 1] from the network's raw outputs. */
function signedValues(snapshot: NetworkSnapshot, raw: Float64Array): Float64Array {
  const s = snapshot.settings;
  if (s.problem === 'regression' || s.mode === 'playground') return raw; // tanh / linear output already in [-1, 1]
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = 2 * (raw[i] ?? 0.5) - 1; // sigmoid p → 2p − 1
  return out;
}

function overlay(
  snapshot: NetworkSnapshot,
  showTest: boolean,
): { binary: OverlayPoint[]; classes: ClassPoint[] } {
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
export function decisionMap(
  snapshot: NetworkSnapshot,
  widthChars: number,
  heightRows: number,
  showTest: boolean,
  mode: ColorMode,
  discretize = false,
): string[] {
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
    return classMap(
      raw,
      snapshot.data.classes,
      gridW,
      gridH,
      domain,
      pts.classes,
      mode,
      discretize,
    );
  }
  return renderHeatmap(signedValues(snapshot, raw), gridW, gridH, {
    mode,
    discretize,
    overlay: { points: pts.binary, domain },
  });
}

/** Shown instead of the map for a CSV with other than 2 feature columns (training still runs). */
function mapNeedsTwo(
  snapshot: NetworkSnapshot,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const d = snapshot.data;
  return fit(
    [
      heading(
        mode,
        `${d.dims} features: ${d.axes.slice(0, 6).join(', ')}${d.axes.length > 6 ? ', …' : ''}`,
      ),
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
  if (d.classes <= 1)
    return `${axes}  ${mode === 'none' ? 'shade' : 'colour'}: predicted value (−1 … 1)`;
  if (d.classes > 2)
    return `${axes}  region: most probable class${mode === 'none' ? ' (a b c … points)' : ''}`;
  return `${axes}  ${mode === 'none' ? 'o: +1 x: −1' : 'blue +1 orange −1'}`;
}

/** Colour of the validation curve. */
const VAL_COLOR: Rgb = [0x3c, 0xb3, 0x71];

/** The loss chart: train and test, and validation when the run holds out validation data (early stopping). */
function lossChart(
  history: readonly LossPoint[],
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  if (height < 3 || width < 12) return [];
  const train = history.map((p) => p.train);
  const test = history.map((p) => p.test);
  const hasVal = history.some((p) => p.val !== undefined && Number.isFinite(p.val));
  const val = history.map((p) => p.val ?? NaN);
  if (train.length < 2)
    return fit([muted(mode, 'loss chart: waiting for 2 epochs')], width, height);
  const log = train.every((v) => v > 0);
  const from = history[0]?.epoch ?? 0;
  const to = history[history.length - 1]?.epoch ?? 0;
  const none = mode === 'none';
  const head = `loss${log ? ' (log)' : ''} ─ train ${hasVal ? (none ? '┈ val ' : '─ val ') : ''}${none ? '┈' : '─'} test `;
  // The epoch range as long as it fits: "epochs 1–250", else "ep 1–250", else "1–250", else none.
  const range =
    [`epochs ${from}–${to}`, `ep ${from}–${to}`, `${from}–${to}`].find(
      (r) => visibleWidth(head) + visibleWidth(r) <= width,
    ) ?? '';
  const valKey = hasVal ? ` ${paint(mode, none ? '┈ val' : '─ val', { fg: VAL_COLOR })}` : '';
  const title = `${muted(mode, `loss${log ? ' (log)' : ''}`)} ${paint(mode, '─ train', { fg: TRAIN_COLOR })}${valKey} ${paint(mode, none ? '┈ test' : '─ test', { fg: TEST_COLOR })} ${muted(mode, range)}`;
  // Without colour the lines must differ in shape: a braille chart with dotted test (and validation) lines.
  const chart = none
    ? seriesChart(
        [
          { values: train },
          ...(hasVal ? [{ values: val, dotted: true }] : []),
          { values: test, dotted: true },
        ],
        width,
        height - 1,
        mode,
        log,
      )
    : lineChart(hasVal ? [train, val, test] : [train, test], {
        width,
        height: height - 1,
        mode,
        colors: hasVal ? [TRAIN_COLOR, VAL_COLOR, TEST_COLOR] : [TRAIN_COLOR, TEST_COLOR],
        log,
      });
  return [line(title, width), ...chart.map((r) => line(r, width))];
}

function stats(state: NetworkLabState, width: number, mode: ColorMode, brief = false): string[] {
  const s = state.snapshot;
  const st = state.settings;
  const features = featureOrder(st.features)
    .map((f) => FEATURE_LABELS[f])
    .join(' ');
  if (s === null) return [line(`${heading(mode, 'Network')} ${muted(mode, 'starting…')}`, width)];
  const acc = Number.isFinite(s.testAccuracy)
    ? `  acc ${(s.trainAccuracy * 100).toFixed(1)}% / ${(s.testAccuracy * 100).toFixed(1)}%`
    : '';
  const inputs = s.data.dims === 2 ? features : `${s.data.dims} CSV columns`;
  const restored = s.restoredBest === true ? [`best epoch ${s.bestEpoch ?? '?'} restored`] : [];
  const state_ = s.done
    ? s.stoppedEarly
      ? '■ early stop'
      : '■ done'
    : state.running
      ? '▶ running'
      : '❚❚ paused';
  const digits = brief ? 3 : 4;
  const bias =
    s.model !== undefined ? `out bias ${s.model.outputBias.map((b) => num(b, 3)).join(', ')}` : '';
  // Segments are packed into as many rows as the column needs, so a narrow column wraps between
  // items instead of cutting the accuracy or the output bias off.
  const status = [
    heading(mode, `epoch ${s.epoch}`),
    state_,
    ...(s.deadLinks !== undefined && s.deadLinks > 0 ? [`${s.deadLinks} dead links`] : []),
    `${rate(s.samplesPerSecond)} samples/s`,
  ];
  const valText = Number.isFinite(s.valLoss) ? [`val ${num(s.valLoss ?? NaN, digits)}`] : [];
  const losses = [
    `loss train ${num(s.trainLoss, digits)}`,
    ...valText,
    `test ${num(s.testLoss, digits)}`,
    ...(acc !== '' ? [acc.trim()] : []),
    ...restored,
  ];
  // Long descriptions (many features or layers, regression) are wrapped between words.
  const described = wrapWords(
    `${st.mode} · ${inputs} → ${st.layers.join('-') || 'no hidden'} → ${st.activation}`,
    width,
  ).map((r) => r.trimEnd());
  const model = [...described, ...wrapWords(bias, width).map((r) => r.trimEnd())].map((t) =>
    muted(mode, t),
  );
  const kind = wrapWords(
    `${datasetLabel(st.dataset, state.dataFile)} · ${s.data.classes <= 1 ? 'regression, linear output' : `${s.data.classes} classes`}`,
    width,
  ).map((r) => r.trimEnd());
  const data = [...kind, `${s.data.train.n} train / ${s.data.test.n} test`].map((t) =>
    muted(mode, t),
  );
  return (brief ? [status, losses] : [status, losses, model, data]).flatMap((segments) =>
    packSegments(segments, width).map((r) => line(r, width)),
  );
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

/** A rectangle of the network lab's body, in characters. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Where the network lab's parts go in its width × height body: the settings (a side panel from 90
 * columns, else a compact bar on top), the decision map, and right of it the stats, the network
 * diagram and the loss chart. The view draws from it and the mouse hit-tests with it.
 */
export interface NetworkLayout {
  readonly panel: Rect | null;
  readonly bar: Rect | null;
  readonly map: Rect;
  readonly stats: Rect;
  readonly diagram: Rect;
  readonly chart: Rect;
  /** Side panel: index of the first field shown. */
  readonly panelStart: number;
}

/** Rows of the compact settings bar below 90 columns. */
const BAR_ROWS = 2;

/** The network lab's layout (see {@link NetworkLayout}); `statsRows` is the height the stats need at the right column's width. */
export function networkLayout(
  state: NetworkLabState,
  width: number,
  height: number,
  statsRows: (w: number) => number = () => 2,
): NetworkLayout {
  const panelW = width >= 110 ? 28 : width >= 90 ? 24 : 0;
  const barH = panelW === 0 ? BAR_ROWS : 0;
  const x0 = panelW > 0 ? panelW + 1 : 0;
  const mainW = width - x0;
  const mainH = height - barH;
  // The map gets at most half the width and leaves the right column at least 38 columns.
  const side = Math.max(
    4,
    Math.min(mainH - 2, Math.floor(mainW / 4), Math.floor((mainW - 1 - 38) / 2)),
  );
  const mapW = side * 2;
  const rx = x0 + mapW + 1;
  const rw = Math.max(1, width - rx);
  const sh = Math.min(statsRows(rw), Math.max(2, Math.floor(mainH / 5)));
  // The diagram takes what its thumbnails need (the chart keeps at least 4–5 rows); the chart the rest.
  const minChart = mainH < 18 ? 4 : 5;
  const diagH = Math.max(0, diagramHeight(state.settings, rw, Math.max(0, mainH - sh - minChart)));
  const chartH = Math.max(0, mainH - sh - diagH);
  const fields = networkFields(state.settings, state.dataFile).length;
  const room = Math.max(0, height - 1);
  const panelStart = Math.max(0, Math.min(state.field - Math.floor(room / 2), fields - room));
  return {
    panel: panelW > 0 ? { x: 0, y: 0, w: panelW, h: height } : null,
    bar: barH > 0 ? { x: 0, y: 0, w: width, h: barH } : null,
    map: { x: x0, y: barH, w: mapW, h: mainH },
    stats: { x: rx, y: barH, w: rw, h: sh },
    diagram: { x: rx, y: barH + sh, w: rw, h: diagH },
    chart: { x: rx, y: barH + sh + diagH, w: rw, h: chartH },
    panelStart,
  };
}

/** Short of rows (80×24), the stats keep epoch, state and losses: the diagram shows the architecture, the bar the data. */
const briefStats = (height: number): boolean => height < 30;

/** The layout the network view draws with for this state and size (for hit-testing the mouse). */
export function networkLayoutOf(
  state: NetworkLabState,
  width: number,
  height: number,
): NetworkLayout {
  // A fixed height for the stats, so the diagram under them never moves while training runs (or
  // between the first frame and the first snapshot) and a click lands where the user aimed.
  return networkLayout(state, width, height, () => (briefStats(height) ? 3 : 6));
}

/**
 * The network lab: settings panel, decision region, network diagram, loss chart. Exactly width ×
 * height rows, no row wider than `width`.
 */
export function networkView(
  state: NetworkLabState,
  width: number,
  height: number,
  mode: ColorMode,
  charset: Charset = 'utf8',
): string[] {
  if (state.error !== null)
    return fit(
      [
        heading(mode, 'Network'),
        line(`error: ${state.error}`, width),
        muted(mode, 'change a setting or press r'),
      ],
      width,
      height,
    );
  const brief = briefStats(height);
  const L = networkLayoutOf(state, width, height);
  const snap = state.snapshot;
  const fields = networkFields(state.settings, state.dataFile);
  const settingsActive = state.focus === 'settings';
  const mapH = Math.min(L.map.w / 2, L.map.h - 2);
  const map =
    snap === null
      ? fit([muted(mode, 'generating data…')], L.map.w, L.map.h)
      : fit(
          [
            ...fit(
              decisionMap(
                snap,
                L.map.w,
                mapH,
                state.settings.showTest,
                mode,
                state.settings.discretize,
              ),
              L.map.w,
              mapH,
            ),
            ...wrapWords(mapLegend(snap, mode), L.map.w, 2),
          ],
          L.map.w,
          L.map.h,
        );
  const right = [
    ...fit(stats(state, L.stats.w, mode, brief), L.stats.w, L.stats.h),
    ...networkDiagram(
      state.settings,
      snap,
      state.cursor,
      state.focus === 'network',
      L.diagram.w,
      L.diagram.h,
      mode,
      charset,
    ),
    ...fit(lossChart(state.history, L.chart.w, L.chart.h, mode), L.chart.w, L.chart.h),
  ];
  const main = hstack([map, fit(right, L.stats.w, L.map.h)], 1);
  if (L.panel !== null) {
    return fit(
      hstack(
        [
          fieldPanel(
            fields,
            state.settings,
            settingsActive ? state.field : -1,
            L.panel.w,
            height,
            mode,
            state.field,
          ),
          main,
        ],
        1,
      ),
      width,
      height,
    );
  }
  const bar = settingsBar(
    fields,
    state.settings,
    state.field,
    settingsActive,
    width,
    BAR_ROWS,
    mode,
  );
  return fit([...bar, ...main], width, height);
}
