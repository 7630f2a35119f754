import type { Dataset, SeedOptions } from './dataset.js';
import { check, makeDataset, resolveRng, shuffleRows } from './dataset.js';
import { DatasetError } from './errors.js';

/** Options of {@link blobs}. */
export interface BlobsOptions extends SeedOptions {
  /** Total number of points, split as evenly as possible over the classes (the first n mod K get one more). Default 300. */
  readonly n?: number;
  /** Explicit class centres, K rows of length d. When given, `k` and `d` are taken from it. */
  readonly centers?: readonly (readonly number[])[];
  /** Number of classes K when `centers` is omitted; centres are then drawn uniformly from `centerBox`. Default 3. */
  readonly k?: number;
  /** Dimension d when `centers` is omitted. Default 2. */
  readonly d?: number;
  /** Standard deviation of every class, or one per class. Default 1. */
  readonly std?: number | readonly number[];
  /** Box [low, high] for random centres. Default [−10, 10] (scikit-learn's `center_box`). */
  readonly centerBox?: readonly [number, number];
  /** Shuffle the rows (otherwise they come class by class). Default true. */
  readonly shuffle?: boolean;
}

/**
 * K-class isotropic Gaussian blobs: class c has points centre_c + std_c · N(0, I_d), labels 0..K−1.
 *
 * @param options n (300), centers or k (3) and d (2), std (1), centerBox ([−10, 10]), shuffle (true), seed (0) or rng.
 * @returns x [n, d], y ∈ {0..K−1}, numClasses K.
 * @throws {DatasetError} on ragged centres, a negative std, or a std list of the wrong length.
 * @example
 * ```ts
 * const d = blobs({ n: 90, centers: [[0, 0], [5, 5], [0, 5]], std: 0.5, seed: 1 });
 * d.numClasses; // 3
 * ```
 */
export function blobs(options: BlobsOptions = {}): Dataset {
  const op = 'blobs';
  check.optionKeys(op, options, [
    'n',
    'centers',
    'k',
    'd',
    'std',
    'centerBox',
    'shuffle',
    'seed',
    'rng',
  ]);
  const n = check.integer(op, 'n', options.n ?? 300, { min: 0 });
  const rng = resolveRng(op, options);
  let centers: number[][];
  if (options.centers !== undefined) {
    // K ≥ 1 rows of d ≥ 1 finite numbers (the shared matrix check)
    const c = check.matrix(op, 'centers', options.centers);
    centers = Array.from({ length: c.rows }, (_, i) =>
      Array.from(c.data.subarray(i * c.cols, (i + 1) * c.cols)),
    );
  } else {
    const k = check.integer(op, 'k', options.k ?? 3, { min: 1 });
    const d = check.integer(op, 'd', options.d ?? 2, { min: 1 });
    const [lo, hi] = options.centerBox ?? [-10, 10];
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi >= lo))
      throw new DatasetError(
        op,
        `centerBox must be [low, high] with low <= high, got [${lo}, ${hi}]`,
      );
    centers = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(lo, hi)));
  }
  const k = centers.length;
  const d = (centers[0] as number[]).length;
  const stdOpt = options.std ?? 1;
  const stds = typeof stdOpt === 'number' ? new Array<number>(k).fill(stdOpt) : [...stdOpt];
  if (stds.length !== k)
    throw new DatasetError(
      op,
      `std must be a number or ${k} numbers (one per class); got ${stds.length}`,
    );
  stds.forEach((s, i) => check.number(op, `std[${i}]`, s, { min: 0, max: Number.MAX_VALUE }));
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const center = centers[c] as number[];
    const s = stds[c] as number;
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < d; j++) x[row * d + j] = rng.normal(center[j] as number, s);
      y[row] = c;
    }
  }
  if (options.shuffle ?? true) shuffleRows(rng, x, y, n, d);
  return makeDataset(x, n, d, y, {
    task: 'classification',
    numClasses: k,
    labelValues: Array.from({ length: k }, (_, c) => c),
    classNames: Array.from({ length: k }, (_, c) => `class ${c}`),
    featureNames: Array.from({ length: d }, (_, j) => `x${j + 1}`),
  });
}

/** Options of {@link spiralK}. */
export interface SpiralKOptions extends SeedOptions {
  /** Points per class N. Default 100. */
  readonly pointsPerClass?: number;
  /** Number of classes (arms) K. Default 3. */
  readonly k?: number;
  /** Standard deviation of the angle noise (radians). Default 0.2. */
  readonly noise?: number;
  /** Shuffle the rows. Default true. */
  readonly shuffle?: boolean;
}

/**
 * A K-arm spiral for softmax classifiers (Karpathy's CS231n "spiral data"): for class c and
 * i = 0..N−1, radius r = i/(N−1) and angle t = 4c + 4·i/(N−1) + N(0, noise²); the point is
 * (r sin t, r cos t). Not linearly separable for K ≥ 2.
 *
 * @param options pointsPerClass (100), k (3), noise (0.2), shuffle (true), seed (0) or rng.
 * @returns x [N·K, 2] inside the unit disc, y ∈ {0..K−1}, numClasses K.
 * @throws {DatasetError} when pointsPerClass < 1, k < 1 or noise < 0.
 * @example
 * ```ts
 * spiralK({ k: 3, seed: 0 }).x.shape; // [300, 2]
 * ```
 */
export function spiralK(options: SpiralKOptions = {}): Dataset {
  const op = 'spiralK';
  check.optionKeys(op, options, ['pointsPerClass', 'k', 'noise', 'shuffle', 'seed', 'rng']);
  const m = check.integer(op, 'pointsPerClass', options.pointsPerClass ?? 100, { min: 1 });
  const k = check.integer(op, 'k', options.k ?? 3, { min: 1 });
  const noise = check.number(op, 'noise', options.noise ?? 0.2, { min: 0, max: Number.MAX_VALUE });
  const rng = resolveRng(op, options);
  const n = m * k;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < m; i++) {
      const u = m === 1 ? 0 : i / (m - 1);
      const t = 4 * c + 4 * u + rng.normal(0, noise);
      const row = c * m + i;
      x[2 * row] = u * Math.sin(t);
      x[2 * row + 1] = u * Math.cos(t);
      y[row] = c;
    }
  }
  if (options.shuffle ?? true) shuffleRows(rng, x, y, n, 2);
  return makeDataset(x, n, 2, y, {
    task: 'classification',
    numClasses: k,
    labelValues: Array.from({ length: k }, (_, c) => c),
    classNames: Array.from({ length: k }, (_, c) => `arm ${c}`),
    featureNames: ['x1', 'x2'],
  });
}
