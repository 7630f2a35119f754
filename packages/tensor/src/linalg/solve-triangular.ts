import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { readRhs, readSquare, toTensor } from './matrix.js';

/** Options of {@link solveTriangular}. */
export interface SolveTriangularOptions {
  /** Use the lower triangle of `a` (default true); false uses the upper triangle. The other triangle is ignored. */
  lower?: boolean;
  /** Solve Tᵀ x = b instead of T x = b (default false). */
  transpose?: boolean;
  /** Treat the diagonal as all ones without reading it (default false). */
  unitDiagonal?: boolean;
}

/**
 * Solves T x = b (or Tᵀ x = b) by forward or back substitution, where T is the lower (default) or
 * upper triangle of `a`.
 * @param a `[n, n]`; only the chosen triangle (and the diagonal unless `unitDiagonal`) is read.
 * @param b `[n]` or `[n, k]`.
 * @returns x with the shape of `b`, float64.
 * @throws {TensorError} `solveTriangular: singular matrix; diagonal entry 2 is 0` or on shape mismatch/NaN.
 * @example
 * ```ts
 * solveTriangular(tensor([[2, 0], [1, 1]]), tensor([4, 3])).toArray(); // [2, 1]
 * ```
 */
export function solveTriangular(
  a: Tensor,
  b: Tensor,
  options: SolveTriangularOptions = {},
): Tensor {
  const op = 'solveTriangular';
  const mat = readSquare(op, a);
  const { mat: rhs, vector } = readRhs(op, b, mat.rows, a.shape);
  const n = mat.rows;
  const p = rhs.cols;
  const lower = options.lower ?? true;
  const trans = options.transpose ?? false;
  const unit = options.unitDiagonal ?? false;
  const T = mat.data;
  const x = rhs.data;
  if (!unit) {
    for (let i = 0; i < n; i++) {
      if (T[i * n + i] === 0)
        throw new TensorError(op, `singular matrix; diagonal entry ${i} is 0`);
    }
  }
  // Element (i, j) of the effective triangular matrix, which is lower when lower !== trans.
  const at = trans
    ? (i: number, j: number) => T[j * n + i] as number
    : (i: number, j: number) => T[i * n + j] as number;
  const forward = lower !== trans;
  for (let s = 0; s < n; s++) {
    const i = forward ? s : n - 1 - s;
    const jStart = forward ? 0 : i + 1;
    const jEnd = forward ? i : n;
    for (let j = jStart; j < jEnd; j++) {
      const t = at(i, j);
      if (t === 0) continue;
      for (let c = 0; c < p; c++)
        x[i * p + c] = (x[i * p + c] as number) - t * (x[j * p + c] as number);
    }
    if (!unit) {
      const d = at(i, i);
      for (let c = 0; c < p; c++) x[i * p + c] = (x[i * p + c] as number) / d;
    }
  }
  return toTensor(rhs, vector);
}
