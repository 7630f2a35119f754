import { BrailleCanvas, hstack, paint } from '../render/index.js';
import type { ColorMode } from '../render/index.js';
import type { CurveSnapshot } from '../driver/snapshots.js';
import { CURVE_FIELDS } from '../settings/fields.js';
import type { CurveLabState } from '../state/app-state.js';
import { fieldPanel } from './field-panel.js';
import { FIT_COLOR, fit, heading, line, muted, num, POINT_COLOR, TEST_COLOR, TRAIN_COLOR, TRUE_CURVE_COLOR } from './layout.js';

const Y_RANGE = 1.6;

/** Points, the true curve sin(2πx) and the fitted polynomial on a braille canvas (width × height). */
export function curvePlot(snap: CurveSnapshot, width: number, height: number, mode: ColorMode): string[] {
  const labelW = 5;
  const cw = Math.max(4, width - labelW);
  const ch = Math.max(2, height - 1);
  const canvas = new BrailleCanvas(cw, ch).setViewport(0, 1, -Y_RANGE, Y_RANGE);
  canvas.line(0, 0, 1, 0, [90, 90, 90]);
  canvas.curve((x) => Math.sin(2 * Math.PI * x), { color: TRUE_CURVE_COLOR });
  const xs = Array.from({ length: canvas.pixelWidth }, (_, i) => i / (canvas.pixelWidth - 1));
  const ys = snap.predict(xs).map((y) => (Math.abs(y) > Y_RANGE * 4 ? NaN : y));
  canvas.curve(xs, ys, { color: FIT_COLOR });
  // Points as 2×2 dot clusters so they stand out from the curves.
  for (let i = 0; i < snap.train.x.length; i++) {
    const px = Math.round(canvas.toPixelX(snap.train.x[i] ?? 0));
    const py = Math.round(canvas.toPixelY(snap.train.t[i] ?? 0));
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) canvas.pixel(px + dx, py + dy, POINT_COLOR);
  }
  const rows = canvas.render(mode);
  const out = rows.map((r, i) => {
    const y = Y_RANGE - (i / Math.max(1, ch - 1)) * 2 * Y_RANGE;
    const label = i === 0 || i === ch - 1 || i === Math.floor((ch - 1) / 2) ? num(Math.round(y * 10) / 10, 2) : '';
    return muted(mode, label.padStart(labelW - 1) + ' ') + r;
  });
  const legend = `${paint(mode, '● data', { fg: POINT_COLOR })}  ${paint(mode, '─ sin(2πx)', { fg: TRUE_CURVE_COLOR })}  ${paint(mode, '─ fit', { fg: FIT_COLOR })}`;
  out.push(line(`${' '.repeat(labelW)}0${' '.repeat(Math.max(1, cw - 10))}x       1  ${mode === 'none' ? '' : legend}`, width));
  return fit(out, width, height);
}

/** E_RMS of train and test against M, the lecture's overfitting picture (y clipped to [0, 1]). */
export function eRmsChart(snap: CurveSnapshot, maxM: number, width: number, height: number, mode: ColorMode): string[] {
  const labelW = 4;
  const cw = Math.max(4, width - labelW);
  const ch = Math.max(2, height - 2);
  const canvas = new BrailleCanvas(cw, ch).setViewport(0, Math.max(1, maxM), 0, 1);
  const draw = (key: 'train' | 'test', color: typeof TRAIN_COLOR): void => {
    const pts = snap.sweep.filter((e) => Number.isFinite(e[key]));
    canvas.curve(pts.map((e) => e.m), pts.map((e) => Math.min(1, e[key])), { color });
    for (const e of pts) {
      const px = Math.round(canvas.toPixelX(e.m));
      const py = Math.round(canvas.toPixelY(Math.min(1, e[key])));
      canvas.pixel(px, py, color).pixel(px + 1, py, color).pixel(px, py + 1, color).pixel(px + 1, py + 1, color);
    }
  };
  draw('train', TRAIN_COLOR);
  draw('test', TEST_COLOR);
  const rows = canvas.render(mode).map((r, i) => muted(mode, (i === 0 ? '1' : i === ch - 1 ? '0' : '').padStart(labelW - 1) + ' ') + r);
  const title = `${heading(mode, 'E_RMS vs M')} ${paint(mode, mode === 'none' ? 'train' : '● train', { fg: TRAIN_COLOR })} ${paint(mode, mode === 'none' ? '& test' : '● test', { fg: TEST_COLOR })}`;
  return fit([line(title, width), ...rows, line(`${' '.repeat(labelW)}0${' '.repeat(Math.max(1, cw - 6))}M=${maxM}`, width)], width, height);
}

/** The coefficient table w₀ … w_M (as in Bishop's table), as many rows as fit. */
export function coefficientTable(snap: CurveSnapshot, width: number, height: number, mode: ColorMode): string[] {
  const rows = [heading(mode, 'coefficients')];
  const room = height - 1;
  const w = snap.coefficients;
  const perRow = Math.max(1, Math.ceil(w.length / Math.max(1, room)));
  const cell = Math.max(8, Math.floor(width / perRow));
  for (let i = 0; i < w.length; i += perRow) {
    let r = '';
    for (let j = i; j < Math.min(w.length, i + perRow); j++) r += `w${j}=${num(w[j] ?? NaN)}`.padEnd(cell);
    rows.push(line(r, width));
  }
  return fit(rows, width, height);
}

/** The curve-fitting lab: exactly width × height rows. */
export function curveView(state: CurveLabState, width: number, height: number, mode: ColorMode): string[] {
  const s = state.settings;
  const ln = s.lnLambda === null ? '-∞' : String(s.lnLambda);
  const cv = state.cv === null ? '' : `  ${muted(mode, `cv → M=${state.cv.m}, ln λ=${state.cv.lnLambda ?? '-∞'} (val E_RMS ${num(state.cv.score, 3)})`)}`;
  const panelW = width >= 100 ? 24 : 0;
  const rest = width - panelW - (panelW > 0 ? 1 : 0);
  const rightW = Math.max(20, Math.min(44, Math.floor(rest * 0.38)));
  const mainW = rest - rightW - 1;
  const snap = state.snapshot;
  const header = snap === null
    ? `${heading(mode, `M = ${s.m}  ln λ = ${ln}`)}`
    : `${heading(mode, `M = ${s.m}  ln λ = ${ln}`)}  N=${s.n}  E_RMS train ${num(snap.eRmsTrain)} test ${num(snap.eRmsTest)}${snap.rankDeficient ? '  (rank deficient)' : ''}${cv}`;
  let main: string[];
  let right: string[];
  if (state.error !== null) {
    main = fit([line(paint(mode, state.error, { fg: FIT_COLOR }), mainW), muted(mode, '+/- change M, ] raises ln λ')], mainW, height - 1);
    right = fit([], rightW, height - 1);
  } else if (snap === null) {
    main = fit([muted(mode, 'fitting…')], mainW, height - 1);
    right = fit([], rightW, height - 1);
  } else {
    main = curvePlot(snap, mainW, height - 1, mode);
    const chartH = Math.max(6, Math.floor((height - 1) * 0.55));
    right = [...eRmsChart(snap, s.maxM, rightW, chartH, mode), ...coefficientTable(snap, rightW, height - 1 - chartH, mode)];
  }
  const body = hstack([main, fit(right, rightW, height - 1)], 1);
  const withPanel = panelW > 0 ? hstack([fieldPanel(CURVE_FIELDS, s, state.field, panelW, height - 1, mode), body], 1) : body;
  return fit([line(header, width), ...withPanel], width, height);
}
