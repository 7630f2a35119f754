import type { Dataset, SeedOptions } from './dataset.js';
import { check, makeDataset, resolveRng } from './dataset.js';
import { DatasetError } from './errors.js';

/** Options of {@link sinCurve}. */
export interface SinCurveOptions extends SeedOptions {
  /** Number of training points N. Default 10 (Bishop's figure 1.2). */
  readonly n?: number;
  /** Noise standard deviation σ of t = sin(2πx) + N(0, σ²). Default 0.3 (Bishop). */
  readonly noise?: number;
  /** Number of test points. Default 100 (Bishop's figure 1.5). 0 gives an empty test set. */
  readonly testN?: number;
  /**
   * Placement of the test inputs: `'even'` (default) uses x = i/(testN−1) like the training set,
   * `'uniform'` draws x ~ U(0, 1) independently.
   */
  readonly testSpacing?: 'even' | 'uniform';
}

/** The result of {@link sinCurve}. */
export interface SinCurve {
  /** N points: x [N, 1] with xₙ = n/(N−1), t [N]. */
  readonly train: Dataset;
  /** testN points from the same process with fresh noise draws. */
  readonly test: Dataset;
  /** The noise-free curve sin(2πx). */
  readonly trueFunction: (x: number) => number;
}

/**
 * The lecture's curve-fitting data (Bishop, PRML §1.1): t = sin(2πx) + ε, ε ~ N(0, σ²).
 *
 * Training inputs are evenly spaced, xₙ = n/(N−1) for n = 0..N−1 (x = 0 when N = 1). The test set
 * is drawn "by exactly the same procedure but with new choices for the random noise values"
 * (PRML §1.1): evenly spaced x = i/(testN−1) by default, or uniform x with `testSpacing: 'uniform'`.
 * The test set draws from an independent stream (`rng.split()`), so the training set for a given
 * seed does not depend on `testN`.
 *
 * @param options n (10), noise σ (0.3), testN (100), testSpacing ('even'), seed (0) or rng.
 * @returns `{ train, test, trueFunction }`, both datasets with task `'regression'` and feature `x`.
 * @throws {DatasetError} when n < 1, testN < 0 or noise < 0.
 * @example
 * ```ts
 * const { train, test } = sinCurve({ n: 10, seed: 1 });
 * train.x.shape; // [10, 1]
 * test.x.shape;  // [100, 1]
 * ```
 */
export function sinCurve(options: SinCurveOptions = {}): SinCurve {
  const op = 'sinCurve';
  check.optionKeys(op, options, ['n', 'noise', 'testN', 'testSpacing', 'seed', 'rng']);
  const n = check.integer(op, 'n', options.n ?? 10, { min: 1 });
  const testN = check.integer(op, 'testN', options.testN ?? 100, { min: 0 });
  const noise = check.number(op, 'noise', options.noise ?? 0.3, { min: 0, max: Number.MAX_VALUE });
  const spacing = options.testSpacing ?? 'even';
  if (spacing !== 'even' && spacing !== 'uniform') {
    throw new DatasetError(
      op,
      `testSpacing must be 'even' or 'uniform', got ${JSON.stringify(spacing)}`,
    );
  }
  const rng = resolveRng(op, options);
  const testRng = rng.split();
  const f = (x: number): number => Math.sin(2 * Math.PI * x);
  const build = (count: number, uniform: boolean, r: typeof rng): Dataset => {
    const x = new Float64Array(count);
    const t = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const xi = uniform ? r.random() : count === 1 ? 0 : i / (count - 1);
      x[i] = xi;
      t[i] = f(xi) + r.normal(0, noise);
    }
    return makeDataset(x, count, 1, t, { task: 'regression', featureNames: ['x'] });
  };
  return {
    train: build(n, false, rng),
    test: build(testN, spacing === 'uniform', testRng),
    trueFunction: f,
  };
}
