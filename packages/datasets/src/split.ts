import type { Dataset, SeedOptions } from './dataset.js';
import { check, checkDataset, resolveRng, subset, tensorData } from './dataset.js';
import { DatasetError } from './errors.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions extends SeedOptions {
  /** Fraction of the rows that go to the test set, in (0, 1). Default 0.2. */
  readonly testFraction?: number;
  /**
   * Keep each label's proportion in both parts: each distinct y value contributes
   * round(testFraction · its count) test rows. Default false.
   */
  readonly stratify?: boolean;
}

/** Row indices of a train/test split. */
export interface SplitIndices {
  /** Training row indices (in random order). */
  readonly train: Int32Array;
  /** Test row indices (in random order). */
  readonly test: Int32Array;
}

/**
 * Random train/test split of a dataset (seeded). Without stratification the test set has
 * ceil(testFraction · n) rows (scikit-learn's rule), at least 1 and at most n − 1 when n ≥ 2.
 *
 * @param dataset x [n, d], y [n].
 * @param options testFraction (0.2), stratify (false), seed (0) or rng.
 * @returns `{ train, test, indices }`: two new datasets with the same metadata, and the row indices used.
 * @throws {DatasetError} when testFraction is outside (0, 1) or the dataset has fewer than 2 rows.
 * @example
 * ```ts
 * const { train, test } = trainTestSplit(loadIris(), { testFraction: 0.2, seed: 1, stratify: true });
 * test.x.shape; // [30, 4]
 * ```
 */
export function trainTestSplit(
  dataset: Dataset,
  options: TrainTestSplitOptions = {},
): { train: Dataset; test: Dataset; indices: SplitIndices } {
  const op = 'trainTestSplit';
  check.optionKeys(op, options, ['testFraction', 'stratify', 'seed', 'rng']);
  const { n } = checkDataset(op, dataset);
  const f = options.testFraction ?? 0.2;
  if (typeof f !== 'number' || !(f > 0 && f < 1))
    throw new DatasetError(op, `testFraction must be a number in (0, 1), got ${String(f)}`);
  if (n < 2) throw new DatasetError(op, `dataset must have at least 2 rows to split; got ${n}`);
  const rng = resolveRng(op, options);
  const train: number[] = [];
  const test: number[] = [];
  if (options.stratify) {
    const y = tensorData(dataset.y);
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const key = y[i] as number;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = []));
      g.push(i);
    }
    // Visit the groups in sorted label order so the result does not depend on row order.
    for (const key of [...groups.keys()].sort((a, b) => a - b)) {
      const g = rng.shuffle(groups.get(key) as number[]);
      const k = Math.round(f * g.length);
      for (let i = 0; i < g.length; i++) (i < k ? test : train).push(g[i] as number);
    }
    rng.shuffle(train);
    rng.shuffle(test);
  } else {
    const perm = rng.permutation(n);
    // ceil, as scikit-learn's train_test_split sizes its test set (n_test = ceil(test_size · n)).
    const k = Math.min(n - 1, Math.max(1, Math.ceil(f * n)));
    for (let i = 0; i < n; i++) (i < k ? test : train).push(perm[i] as number);
  }
  const indices = { train: Int32Array.from(train), test: Int32Array.from(test) };
  return { train: subset(dataset, indices.train), test: subset(dataset, indices.test), indices };
}

/** One fold of {@link kFold}. */
export interface Fold {
  /** Training row indices (every row not in `validation`), ascending. */
  readonly train: Int32Array;
  /** Validation row indices, ascending. */
  readonly validation: Int32Array;
}

/**
 * K-fold cross-validation indices: the rows 0..n−1 are shuffled (seeded) and cut into k folds of
 * sizes differing by at most one (the first n mod k folds get one extra row). Every index appears
 * in exactly one validation fold; fold i trains on the other k − 1.
 *
 * @param n number of rows (≥ k).
 * @param k number of folds (2 ≤ k ≤ n).
 * @param options `shuffle` (default true; false keeps contiguous blocks), seed (0) or rng.
 * @returns k folds (an array, so `for (const { train, validation } of kFold(...))` works).
 * @throws {DatasetError} when k < 2, k > n, or n, k are not integers.
 * @example
 * ```ts
 * for (const { train, validation } of kFold(10, 5, { seed: 1 })) {
 *   train.length;      // 8
 *   validation.length; // 2
 * }
 * ```
 */
export function kFold(
  n: number,
  k: number,
  options: SeedOptions & { readonly shuffle?: boolean } = {},
): Fold[] {
  const op = 'kFold';
  check.optionKeys(op, options, ['shuffle', 'seed', 'rng']);
  check.integer(op, 'n', n, { min: 0 });
  check.integer(op, 'k', k, { min: 2 });
  if (k > n) throw new DatasetError(op, `k must be <= n; got k = ${k} folds for n = ${n} rows`);
  const order =
    (options.shuffle ?? true)
      ? resolveRng(op, options).permutation(n)
      : Int32Array.from({ length: n }, (_, i) => i);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const validation = order.slice(start, start + size).sort();
    const inFold = new Uint8Array(n);
    for (const i of validation) inFold[i] = 1;
    const train = new Int32Array(n - size);
    let t = 0;
    for (let i = 0; i < n; i++) if (inFold[i] === 0) train[t++] = i;
    folds.push({ train, validation });
    start += size;
  }
  return folds;
}
