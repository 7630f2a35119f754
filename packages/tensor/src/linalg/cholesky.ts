import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { checkSymmetric, readSquare, toTensor } from './matrix.js';

/**
 * Cholesky factor of a symmetric positive-definite matrix: the lower-triangular L with L Lᵀ = A
 * and a positive diagonal. L_jj = sqrt(A_jj − Σ_{p<j} L_jp²), L_ij = (A_ij − Σ_{p<j} L_ip L_jp) / L_jj.
 * @param a `[n, n]` symmetric (to within 1e-8·max|a|) matrix.
 * @returns `[n, n]` float64 lower-triangular L.
 * @throws {TensorError} `cholesky: matrix is not positive definite; leading minor 2 has pivot -3`,
 *   or when `a` is not square, not symmetric, or has NaN/Infinity.
 * @example
 * ```ts
 * cholesky(tensor([[4, 2], [2, 3]])).toArray(); // [[2, 0], [1, 1.4142135623730951]]
 * ```
 */
export function cholesky(a: Tensor): Tensor {
  const mat = readSquare('cholesky', a);
  checkSymmetric('cholesky', mat);
  const n = mat.rows;
  const A = mat.data;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j] as number;
    for (let p = 0; p < j; p++) {
      const v = L[j * n + p] as number;
      d -= v * v;
    }
    if (!(d > 0)) {
      throw new TensorError(
        'cholesky',
        `matrix is not positive definite; leading minor ${j + 1} has pivot ${d}`,
      );
    }
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j] as number;
      for (let p = 0; p < j; p++) s -= (L[i * n + p] as number) * (L[j * n + p] as number);
      L[i * n + j] = s / ljj;
    }
  }
  return toTensor({ data: L, rows: n, cols: n });
}
