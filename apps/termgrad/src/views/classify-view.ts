import type { ClassifySnapshot } from '../driver/snapshots.js';
import type { ColorMode, OverlayPoint } from '../render/index.js';
import { hstack, renderHeatmap } from '../render/index.js';
import { classifyFields } from '../settings/fields.js';
import type { ClassifyLabState } from '../state/app-state.js';
import { classKey, classMap } from './class-map.js';
import { compactFieldPanel, fieldPanel } from './field-panel.js';
import type { Domain } from './grid.js';
import { gridPoints } from './grid.js';
import { fit, heading, line, muted, num, wrapWords } from './layout.js';

function domainOf(snap: ClassifySnapshot): Domain {
  let m = 1;
  for (const v of snap.data.x) m = Math.max(m, Math.abs(v));
  const r = m * 1.1;
  return { xmin: -r, xmax: r, ymin: -r, ymax: r };
}

/** Posterior p(c₁|x) (two classes) or the most probable class (K) as a heat map, points on top. */
export function posteriorMap(
  snap: ClassifySnapshot,
  widthChars: number,
  heightRows: number,
  mode: ColorMode,
): string[] {
  if (snap.dims !== 2) {
    return fit(
      [
        heading(
          mode,
          `${snap.dims} features: ${snap.inputs.slice(0, 5).join(', ')}${snap.inputs.length > 5 ? ', …' : ''}`,
        ),
        muted(mode, 'the map needs exactly 2 feature columns;'),
        muted(mode, 'the classifier uses all of them.'),
      ].map((r) => line(r, widthChars)),
      widthChars,
      heightRows,
    );
  }
  const domain = domainOf(snap);
  const gridW = widthChars;
  const gridH = heightRows * 2;
  const proba = snap.proba(gridPoints(gridW, gridH, domain), gridW * gridH);
  const d = snap.data;
  if (snap.classes > 2) {
    const pts = Array.from({ length: d.n }, (_, i) => ({
      x: d.x[2 * i] ?? 0,
      y: d.x[2 * i + 1] ?? 0,
      label: d.labels[i] ?? 0,
    }));
    return classMap(proba, snap.classes, gridW, gridH, domain, pts, mode);
  }
  const values = new Float64Array(gridW * gridH);
  for (let i = 0; i < values.length; i++) values[i] = 2 * (proba[2 * i + 1] ?? 0.5) - 1;
  const points: OverlayPoint[] = Array.from({ length: d.n }, (_, i) => ({
    x: d.x[2 * i] ?? 0,
    y: d.x[2 * i + 1] ?? 0,
    label: (d.labels[i] ?? 0) > 0 ? 1 : -1,
  }));
  return renderHeatmap(values, gridW, gridH, { mode, overlay: { points, domain } });
}

function parameters(
  snap: ClassifySnapshot,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const rows: string[] = [
    heading(mode, snap.settings.model === 'generative' ? 'w, w₀ from the Gaussians' : 'w, w₀'),
  ];
  snap.w.forEach((row, k) => {
    const name = snap.w.length > 1 ? `w_${k}` : 'w';
    rows.push(line(`${name} = [${row.map((v) => num(v, 3)).join(', ')}]`, width));
    rows.push(line(`${snap.w.length > 1 ? `w0_${k}` : 'w₀'} = ${num(snap.w0[k] ?? NaN)}`, width));
  });
  rows.push(
    muted(
      mode,
      `inputs: ${snap.inputs.length > 4 ? `${snap.inputs.length} basis functions` : snap.inputs.join(', ')}`,
    ),
  );
  return fit(rows, width, height);
}

/** What the map shows, in words that hold with and without colour. */
export function classifyLegend(snap: ClassifySnapshot, mode: ColorMode): string[] {
  if (snap.dims !== 2) return [];
  const r = num(domainOf(snap).xmax, 2);
  // Short rows, one item each, so the legend fits the narrow column next to the map (longer rows wrap).
  const axes = ['axes x₁ →, x₂ ↑', `both in [-${r}, ${r}]`];
  if (snap.classes > 2)
    return [
      ...axes,
      ...(mode === 'none'
        ? ['region glyph: most probable class', 'points a b c …']
        : ['colour: most probable class']),
    ];
  return mode === 'none'
    ? [...axes, 'shade: p(c₁|x)', 'blank 0 … █ 1', 'points o: class 1', 'points x: class 0']
    : [...axes, 'colour: p(c₁|x)', 'white 0.5 = boundary', 'blue: class 1', 'orange: class 0'];
}

/** The classification lab: settings, posterior heat map with points, parameters. Exactly width × height. */
export function classifyView(
  state: ClassifyLabState,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const s = state.settings;
  const snap = state.snapshot;
  const panelW = width >= 100 ? 24 : 0;
  const rest = width - panelW - (panelW > 0 ? 1 : 0);
  // Below 100 columns the settings are a compact grid at the bottom (80×24 shows them all).
  const grid =
    panelW > 0
      ? []
      : compactFieldPanel(classifyFields(state.dataFile), s, state.field, width, mode);
  const bodyH = height - grid.length;
  const side = Math.max(4, Math.min(bodyH - 1, Math.floor((rest - 28) / 2)));
  const mapW = side * 2;
  const rightW = Math.max(1, rest - mapW - 1);
  const status =
    snap === null
      ? 'training…'
      : `epoch ${snap.epoch}  accuracy ${(snap.accuracy * 100).toFixed(1)}%${Number.isFinite(snap.loss) ? `  ${s.model === 'perceptron' ? 'mistakes' : 'loss'} ${num(snap.loss)}` : ''}${snap.done ? (snap.converged === true ? '  ■ converged' : '  ■ done') : state.running ? '  ▶' : '  ❚❚'}`;
  const title = line(
    `${heading(mode, s.model === 'generative' ? 'Generative (shared covariance)' : s.model === 'logistic' ? (s.basis ? 'Logistic regression on Gaussian basis' : snap !== null && snap.classes > 2 ? 'Softmax regression' : 'Logistic regression') : 'Perceptron')}  ${status}`,
    width,
  );
  let body: string[];
  if (state.error !== null)
    body = fit(
      [line(`error: ${state.error}`, rest), muted(mode, 'm: next classifier, d: next data set')],
      rest,
      bodyH - 1,
    );
  else if (snap === null) body = fit([muted(mode, 'fitting…')], rest, bodyH - 1);
  else {
    const map = fit(posteriorMap(snap, mapW, side, mode), mapW, bodyH - 1);
    const legend = classifyLegend(snap, mode)
      .flatMap((r) => wrapWords(r, rightW))
      .map((r) => muted(mode, r));
    // K > 2: which colour (or glyph) is which class.
    if (snap.dims === 2 && snap.classes > 2)
      legend.push(...classKey(snap.classes, mode).map((r) => line(r, rightW)));
    const params = parameters(snap, rightW, Math.max(1, bodyH - 1 - legend.length), mode);
    body = hstack([map, fit([...params, ...legend], rightW, bodyH - 1)], 1);
  }
  const withPanel =
    panelW > 0
      ? hstack(
          [
            fieldPanel(classifyFields(state.dataFile), s, state.field, panelW, bodyH - 1, mode),
            body,
          ],
          1,
        )
      : body;
  return fit([title, ...fit(withPanel, width, bodyH - 1), ...grid], width, height);
}
