import type { Tensor } from '../tensor.js';
import { luFactor } from './lu.js';
import { readSquare } from './matrix.js';

/**
 * Determinant by LU: det(A) = sign(P) Π U_kk. A singular matrix gives 0 (or a tiny number from rounding).
 * For large or badly scaled matrices use {@link logdet}, which cannot overflow.
 * @param a `[n, n]`.
 * @throws {TensorError} when `a` is not square or contains NaN/Infinity.
 * @example
 * ```ts
 * det(tensor([[1, 2], [3, 4]])); // -2
 * ```
 */
export function det(a: Tensor): number {
  const f = luFactor(readSquare('det', a));
  const n = f.lu.rows;
  let d = f.sign;
  for (let k = 0; k < n; k++) d *= f.lu.data[k * n + k] as number;
  return d === 0 ? 0 : d; // no -0
}

/**
 * Sign and natural log of |det(A)|, by LU: log|det A| = Σ log|U_kk|, so det A = sign·exp(logAbsDet).
 * For a singular matrix (an exactly zero pivot) returns `{ sign: 0, logAbsDet: -Infinity }` (NumPy's `slogdet`).
 * @param a `[n, n]`.
 * @throws {TensorError} when `a` is not square or contains NaN/Infinity.
 * @example
 * ```ts
 * logdet(tensor([[2, 0], [0, 3]])); // { sign: 1, logAbsDet: 1.791759469228055 }  (log 6)
 * ```
 */
export function logdet(a: Tensor): { sign: number; logAbsDet: number } {
  const f = luFactor(readSquare('logdet', a));
  const n = f.lu.rows;
  let sign = f.sign;
  let logAbsDet = 0;
  for (let k = 0; k < n; k++) {
    const u = f.lu.data[k * n + k] as number;
    if (u === 0) return { sign: 0, logAbsDet: -Infinity };
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}
