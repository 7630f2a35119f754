import { PolynomialRegression, selectModel } from '@termgrad/models';
import type { CurveSettings } from '../settings/curve-settings.js';
import { sinData } from './sin-data.js';
import type { CurveSnapshot, CvChoice, Points1d, Session, SweepEntry } from './snapshots.js';

function options(m: number, lnLambda: number | null): { degree: number; lnLambda?: number } {
  return lnLambda === null ? { degree: m } : { degree: m, lnLambda };
}

/** Train and test data of the curve lab. */
export function curveData(s: CurveSettings): { train: Points1d; test: Points1d } {
  return sinData(s.n, s.testN, s.noise, s.seed);
}

function fitOne(train: Points1d, test: Points1d, m: number, lnLambda: number | null): { model: PolynomialRegression | null; train: number; test: number; error?: string } {
  try {
    const model = new PolynomialRegression(options(m, lnLambda)).fit(train.x, train.t);
    return { model, train: model.eRms(train.x, train.t), test: model.eRms(test.x, test.t) };
  } catch (error) {
    return { model: null, train: NaN, test: NaN, error: (error as Error).message };
  }
}

/**
 * The curve lab's run: first yields the fit at the chosen M and λ, then one snapshot per order
 * M = 0..maxM with the E_RMS sweep growing (the lecture's overfitting picture), then ends.
 * @throws the model's error when the chosen M cannot be fitted (e.g. M + 1 > N with λ = 0).
 */
export async function* curveSession(settings: CurveSettings): Session<CurveSnapshot> {
  const { train, test } = curveData(settings);
  const main = fitOne(train, test, settings.m, settings.lnLambda);
  if (main.model === null) {
    throw new Error(`M = ${settings.m} cannot be fitted to N = ${settings.n} points${settings.lnLambda === null ? ' with λ = 0; raise ln λ (]) or N' : ''} (${main.error ?? ''})`);
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
    toJSON: () => model.toJSON(),
  });
  yield snapshot();
  for (let m = 0; m <= settings.maxM; m++) {
    const r = fitOne(train, test, m, settings.lnLambda);
    sweep.push({ m, train: r.train, test: r.test });
    yield snapshot();
  }
}

/** ln λ candidates of the cross-validation grid (−∞ = no regularisation). */
export const CV_LN_LAMBDAS: readonly number[] = [-Infinity, -30, -25, -20, -18, -15, -12, -10, -8, -5, -3, -1, 0];

/**
 * Picks M in 0..maxM and ln λ by k-fold cross-validation (k = min(5, N)) with `selectModel`.
 */
export function crossValidateCurve(settings: CurveSettings): CvChoice {
  const { train } = curveData(settings);
  const folds = Math.max(2, Math.min(5, settings.n));
  const degrees = Array.from({ length: settings.maxM + 1 }, (_, m) => m);
  const sel = selectModel(train.x, train.t, { degrees, lnLambdas: CV_LN_LAMBDAS, folds, seed: settings.seed });
  const ln = sel.best.lnLambda;
  return { m: sel.best.degree, lnLambda: Number.isFinite(ln) ? ln : null, score: sel.best.validationERms, folds };
}
