import { formatShape, TensorError } from './errors.js';
import { Tensor, type TypedArray } from './tensor.js';

/** Throws unless `a` is a Tensor. @internal */
export function assertTensor(op: string, a: unknown, name = 'a'): asserts a is Tensor {
  if (!(a instanceof Tensor)) {
    throw new TensorError(op, `${name} must be a Tensor, got ${a === null ? 'null' : typeof a}`);
  }
}

/** Throws unless `a` is a 2-D tensor. @internal */
export function assertMatrix(op: string, a: unknown, name = 'a'): asserts a is Tensor {
  assertTensor(op, a, name);
  if (a.ndim !== 2)
    throw new TensorError(op, `${name} must be a 2-D matrix; got shape ${formatShape(a.shape)}`);
}

/**
 * Throws a {@link TensorError} naming `op` (and the argument) when `a` holds NaN or ±Infinity.
 * @param op the operation to name in the message.
 * @param a a tensor or array-like of numbers.
 * @param name the argument name shown in the message (default `'input'`).
 * @throws {TensorError} `op: input contains NaN at flat index 3`.
 * @example
 * ```ts
 * assertFinite('fit', tensor([1, NaN])); // throws "fit: input contains NaN at flat index 1"
 * ```
 */
export function assertFinite(op: string, a: Tensor | ArrayLike<number>, name = 'input'): void {
  const data: ArrayLike<number> =
    a instanceof Tensor ? (a.isContiguous() ? a.data : a.toTypedArray()) : a;
  const start = a instanceof Tensor && a.isContiguous() ? a.offset : 0;
  const n = a instanceof Tensor ? a.size : data.length;
  for (let i = 0; i < n; i++) {
    const v = data[start + i] as number;
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (v - v !== 0) {
      const what = Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
      throw new TensorError(
        op,
        `${name} contains ${what} at flat index ${i}; expected finite values`,
      );
    }
  }
}

/** Contiguous float64 copy of a tensor's elements (row-major). @internal */
export function toFloat64(a: Tensor): Float64Array {
  const t: TypedArray = a.toTypedArray();
  return t instanceof Float64Array ? t : Float64Array.from(t);
}
