import type { Tensor } from '../tensor.js';
import { assertNonsingular, luFactor, luSolveInPlace } from './lu.js';
import { maxAbs, readRhs, readSquare, toTensor } from './matrix.js';

/**
 * Solves the square system A x = b by LU decomposition with partial pivoting.
 * @param a `[n, n]` matrix.
 * @param b `[n]` or `[n, k]` right-hand side(s).
 * @returns x with the shape of `b`, float64.
 * @throws {TensorError} `solve: singular matrix; ...` when a pivot is ≤ n·ε·max|A|; on shape
 *   mismatch (`solve: b must have shape [3] or [3,k] to match a [3,3], got [2]`); on NaN/Infinity.
 * @example
 * ```ts
 * solve(tensor([[2, 1], [1, 3]]), tensor([3, 5])).toArray(); // [0.8, 1.4]
 * ```
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  const mat = readSquare('solve', a);
  const { mat: rhs, vector } = readRhs('solve', b, mat.rows, a.shape);
  const scale = maxAbs(mat.data);
  const f = luFactor(mat);
  assertNonsingular('solve', f, scale);
  luSolveInPlace(f, rhs.data, rhs.cols);
  return toTensor(rhs, vector);
}
