import { Random, Tensor, validators } from '@termgrad/tensor';
import { DatasetError } from './errors.js';

/**
 * The one representation every loader and generator returns: a feature matrix and a label/target
 * vector, both contiguous float64 tensors (their `.data` is a Float64Array you can hand to hot loops).
 *
 * - Classification: `y[i]` is a label value; `numClasses` is set, `labelValues[c]` is the label of
 *   class c (0..K−1 for most sets, `[-1, 1]` for the Playground's binary sets) and `classNames[c]`
 *   names it.
 * - Regression: `y[i]` is a real target; `numClasses` is undefined.
 */
export interface Dataset {
  /** Features, [n, d] float64, row-major and contiguous. */
  readonly x: Tensor;
  /** Labels or targets, [n] float64. */
  readonly y: Tensor;
  /** `'classification'` or `'regression'`. */
  readonly task: DatasetTask;
  /** Name of each of the d feature columns. */
  readonly featureNames?: readonly string[];
  /** Name of each class, in class order (classification only). */
  readonly classNames?: readonly string[];
  /** K, the number of classes (classification only). */
  readonly numClasses?: number;
  /** The value `y` holds for each class, in class order (classification only; default 0..K−1). */
  readonly labelValues?: readonly number[];
}

/** What a dataset's `y` holds: class labels or real-valued targets. */
export type DatasetTask = 'classification' | 'regression';

/** How every generator is seeded: a `seed` (default 0) or an existing generator `rng` (takes precedence). */
export interface SeedOptions {
  /** Seed of a fresh `Random` (xoshiro128**). Default 0. */
  readonly seed?: number;
  /** A generator to draw from instead (advanced by the call). */
  readonly rng?: Random;
}

/** The generator named by `{ seed, rng }`. @internal */
export function resolveRng(op: string, options: SeedOptions): Random {
  if (options.rng !== undefined) {
    return check.rng(op, 'rng', options.rng);
  }
  return new Random(check.number(op, 'seed', options.seed ?? 0));
}

/** Builds a dataset from row-major feature data and labels. @internal */
export function makeDataset(
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  meta: Omit<Dataset, 'x' | 'y'>,
): Dataset {
  return { x: new Tensor(x, [n, d]), y: new Tensor(y, [n]), ...meta };
}

/** Row-major float64 data of a tensor (no copy when already contiguous float64 from offset 0). @internal */
export function tensorData(t: Tensor): Float64Array {
  if (
    t.isContiguous() &&
    t.data instanceof Float64Array &&
    t.offset === 0 &&
    t.data.length === t.size
  )
    return t.data;
  const c = t.toTypedArray();
  return c instanceof Float64Array ? c : Float64Array.from(c);
}

/**
 * The rows `indices` of a dataset, as a new dataset (copies; metadata kept).
 *
 * @param dataset the source, x [n, d], y [n].
 * @param indices row indices in 0..n−1 (repeats allowed).
 * @returns x [m, d], y [m] with m = indices.length.
 * @throws {DatasetError} when an index is out of range or not an integer.
 * @example
 * ```ts
 * const first10 = subset(loadIris(), Array.from({ length: 10 }, (_, i) => i));
 * ```
 */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const { n, d } = checkDataset('subset', dataset);
  const x = tensorData(dataset.x);
  const y = tensorData(dataset.y);
  const m = indices.length;
  const ox = new Float64Array(m * d);
  const oy = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const i = indices[r] as number;
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new DatasetError(
        'subset',
        `index ${i} at position ${r} is out of range; expected an integer in [0, ${n})`,
      );
    ox.set(x.subarray(i * d, i * d + d), r * d);
    oy[r] = y[i] as number;
  }
  const { x: _x, y: _y, ...meta } = dataset;
  return makeDataset(ox, m, d, oy, meta);
}

/** Validates a dataset's shapes and returns n and d. @internal */
export function checkDataset(op: string, dataset: Dataset): { n: number; d: number } {
  if (
    dataset === null ||
    typeof dataset !== 'object' ||
    !(dataset.x instanceof Tensor) ||
    !(dataset.y instanceof Tensor)
  ) {
    throw new DatasetError(op, 'dataset must be an object { x: Tensor [n,d], y: Tensor [n] }');
  }
  if (dataset.x.ndim !== 2)
    throw new DatasetError(
      op,
      `dataset.x must be 2-D [n,d]; got shape [${dataset.x.shape.join(',')}]`,
    );
  const n = dataset.x.shape[0] as number;
  if (dataset.y.ndim !== 1 || dataset.y.shape[0] !== n) {
    throw new DatasetError(
      op,
      `dataset.y must have shape [${n}] to match x; got [${dataset.y.shape.join(',')}]`,
    );
  }
  return { n, d: dataset.x.shape[1] as number };
}

/** Permutes the rows of (x [n, d], y [n]) in place with a Fisher–Yates shuffle from rng. @internal */
export function shuffleRows(
  rng: Random,
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
): void {
  const tmp = new Float64Array(d);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    if (j === i) continue;
    tmp.set(x.subarray(i * d, i * d + d));
    x.copyWithin(i * d, j * d, j * d + d);
    x.set(tmp, j * d);
    const t = y[i] as number;
    y[i] = y[j] as number;
    y[j] = t;
  }
}

/** The shared validators of @termgrad/tensor, throwing DatasetError. @internal */
export const check = validators(DatasetError);
