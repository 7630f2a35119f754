import type { Tensor } from '../tensor.js';
import { assertNonsingular, luFactor, luSolveInPlace } from './lu.js';
import { maxAbs, readSquare, toTensor } from './matrix.js';

/**
 * Matrix inverse by LU with partial pivoting (solves A X = I).
 * Prefer {@link solve} for A⁻¹ b: it is cheaper and more accurate.
 * @param a `[n, n]`.
 * @returns `[n, n]` float64 A⁻¹.
 * @throws {TensorError} `inv: singular matrix; ...`, or when `a` is not square / not finite.
 * @example
 * ```ts
 * inv(tensor([[4, 7], [2, 6]])).toArray(); // [[0.6, -0.7], [-0.2, 0.4]]
 * ```
 */
export function inv(a: Tensor): Tensor {
  const mat = readSquare('inv', a);
  const n = mat.rows;
  const scale = maxAbs(mat.data);
  const f = luFactor(mat);
  assertNonsingular('inv', f, scale);
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  luSolveInPlace(f, x, n);
  return toTensor({ data: x, rows: n, cols: n });
}
