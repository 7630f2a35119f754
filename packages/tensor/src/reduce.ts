import { formatShape, TensorError } from './errors.js';
import { transpose } from './manipulation.js';
import { pairwiseSum } from './pairwise-sum.js';
import { normalizeAxis } from './shape.js';
import { allocate, type DType, Tensor, type TypedArray } from './tensor.js';
import { assertTensor } from './validate.js';

type RowReducer = (x: TypedArray, start: number, end: number) => number;

/** Reduces rows of the axis moved last. @internal */
function reduce(
  op: string,
  f: RowReducer,
  a: Tensor,
  axis: number | undefined,
  keepdims: boolean,
  dtype: DType,
  emptyOk: boolean,
): Tensor {
  assertTensor(op, a);
  if (axis === undefined) {
    if (a.size === 0 && !emptyOk)
      throw new TensorError(op, `cannot reduce an empty tensor of shape ${formatShape(a.shape)}`);
    const flat = a.toTypedArray();
    const out = allocate(dtype, 1);
    out[0] = f(flat, 0, flat.length);
    return new Tensor(out, keepdims ? a.shape.map(() => 1) : []);
  }
  const ax = normalizeAxis(op, axis, a.ndim);
  const len = a.shape[ax] as number;
  if (len === 0 && !emptyOk)
    throw new TensorError(
      op,
      `cannot reduce over empty axis ${ax} of shape ${formatShape(a.shape)}`,
    );
  const perm = [...Array.from({ length: a.ndim }, (_, i) => i).filter((i) => i !== ax), ax];
  const flat = transpose(a, perm).toTypedArray();
  const rows = len === 0 ? a.size : flat.length / len;
  const shape = keepdims
    ? a.shape.map((d, i) => (i === ax ? 1 : d))
    : a.shape.filter((_, i) => i !== ax);
  const nOut = len === 0 ? shape.reduce((p, d) => p * d, 1) : rows;
  const out = allocate(dtype, nOut);
  for (let r = 0; r < nOut; r++) out[r] = f(flat, r * len, (r + 1) * len);
  return new Tensor(out, shape);
}

const sumRow: RowReducer = (x, s, e) => pairwiseSum(x, s, e);
const meanRow: RowReducer = (x, s, e) => pairwiseSum(x, s, e) / (e - s);
const maxRow: RowReducer = (x, s, e) => {
  let m = -Infinity;
  for (let i = s; i < e; i++) {
    const v = x[i] as number;
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
};
const minRow: RowReducer = (x, s, e) => {
  let m = Infinity;
  for (let i = s; i < e; i++) {
    const v = x[i] as number;
    if (v < m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
};
const argmaxRow: RowReducer = (x, s, e) => {
  let best = s;
  for (let i = s; i < e; i++) {
    const v = x[i] as number;
    if (v !== v) return i - s; // first NaN wins, as in NumPy
    if (v > (x[best] as number)) best = i;
  }
  return best - s;
};
const argminRow: RowReducer = (x, s, e) => {
  let best = s;
  for (let i = s; i < e; i++) {
    const v = x[i] as number;
    if (v !== v) return i - s;
    if (v < (x[best] as number)) best = i;
  }
  return best - s;
};

/**
 * Sum over `axis` (all elements when omitted, giving shape `[]`), by pairwise summation.
 * @param axis may be negative; default: all axes.
 * @param keepdims keep the reduced axis with length 1 (default false).
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 * sum(tensor([[1, 2], [3, 4]])).item();       // 10
 * ```
 */
export function sum(a: Tensor, axis?: number, keepdims = false): Tensor {
  return reduce('sum', sumRow, a, axis, keepdims, a?.dtype, true);
}
/**
 * Arithmetic mean over `axis` (all elements when omitted); see {@link sum}.
 * @throws {TensorError} on an empty reduction (instead of returning NaN).
 * @example `mean(tensor([1, 2, 3, 4])).item(); // 2.5`
 */
export function mean(a: Tensor, axis?: number, keepdims = false): Tensor {
  return reduce('mean', meanRow, a, axis, keepdims, a?.dtype, false);
}
/**
 * Maximum over `axis` (NaN if any element is NaN); see {@link sum}.
 * @throws {TensorError} on an empty reduction.
 * @example `max(tensor([[1, 5], [7, 2]]), 1).toArray(); // [5, 7]`
 */
export function max(a: Tensor, axis?: number, keepdims = false): Tensor {
  return reduce('max', maxRow, a, axis, keepdims, a?.dtype, false);
}
/**
 * Minimum over `axis` (NaN if any element is NaN); see {@link sum}.
 * @throws {TensorError} on an empty reduction.
 * @example `min(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 2]`
 */
export function min(a: Tensor, axis?: number, keepdims = false): Tensor {
  return reduce('min', minRow, a, axis, keepdims, a?.dtype, false);
}
/**
 * Index of the largest element along `axis` (over the flattened tensor when omitted), as float64
 * values; the first occurrence wins, and the first NaN wins over numbers.
 * @throws {TensorError} on an empty reduction.
 * @example `argmax(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 0]`
 */
export function argmax(a: Tensor, axis?: number): Tensor {
  return reduce('argmax', argmaxRow, a, axis, false, 'float64', false);
}
/**
 * Index of the smallest element along `axis`; see {@link argmax}.
 * @example `argmin(tensor([3, 1, 2])).item(); // 1`
 */
export function argmin(a: Tensor, axis?: number): Tensor {
  return reduce('argmin', argminRow, a, axis, false, 'float64', false);
}
