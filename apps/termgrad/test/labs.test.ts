import { LogisticRegression, SoftmaxRegression } from '@termgrad/models';
import { Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { classifyData, classifySession } from '../src/driver/classify-session.js';
import { crossValidateCurve, curveSession } from '../src/driver/curve-session.js';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { ClassifySnapshot, CurveSnapshot, Session } from '../src/driver/snapshots.js';
import { BrailleCanvas, stripAnsi } from '../src/render/index.js';
import { DEFAULT_CLASSIFY_SETTINGS } from '../src/settings/classify-settings.js';
import { DEFAULT_CURVE_SETTINGS } from '../src/settings/curve-settings.js';
import type { LabId } from '../src/settings/lab.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { curveView } from '../src/views/curve-view.js';
import { dottedCurve } from '../src/views/plot.js';

async function all<S>(session: Session<S>): Promise<S[]> {
  const out: S[] = [];
  for (;;) {
    const r = await session.next(undefined);
    if (r.done) return out;
    out.push(r.value);
  }
}

describe('curve lab beyond M = 9', () => {
  it('fits M = 20 to N = 10 points with λ = 0 as the minimum-norm interpolant', async () => {
    const snaps = await all(curveSession({ ...DEFAULT_CURVE_SETTINGS, m: 20, maxM: 9 }));
    const last = snaps.at(-1) as CurveSnapshot;
    expect(last.minimumNorm).toBe(true);
    expect(last.coefficients).toHaveLength(21);
    // An interpolant: E_RMS on the 10 training points at rounding level (tol 1e-6 ≫ 1e-14 seen).
    expect(last.eRmsTrain).toBeLessThan(1e-6);
    expect(last.coefficients.every(Number.isFinite)).toBe(true);
    // The sweep reaches the chosen M (beyond "chart up to M") with train and test for every order.
    expect(last.sweep.map((e) => e.m)).toEqual(Array.from({ length: 21 }, (_, m) => m));
    expect(last.sweep.every((e) => Number.isFinite(e.train) && Number.isFinite(e.test))).toBe(true);
  });

  it('agrees with the exact interpolating polynomial where it is unique (M = N − 1)', async () => {
    const snaps = await all(curveSession({ ...DEFAULT_CURVE_SETTINGS, m: 9, n: 10 }));
    const s = snaps[0] as CurveSnapshot;
    // Lagrange interpolation through the 10 points, written independently.
    const lagrange = (x: number): number =>
      s.train.x.reduce(
        (acc, xi, i) =>
          acc +
          (s.train.t[i] ?? 0) *
            s.train.x.reduce((p, xj, j) => (j === i ? p : (p * (x - xj)) / (xi - xj)), 1),
        0,
      );
    // Between nodes the degree-9 interpolant is evaluated through scaled QR coefficients: 1e-6 is loose for cond ~1e7.
    for (const x of [0.05, 0.5, 0.95]) expect(s.predict([x])[0]).toBeCloseTo(lagrange(x), 6);
  });

  it('cross-validation returns the choice and the whole grid; the view shows it for a while', async () => {
    const settings = { ...DEFAULT_CURVE_SETTINGS, maxM: 6 };
    const cv = crossValidateCurve(settings);
    expect(cv.grid).toHaveLength(7 * 13);
    const best = cv.grid
      .filter((g) => Number.isFinite(g.score))
      .reduce((a, b) => (b.score < a.score ? b : a));
    expect(cv.score).toBeCloseTo(best.score, 12);
    let state = initialState({ lab: 'curve', curve: settings });
    state = reducer(state, { type: 'cvResult', generation: 0, choice: cv, now: 1000 });
    expect(state.curve.settings.m).toBe(cv.m);
    const snap = (await all(curveSession(state.curve.settings))).at(-1) as CurveSnapshot;
    state = reducer(state, {
      type: 'curveSnapshot',
      generation: state.curve.generation,
      snapshot: snap,
    });
    const shown = stripAnsi(curveView(state.curve, 120, 38, 'none', 2000).join('\n'));
    expect(shown).toContain(`cross-validation (${cv.folds} folds) → M=${cv.m}`);
    expect(shown).toContain('*');
    const later = stripAnsi(curveView(state.curve, 120, 38, 'none', 1000 + 60_000).join('\n'));
    expect(later).not.toContain('cross-validation (');
    expect(later).toContain('coefficients');
    expect(later).toContain(`cv → M=${cv.m}`);
  });
});

describe('classification lab animation', () => {
  it('epoch k equals a gradient-descent fit of k iterations from zero (warm-started one step at a time)', async () => {
    const s = {
      ...DEFAULT_CLASSIFY_SETTINGS,
      model: 'logistic' as const,
      maxEpochs: 15,
      lambda: 0.01,
    };
    const snaps = await all(classifySession(s));
    const data = classifyData(s);
    const X = new Tensor(data.x, [data.n, 2]);
    const T = Float64Array.from(data.labels);
    for (const k of [1, 7, 15]) {
      const ref = new LogisticRegression({
        lambda: 0.01,
        solver: 'gd',
        learningRate: s.learningRate,
        lineSearch: 'fixed',
        maxIterations: k,
        tolerance: 0,
      }).fit(X, T);
      const snap = snaps[k - 1] as ClassifySnapshot;
      // The same arithmetic in the same order: equal to rounding (1e-12 relative).
      expect(snap.w[0]?.[0]).toBeCloseTo(ref.weights[0] as number, 12);
      expect(snap.w0[0]).toBeCloseTo(ref.bias, 12);
    }
    // Snapshots are frozen: an early one still shows its own weights after training went on.
    expect(snaps[0]?.w[0]?.[0]).not.toBe(snaps[14]?.w[0]?.[0]);
  });

  it('K-class blobs use softmax regression the same way', async () => {
    const s = {
      ...DEFAULT_CLASSIFY_SETTINGS,
      model: 'logistic' as const,
      dataset: 'blobs' as const,
      classes: 3,
      maxEpochs: 6,
    };
    const snaps = await all(classifySession(s));
    const data = classifyData(s);
    const ref = new SoftmaxRegression({
      lambda: 0,
      solver: 'gd',
      learningRate: s.learningRate,
      lineSearch: 'fixed',
      maxIterations: 6,
      tolerance: 0,
    }).fit(new Tensor(data.x, [data.n, 2]), Float64Array.from(data.labels));
    // Same updates, same order (1e-12 relative).
    expect(snaps[5]?.w0[0]).toBeCloseTo(ref.bias[0] as number, 12);
  });
});

async function trained(lab: LabId): Promise<AppState> {
  const f = await createSessionFactory();
  let s = initialState({
    lab,
    color: 'none',
    network: { seed: 3 },
    classify: { model: 'logistic', maxEpochs: 5 },
  });
  const take = async <T>(session: Session<T>, n: number): Promise<T> => {
    let last: T | undefined;
    for (let i = 0; i < n; i++) {
      const r = await session.next(undefined);
      if (r.done) break;
      last = r.value;
    }
    const r = await session.next({ capture: true });
    return (r.done ? last : r.value) as T;
  };
  if (lab === 'curve')
    s = reducer(s, {
      type: 'curveSnapshot',
      generation: 0,
      snapshot: await take(f.curve(s.curve.settings), 20),
    });
  else if (lab === 'classify')
    s = reducer(s, {
      type: 'classifySnapshot',
      generation: 0,
      snapshot: await take(f.classify(s.classify.settings), 5),
    });
  else
    s = reducer(s, {
      type: 'networkSnapshot',
      generation: 0,
      snapshot: await take(f.network(s.network.settings), 4),
      losses: [1, 2, 3, 4].map((e) => ({ epoch: e, train: 0.7 / e, test: 0.8 / e })),
    });
  return s;
}

describe('mono mode (NO_COLOR)', () => {
  for (const lab of ['curve', 'classify', 'network'] as const) {
    it(`the ${lab} lab has no escape sequences and draws with glyphs`, async () => {
      const s = await trained(lab);
      for (const [w, h] of [
        [80, 24],
        [120, 40],
      ] as const) {
        const text = appView(s, w, h).join('\n');
        expect(text).not.toContain('\x1b');
        if (lab === 'curve')
          expect(text).toMatch(/[\u2801-\u28ff]/); // braille curves
        else expect(text).toMatch(/[·░▒▓█]/); // shaded regions
      }
      const help = appView({ ...s, help: true }, 100, 30).join('\n');
      expect(help).not.toContain('\x1b');
    });
  }

  it('the curve legend says the true curve is dotted and the fit solid; E_RMS names train and test', async () => {
    const text = appView(await trained('curve'), 120, 40).join('\n');
    expect(text).toContain('sin(2πx) dotted');
    expect(text).toContain('fit solid');
    expect(text).toMatch(/o─ train x┈ test/);
  });

  it('the loss chart draws test dotted and says so', async () => {
    const text = appView(await trained('network'), 120, 40).join('\n');
    expect(text).toContain('┈ test');
  });

  it('dottedCurve sets pixels only in every other braille column', () => {
    const c = new BrailleCanvas(20, 4).setViewport(0, 1, -1, 1);
    const xs = Array.from({ length: 40 }, (_, i) => i / 39);
    dottedCurve(
      c,
      xs,
      xs.map(() => 0),
    );
    const row = c.render('none').join('');
    const cols = c.render('none').map((r) => [...r]);
    for (let col = 0; col < 20; col++) {
      const inked = cols.some((r) => r[col] !== ' ');
      // A horizontal line through every column: inked exactly in the even braille columns.
      expect(inked).toBe(col % 2 === 0);
    }
    expect(row).toMatch(/[\u2801-\u28ff]/);
  });
});
