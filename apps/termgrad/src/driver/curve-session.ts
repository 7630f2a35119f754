import { PolynomialRegression, selectModel } from '@termgrad/models';
import type { CurveSettings } from '../settings/curve-settings.js';
import { sinData } from './sin-data.js';
import type { CurveSnapshot, CvChoice, Points1d, Session, SweepEntry } from './snapshots.js';

function options(m: number, lnLambda: number | null): { degree: number; lnLambda?: number } {
  return lnLambda === null ? { degree: m } : { degree: m, lnLambda };
}

/** Train and test data of the curve lab. */
export function curveData(s: CurveSettings): { train: Points1d; test: Points1d } {
  return sinData(s.n, s.testN, s.noiseSd, s.seed);
}

/**
 * ln λ used for λ = 0 when M + 1 > N: the least-squares problem is underdetermined, and ridge with
 * λ → 0⁺ tends to its minimum-norm interpolant. e⁻⁵⁰ ≈ 2e-22 is far below any data scale, and the
 * QR of the scaled, augmented design stays well conditioned (checked up to M = 20, N = 10).
 */
export const MIN_NORM_LN_LAMBDA = -50;

function fitOne(
  train: Points1d,
  test: Points1d,
  m: number,
  lnLambda: number | null,
): {
  model: PolynomialRegression | null;
  train: number;
  test: number;
  minimumNorm: boolean;
  error?: string;
} {
  const minimumNorm = lnLambda === null && m + 1 > train.x.length;
  try {
    const model = new PolynomialRegression(
      options(m, minimumNorm ? MIN_NORM_LN_LAMBDA : lnLambda),
    ).fit(train.x, train.t);
    return {
      model,
      train: model.eRms(train.x, train.t),
      test: model.eRms(test.x, test.t),
      minimumNorm,
    };
  } catch (error) {
    return { model: null, train: NaN, test: NaN, minimumNorm, error: (error as Error).message };
  }
}

/**
 * The curve lab's run: first yields the fit at the chosen M and λ, then one snapshot per order
 * M = 0..max(maxM, M) with the E_RMS sweep growing (the lecture's overfitting picture), then ends.
 * @throws the model's error when the chosen M cannot be fitted (e.g. M + 1 > N with λ = 0).
 */
export async function* curveSession(settings: CurveSettings): Session<CurveSnapshot> {
  const { train, test } = curveData(settings);
  const main = fitOne(train, test, settings.m, settings.lnLambda);
  if (main.model === null) {
    throw new Error(
      `M = ${settings.m} cannot be fitted to N = ${settings.n} points (${main.error ?? ''})`,
    );
  }
  const model = main.model;
  const coefficients = Array.from(model.coefficients);
  const rank = model.fitInfo?.rank ?? settings.m + 1;
  const sweep: SweepEntry[] = [];
  const snapshot = (): CurveSnapshot => ({
    settings,
    train,
    test,
    coefficients,
    predict: (xs) => Array.from(model.predict(xs as number[]).toTypedArray()),
    eRmsTrain: main.train,
    eRmsTest: main.test,
    sweep: sweep.slice(),
    rankDeficient: rank < settings.m + 1,
    minimumNorm: main.minimumNorm,
    toJSON: () => model.toJSON(),
  });
  yield snapshot();
  // The chart reaches the chosen M even beyond "chart up to M".
  for (let m = 0; m <= Math.max(settings.maxM, settings.m); m++) {
    const r = fitOne(train, test, m, settings.lnLambda);
    sweep.push({ m, train: r.train, test: r.test });
    yield snapshot();
  }
}

/** ln λ candidates of the cross-validation grid (−∞ = no regularisation). */
export const CV_LN_LAMBDAS: readonly number[] = [
  -Infinity,
  -30,
  -25,
  -20,
  -18,
  -15,
  -12,
  -10,
  -8,
  -5,
  -3,
  -1,
  0,
];

/**
 * Picks M in 0..maxM and ln λ by k-fold cross-validation (k = min(5, N)) with `selectModel`; the
 * whole grid of mean validation E_RMS comes back for display (NaN where a fit was impossible).
 */
export function crossValidateCurve(settings: CurveSettings): CvChoice {
  const { train } = curveData(settings);
  const folds = Math.max(2, Math.min(5, settings.n));
  const degrees = Array.from({ length: settings.maxM + 1 }, (_, m) => m);
  const sel = selectModel(train.x, train.t, {
    degrees,
    lnLambdas: CV_LN_LAMBDAS,
    folds,
    seed: settings.seed,
  });
  const ln = sel.best.lnLambda;
  const grid = sel.grid.map((g) => ({
    m: g.degree,
    lnLambda: Number.isFinite(g.lnLambda) ? g.lnLambda : null,
    score: g.error !== undefined ? NaN : g.validationERms,
  }));
  return {
    m: sel.best.degree,
    lnLambda: Number.isFinite(ln) ? ln : null,
    score: sel.best.validationERms,
    folds,
    grid,
  };
}
