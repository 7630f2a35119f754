import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { checkSymmetric, EPS, readSquare, rotatePair, toTensor } from './matrix.js';

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method: A = V diag(λ) Vᵀ with
 * orthonormal V. Each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal
 * mass is below ε² of the total (accurate to working precision; O(n³) per sweep and typically
 * 6–10 sweeps, so meant for n up to a few hundred).
 * @param a `[n, n]` symmetric matrix (to within 1e-8·max|a|; the average of a and aᵀ is used).
 * @returns `values` `[n]` ascending and `vectors` `[n, n]` with the eigenvector of values[j] in column j.
 * @throws {TensorError} when `a` is not square, not symmetric, has NaN/Infinity, or fails to converge.
 * @example
 * ```ts
 * eigh(tensor([[2, 1], [1, 2]])).values.toArray(); // [1, 3]
 * ```
 */
export function eigh(a: Tensor): { values: Tensor; vectors: Tensor } {
  const mat = readSquare('eigh', a);
  checkSymmetric('eigh', mat);
  const n = mat.rows;
  const A = mat.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * ((A[i * n + j] as number) + (A[j * n + i] as number));
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let converged = n < 2;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = (A[i * n + j] as number) ** 2;
        total += v;
        if (i !== j) off += v;
      }
    }
    if (off <= EPS * EPS * total) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q] as number;
        if (apq === 0) continue;
        const app = A[p * n + p] as number;
        const aqq = A[q * n + q] as number;
        // Golub & Van Loan sym.schur2: J = [[c, s], [-s, c]] makes (Jᵀ A J)_pq = 0.
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotatePair(A, p, q, n, n, c, s); // columns p, q: A J
        rotatePair(A, p * n, q * n, 1, n, c, s); // rows p, q: Jᵀ (A J)
        A[p * n + q] = 0;
        A[q * n + p] = 0;
        rotatePair(V, p, q, n, n, c, s); // V J
      }
    }
  }
  if (!converged)
    throw new TensorError(
      'eigh',
      `Jacobi iteration did not converge in ${MAX_SWEEPS} sweeps for a [${n},${n}] matrix`,
    );
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (A[i * n + i] as number) - (A[j * n + j] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src] as number;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src] as number;
  });
  return {
    values: toTensor({ data: values, rows: n, cols: 1 }, true),
    vectors: toTensor({ data: vectors, rows: n, cols: n }),
  };
}
