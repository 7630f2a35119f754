import type { CurveSnapshot, CvChoice } from '../driver/snapshots.js';
import type { ColorMode } from '../render/index.js';
import { BrailleCanvas, hstack, paint } from '../render/index.js';
import { CURVE_FIELDS } from '../settings/fields.js';
import type { CurveLabState } from '../state/app-state.js';
import { compactFieldPanel, fieldPanel } from './field-panel.js';
import {
  FIT_COLOR,
  fit,
  heading,
  line,
  muted,
  num,
  POINT_COLOR,
  TEST_COLOR,
  TRAIN_COLOR,
  TRUE_CURVE_COLOR,
} from './layout.js';
import { dottedCurve, marker } from './plot.js';

const Y_RANGE = 1.6;

/** Legend of the curve plot: the true curve is dotted and the fit solid, so they differ without colour. */
export function curveLegend(mode: ColorMode, width = 80): string {
  const gap = width >= 46 ? '  ' : ' ';
  const truth = width >= 46 ? '┈ sin(2πx) dotted' : '┈ sin dotted';
  return `${paint(mode, '⣿ data', { fg: POINT_COLOR })}${gap}${paint(mode, truth, { fg: TRUE_CURVE_COLOR })}${gap}${paint(mode, '─ fit solid', { fg: FIT_COLOR })}`;
}

/** Points, the true curve sin(2πx) (dotted) and the fitted polynomial (solid) on a braille canvas (width × height). */
export function curvePlot(
  snap: CurveSnapshot,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const labelW = 5;
  const cw = Math.max(4, width - labelW);
  const ch = Math.max(2, height - 2);
  const canvas = new BrailleCanvas(cw, ch).setViewport(0, 1, -Y_RANGE, Y_RANGE);
  canvas.line(0, 0, 1, 0, [90, 90, 90]);
  const xs = Array.from({ length: canvas.pixelWidth }, (_, i) => i / (canvas.pixelWidth - 1));
  dottedCurve(
    canvas,
    xs,
    xs.map((x) => Math.sin(2 * Math.PI * x)),
    TRUE_CURVE_COLOR,
  );
  const ys = snap.predict(xs).map((y) => (Math.abs(y) > Y_RANGE * 4 ? NaN : y));
  canvas.curve(xs, ys, { color: FIT_COLOR });
  // Points as 2×2 dot clusters so they stand out from the curves.
  for (let i = 0; i < snap.train.x.length; i++) {
    const px = Math.round(canvas.toPixelX(snap.train.x[i] ?? 0));
    const py = Math.round(canvas.toPixelY(snap.train.t[i] ?? 0));
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      canvas.pixel(px + dx, py + dy, POINT_COLOR);
  }
  const rows = canvas.render(mode);
  const out = rows.map((r, i) => {
    const y = Y_RANGE - (i / Math.max(1, ch - 1)) * 2 * Y_RANGE;
    const label =
      i === 0
        ? 't'
        : i === ch - 1 || i === Math.floor((ch - 1) / 2) || i === 1
          ? num(Math.round(y * 10) / 10, 2)
          : '';
    return muted(mode, label.padStart(labelW - 1) + ' ') + r;
  });
  out.push(
    line(
      muted(
        mode,
        `${' '.repeat(labelW)}0${'x'.padStart(Math.max(2, Math.floor(cw / 2)))}${'1'.padStart(Math.max(2, cw - 1 - Math.max(2, Math.floor(cw / 2))))}`,
      ),
      width,
    ),
  );
  out.push(line(curveLegend(mode, width), width));
  return fit(out, width, height);
}

/** Legend of the E_RMS chart: train solid with o, test dotted with x. */
export function eRmsLegend(mode: ColorMode): string {
  return `${paint(mode, 'o─ train', { fg: TRAIN_COLOR })} ${paint(mode, 'x┈ test', { fg: TEST_COLOR })}`;
}

/** E_RMS of train (solid, o) and test (dotted, x) against M, the lecture's overfitting picture (y clipped to [0, 1]). */
export function eRmsChart(
  snap: CurveSnapshot,
  maxM: number,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const labelW = 4;
  const cw = Math.max(4, width - labelW);
  const ch = Math.max(2, height - 2);
  const canvas = new BrailleCanvas(cw, ch).setViewport(0, Math.max(1, maxM), 0, 1);
  const series = (key: 'train' | 'test') =>
    snap.sweep
      .filter((e) => Number.isFinite(e[key]))
      .map((e) => ({ m: e.m, v: Math.min(1, e[key]) }));
  const train = series('train');
  const test = series('test');
  canvas.curve(
    train.map((e) => e.m),
    train.map((e) => e.v),
    { color: TRAIN_COLOR },
  );
  dottedCurve(
    canvas,
    test.map((e) => e.m),
    test.map((e) => e.v),
    TEST_COLOR,
  );
  for (const e of train) marker(canvas, e.m, e.v, 'o', TRAIN_COLOR);
  for (const e of test) marker(canvas, e.m, e.v, 'x', TEST_COLOR);
  const tick = (i: number): string =>
    i === 0 ? '1' : i === ch - 1 ? '0' : i === Math.round((ch - 1) / 2) ? '.5' : '';
  const rows = canvas
    .render(mode)
    .map((r, i) => muted(mode, tick(i).padStart(labelW - 1) + ' ') + r);
  // Narrow: the legend gets its own row (taken from the canvas, drawn above).
  const narrow = width < 28;
  const title = narrow
    ? heading(mode, 'E_RMS vs M')
    : `${heading(mode, 'E_RMS vs M')} ${eRmsLegend(mode)}`;
  if (narrow) rows.splice(0, 1, line(eRmsLegend(mode), width));
  const axis = `${' '.repeat(labelW)}0${'M'.padStart(Math.max(2, Math.floor(cw / 2) - 1))}${String(maxM).padStart(Math.max(2, cw - Math.max(2, Math.floor(cw / 2) - 1) - 1))}`;
  return fit([line(title, width), ...rows, line(muted(mode, axis), width)], width, height);
}

/** The coefficient table w₀ … w_M (as in Bishop's table), as many rows as fit. */
export function coefficientTable(
  snap: CurveSnapshot,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  if (height <= 0) return [];
  const rows = [heading(mode, 'coefficients')];
  const room = height - 1;
  const w = snap.coefficients;
  const cell = 13; // "w20=-1.23e+5" plus a space
  // As few per row as the height allows, as many as the width allows.
  const perRow = Math.max(
    1,
    Math.min(Math.floor(width / cell), Math.ceil(w.length / Math.max(1, room))),
  );
  for (let i = 0; i < w.length; i += perRow) {
    let r = '';
    for (let j = i; j < Math.min(w.length, i + perRow); j++)
      r += `w${j}=${num(w[j] ?? NaN, 3)}`.padEnd(cell);
    rows.push(line(r.trimEnd(), width));
  }
  if (rows.length > height)
    rows[height - 1] = line(muted(mode, `… ${w.length} coefficients, enlarge`), width);
  return fit(rows.slice(0, height), width, height);
}

const GRID_GLYPHS = ['█', '▓', '▒', '░', '·'];

/**
 * The cross-validation grid: one row per M, one cell per ln λ, shaded by mean validation E_RMS
 * (█ lowest … · highest, blank where no fit), the chosen cell marked *. Rows around the choice
 * when not all fit. Exactly width × height.
 */
export function cvGrid(cv: CvChoice, width: number, height: number, mode: ColorMode): string[] {
  const lns = [...new Set(cv.grid.map((g) => g.lnLambda))];
  const ms = [...new Set(cv.grid.map((g) => g.m))].sort((a, b) => a - b);
  const finite = cv.grid.map((g) => g.score).filter((v) => Number.isFinite(v));
  const lo = Math.min(...finite);
  const hi = Math.min(Math.max(...finite), lo * 4); // beyond 4× the best everything is "bad"
  const glyph = (v: number): string => {
    if (!Number.isFinite(v)) return ' ';
    const t = hi > lo ? Math.min(1, (v - lo) / (hi - lo)) : 0;
    return GRID_GLYPHS[Math.min(GRID_GLYPHS.length - 1, Math.floor(t * GRID_GLYPHS.length))] ?? '·';
  };
  const lnText = (l: number | null): string => (l === null ? '-∞' : String(l));
  const rows = [
    line(
      heading(
        mode,
        `cross-validation (${cv.folds} folds) → M=${cv.m}, ln λ=${lnText(cv.lnLambda)}`,
      ),
      width,
    ),
    line(muted(mode, `val E_RMS ${num(cv.score, 3)}; █ low … · high, * chosen`), width),
    line(
      muted(mode, `cols ln λ: ${lnText(lns[0] ?? null)} … ${lnText(lns[lns.length - 1] ?? null)}`),
      width,
    ),
  ];
  const room = Math.max(0, height - rows.length);
  const at = ms.indexOf(cv.m);
  const start = Math.max(0, Math.min(at - Math.floor(room / 2), ms.length - room));
  for (const m of ms.slice(start, start + room)) {
    let r = `M${String(m).padStart(3)} `;
    for (const l of lns) {
      const g = cv.grid.find((e) => e.m === m && e.lnLambda === l);
      r += m === cv.m && l === cv.lnLambda ? '*' : glyph(g?.score ?? NaN);
    }
    rows.push(line(r, width));
  }
  return fit(rows, width, height);
}

/** The curve-fitting lab: exactly width × height rows. `now` (ms) decides whether the CV grid is still shown. */
export function curveView(
  state: CurveLabState,
  width: number,
  height: number,
  mode: ColorMode,
  now = 0,
): string[] {
  const s = state.settings;
  const ln = s.lnLambda === null ? '-∞' : String(s.lnLambda);
  const cv =
    state.cv === null
      ? ''
      : `  ${muted(mode, `cv → M=${state.cv.m}, ln λ=${state.cv.lnLambda ?? '-∞'} (val E_RMS ${num(state.cv.score, 3)})`)}`;
  const panelW = width >= 100 ? 24 : 0;
  const rest = width - panelW - (panelW > 0 ? 1 : 0);
  const rightW = Math.max(20, Math.min(44, Math.floor(rest * 0.38)));
  const mainW = rest - rightW - 1;
  const snap = state.snapshot;
  const note =
    snap === null
      ? ''
      : snap.minimumNorm
        ? '  (M ≥ N, λ=0: minimum-norm fit)'
        : snap.rankDeficient
          ? '  (rank deficient)'
          : '';
  const header =
    snap === null
      ? `${heading(mode, `M = ${s.m}  ln λ = ${ln}`)}`
      : `${heading(mode, `M = ${s.m}  ln λ = ${ln}`)}  N=${s.n}  E_RMS train ${num(snap.eRmsTrain)} test ${num(snap.eRmsTest)}${note}${cv}`;
  // Below 100 columns the settings are a compact grid under the plots (80×24 shows them all).
  const grid = panelW > 0 ? [] : compactFieldPanel(CURVE_FIELDS, s, state.field, width, mode);
  const bodyH = height - 1 - grid.length;
  let main: string[];
  let right: string[];
  if (state.error !== null) {
    main = fit(
      [
        line(paint(mode, state.error, { fg: FIT_COLOR }), mainW),
        muted(mode, '+/- change M, ] raises ln λ'),
      ],
      mainW,
      bodyH,
    );
    right = fit([], rightW, bodyH);
  } else if (snap === null) {
    main = fit([muted(mode, 'fitting…')], mainW, bodyH);
    right = fit([], rightW, bodyH);
  } else {
    main = curvePlot(snap, mainW, bodyH, mode);
    const showCv = state.cv !== null && now < state.cvUntil;
    // The chart gets ~55 %, the table (or the CV grid) the rest, with one blank row between them.
    const chartH = Math.max(6, Math.floor(bodyH * 0.55));
    const lowerH = Math.max(0, bodyH - chartH - 1);
    const lower =
      showCv && state.cv !== null
        ? cvGrid(state.cv, rightW, lowerH, mode)
        : coefficientTable(snap, rightW, lowerH, mode);
    right = [...eRmsChart(snap, Math.max(s.maxM, s.m), rightW, chartH, mode), '', ...lower];
  }
  const body = hstack([main, fit(right, rightW, bodyH)], 1);
  const withPanel =
    panelW > 0
      ? hstack([fieldPanel(CURVE_FIELDS, s, state.field, panelW, bodyH, mode), body], 1)
      : body;
  return fit([line(header, width), ...withPanel, ...grid], width, height);
}
