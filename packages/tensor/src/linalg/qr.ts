import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { applyQ, householderQR } from './householder.js';
import { fromColMajor, readMatrix, toColMajor, toTensor } from './matrix.js';

/** Options of {@link qr}. */
export interface QrOptions {
  /** `'reduced'` (default): Q is [m, k], R is [k, n] with k = min(m, n). `'complete'`: Q is [m, m], R is [m, n]. */
  mode?: 'reduced' | 'complete';
}

/**
 * QR decomposition by Householder reflections: A = Q R with Q having orthonormal columns and R
 * upper triangular. The diagonal of R is made non-negative (so the factorization is unique for
 * full-rank A).
 * @param a `[m, n]` matrix (float32 or float64; computed in float64).
 * @returns `q` `[m, k]` and `r` `[k, n]` (reduced) or `[m, m]` and `[m, n]` (complete), float64.
 * @throws {TensorError} when `a` is not a non-empty finite 2-D matrix or the mode is unknown.
 * @example
 * ```ts
 * const { q, r } = qr(tensor([[3, 1], [4, 2]]));
 * r.get(0, 0); // 5
 * ```
 */
export function qr(a: Tensor, options: QrOptions = {}): { q: Tensor; r: Tensor } {
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new TensorError(
      'qr',
      `unknown mode; expected 'reduced' or 'complete', got ${String(mode)}`,
    );
  }
  const mat = readMatrix('qr', a);
  const { rows: m, cols: n } = mat;
  const f = householderQR(toColMajor(mat), m, n, false);
  const k = f.k;
  const qCols = mode === 'complete' ? m : k;
  const rRows = mode === 'complete' ? m : k;
  // Q = H_0⋯H_{k-1} applied to the first qCols columns of the identity.
  const qc = new Float64Array(m * qCols);
  for (let j = 0; j < qCols; j++) qc[j * m + j] = 1;
  applyQ(f, qc, qCols);
  const q = fromColMajor(qc, m, qCols);
  const r = new Float64Array(rRows * n);
  for (let i = 0; i < Math.min(rRows, k); i++)
    for (let j = i; j < n; j++) r[i * n + j] = f.qr[j * m + i] as number;
  // Flip signs so that diag(R) >= 0: A = (Q D)(D R) with D = diag(±1).
  for (let i = 0; i < k; i++) {
    if ((r[i * n + i] as number) < 0) {
      for (let j = i; j < n; j++) r[i * n + j] = -(r[i * n + j] as number);
      for (let row = 0; row < m; row++)
        q.data[row * qCols + i] = -(q.data[row * qCols + i] as number);
    }
  }
  return { q: toTensor(q), r: toTensor({ data: r, rows: rRows, cols: n }) };
}
