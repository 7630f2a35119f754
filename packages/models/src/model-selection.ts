import { Random, renameDeprecated } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { check, type MatrixLike, toMatrix, toVector, type VectorLike } from './input.js';
import { PolynomialRegression, type PolynomialRegressionOptions } from './polynomial-regression.js';

/** Options of {@link crossValidate}. */
export interface CrossValidationOptions {
  /** k ≥ 2 folds (≤ N). Default 5. */
  readonly folds?: number;
  /** Seed of the random assignment of points to folds. Default 0. */
  readonly seed?: number;
}

/** Scores of one k-fold cross-validation. */
export interface CrossValidationResult {
  /** Mean over folds of the training E_RMS. */
  readonly trainERms: number;
  /** Pooled validation E_RMS = √(Σ_folds Σ_{n∈fold} (y(xₙ) − tₙ)² / N): every point is scored once, by the model that did not see it. */
  readonly validationERms: number;
  /** Validation E_RMS of each fold. */
  readonly foldValidationERms: readonly number[];
  /** Training E_RMS of each fold. */
  readonly foldTrainERms: readonly number[];
}

/** Seeded split of 0..n−1 into k folds of sizes differing by at most one. @internal */
export function foldIndices(n: number, k: number, seed: number): Int32Array[] {
  const perm = new Random(seed).permutation(n);
  const folds: Int32Array[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    folds.push(Int32Array.from(perm.subarray(start, start + size)));
    start += size;
  }
  return folds;
}

function pick(values: Float64Array, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]!]!;
  return out;
}

/**
 * k-fold cross-validation of a {@link PolynomialRegression} configuration: the data are split
 * (seeded) into k folds; for each fold the model is fitted on the other k − 1 and scored on it.
 *
 * @param x inputs [N]. @param y targets [N].
 * @param model degree and λ / ln λ (as for PolynomialRegression).
 * @throws {ModelError} bad input, k < 2 or k > N, or a fold whose fit fails (e.g. too few points for the degree with λ = 0).
 * @example
 * ```ts
 * crossValidate(x, y, { degree: 3 }, { folds: 5 }).validationERms; // e.g. 0.29
 * ```
 */
export function crossValidate(
  x: MatrixLike,
  y: VectorLike,
  model: PolynomialRegressionOptions,
  options: CrossValidationOptions = {},
): CrossValidationResult {
  const op = 'crossValidate';
  check.optionKeys(op, options, ['folds', 'seed']);
  const xs = toMatrix(op, x, 'x', 1).data;
  const ts = toVector(op, y, 'y', xs.length);
  const k = check.number(op, 'folds', options.folds ?? 5, {
    min: 2,
    integer: true,
    max: xs.length,
  });
  const folds = foldIndices(xs.length, k, check.number(op, 'seed', options.seed ?? 0));
  return crossValidateFolds(op, xs, ts, model, folds);
}

function crossValidateFolds(
  op: string,
  xs: Float64Array,
  ts: Float64Array,
  model: PolynomialRegressionOptions,
  folds: readonly Int32Array[],
): CrossValidationResult {
  const n = xs.length;
  const inFold = new Int32Array(n);
  folds.forEach((f, fi) => f.forEach((i) => (inFold[i] = fi)));
  const foldValidationERms: number[] = [];
  const foldTrainERms: number[] = [];
  let sse = 0;
  for (let f = 0; f < folds.length; f++) {
    const val = folds[f]!;
    const train: number[] = [];
    for (let i = 0; i < n; i++) if (inFold[i] !== f) train.push(i);
    const m = new PolynomialRegression(model);
    try {
      m.fit(pick(xs, train), pick(ts, train));
    } catch (e) {
      if (e instanceof ModelError)
        throw new ModelError(op, `fold ${f + 1} of ${folds.length}: ${e.message}`, { cause: e });
      throw e;
    }
    const vx = pick(xs, val);
    const vt = pick(ts, val);
    const e = m.eRms(vx, vt);
    foldValidationERms.push(e);
    sse += e * e * val.length;
    foldTrainERms.push(m.eRms(pick(xs, train), pick(ts, train)));
  }
  return {
    trainERms: foldTrainERms.reduce((a, b) => a + b, 0) / folds.length,
    validationERms: Math.sqrt(sse / n),
    foldValidationERms,
    foldTrainERms,
  };
}

/** Options of {@link selectModel}: a grid and either `folds` (k-fold) or `validation` (hold-out). */
export interface SelectModelOptions {
  /** Candidate orders M. */
  readonly degrees: readonly number[];
  /** Candidate ln λ values (−Infinity = no regularisation). Default [−Infinity]. */
  readonly lnLambdas?: readonly number[];
  /** Passed to every PolynomialRegression. Default true. */
  readonly penalizeBias?: boolean;
  /** k-fold cross-validation with k folds (the default, k = 5, when neither folds nor validation is given). */
  readonly folds?: number;
  /**
   * Hold-out validation: an explicit validation set `{ x, y }` (`{ x, t }` is a deprecated alias,
   * warns once), or the fraction (0, 1) of the data to hold out (seeded).
   */
  readonly validation?:
    | { readonly x: MatrixLike; readonly y: VectorLike }
    | { readonly x: MatrixLike; readonly t: VectorLike }
    | number;
  /** Seed for the fold assignment / hold-out split. Default 0. */
  readonly seed?: number;
}

/** One grid cell of {@link selectModel}. */
export interface ModelScore {
  readonly degree: number;
  readonly lnLambda: number;
  readonly lambda: number;
  /** Training E_RMS (mean over folds for k-fold). */
  readonly trainERms: number;
  /** Validation E_RMS (pooled over folds for k-fold); Infinity when this configuration could not be fitted. */
  readonly validationERms: number;
  /** Why the configuration could not be fitted, if it could not. */
  readonly error?: string;
}

/** Result of {@link selectModel}. */
export interface ModelSelection {
  readonly method: 'kfold' | 'holdout';
  /** Every (degree, ln λ) cell, degrees outer, ln λ inner. */
  readonly grid: readonly ModelScore[];
  /** The cell with the lowest validation E_RMS (ties: lower degree, then larger λ). */
  readonly best: ModelScore;
  /** `best` refitted on all the training data passed as x, y. */
  readonly model: PolynomialRegression;
}

/**
 * "Which polynomial order M is right? How to determine it in practice?" — scores every
 * (M, ln λ) on held-out data and picks the lowest validation E_RMS. With `folds`, k-fold
 * cross-validation (same seeded folds for every cell); with `validation`, a hold-out set.
 * The chosen configuration is refitted on all of x, y.
 *
 * @param x inputs [N]. @param y targets [N].
 * @throws {ModelError} bad input, empty grid, both folds and validation, no configuration fits.
 * @example
 * ```ts
 * const sel = selectModel(x, y, { degrees: [0, 1, 3, 9], lnLambdas: [-Infinity, -18], folds: 5 });
 * sel.best; // { degree: 3, lnLambda: -Infinity, ... }
 * ```
 */
export function selectModel(
  x: MatrixLike,
  y: VectorLike,
  options: SelectModelOptions,
): ModelSelection {
  const op = 'selectModel';
  check.optionKeys(op, options, [
    'degrees',
    'lnLambdas',
    'penalizeBias',
    'folds',
    'validation',
    'seed',
  ]);
  const xs = toMatrix(op, x, 'x', 1).data;
  const ts = toVector(op, y, 'y', xs.length);
  if (!Array.isArray(options.degrees) || options.degrees.length === 0)
    throw new ModelError(op, 'option degrees must be a non-empty array of integers; got none');
  options.degrees.forEach((d, i) =>
    check.number(op, `degrees[${i}]`, d, { min: 0, integer: true }),
  );
  const lnLambdas = options.lnLambdas ?? [-Infinity];
  if (lnLambdas.length === 0) throw new ModelError(op, 'option lnLambdas must not be empty');
  lnLambdas.forEach((l, i) => {
    if (typeof l !== 'number' || Number.isNaN(l) || l === Infinity)
      throw new ModelError(op, `lnLambdas[${i}] must be a number or -Infinity; got ${String(l)}`);
  });
  if (options.folds !== undefined && options.validation !== undefined)
    throw new ModelError(op, 'give folds or validation, not both');
  const seed = check.number(op, 'seed', options.seed ?? 0);
  const penalizeBias = options.penalizeBias ?? true;

  let score: (cfg: PolynomialRegressionOptions) => { trainERms: number; validationERms: number };
  let method: ModelSelection['method'];
  let fitX = xs;
  let fitT = ts;
  if (options.validation !== undefined) {
    method = 'holdout';
    let vx: Float64Array;
    let vt: Float64Array;
    if (typeof options.validation === 'number') {
      const frac = check.number(op, 'validation', options.validation, {
        min: 0,
        minExclusive: true,
        max: 1,
      });
      const nVal = Math.round(frac * xs.length);
      if (nVal < 1 || nVal >= xs.length)
        throw new ModelError(
          op,
          `validation fraction leaves an empty set; expected 1 <= round(fraction * N) < N, got ${nVal} of ${xs.length}`,
        );
      const perm = new Random(seed).permutation(xs.length);
      const val = perm.subarray(0, nVal);
      const tr = perm.subarray(nVal);
      vx = pick(xs, val);
      vt = pick(ts, val);
      fitX = pick(xs, tr);
      fitT = pick(ts, tr);
    } else {
      const v = renameDeprecated(
        `${op} validation`,
        options.validation as { x: MatrixLike; y: VectorLike },
        { t: 'y' },
        ModelError,
      );
      vx = toMatrix(op, v.x, 'validation.x', 1).data;
      vt = toVector(op, v.y, 'validation.y', vx.length);
    }
    score = (cfg) => {
      const m = new PolynomialRegression(cfg).fit(fitX, fitT);
      return { trainERms: m.eRms(fitX, fitT), validationERms: m.eRms(vx, vt) };
    };
  } else {
    method = 'kfold';
    const k = check.number(op, 'folds', options.folds ?? 5, {
      min: 2,
      integer: true,
      max: xs.length,
    });
    const folds = foldIndices(xs.length, k, seed);
    score = (cfg) => crossValidateFolds(op, xs, ts, cfg, folds);
  }

  const grid: ModelScore[] = [];
  for (const degree of options.degrees) {
    for (const lnLambda of lnLambdas) {
      const cfg = { degree, lnLambda, penalizeBias };
      const lambda = Math.exp(lnLambda);
      try {
        grid.push({ degree, lnLambda, lambda, ...score(cfg) });
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
        grid.push({
          degree,
          lnLambda,
          lambda,
          trainERms: Infinity,
          validationERms: Infinity,
          error: e.message,
        });
      }
    }
  }
  let best: ModelScore | undefined;
  for (const s of grid) {
    if (s.validationERms === Infinity) continue;
    if (
      best === undefined ||
      s.validationERms < best.validationERms ||
      (s.validationERms === best.validationERms &&
        (s.degree < best.degree || (s.degree === best.degree && s.lambda > best.lambda)))
    )
      best = s;
  }
  if (best === undefined)
    throw new ModelError(
      op,
      `no configuration could be fitted; first error: ${grid[0]?.error ?? 'unknown'}`,
    );
  const model = new PolynomialRegression({
    degree: best.degree,
    lnLambda: best.lnLambda,
    penalizeBias,
  }).fit(xs, ts);
  return { method, grid, best, model };
}
