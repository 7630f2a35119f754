import { TensorError } from '../errors.js';
import { pairwiseSum } from '../pairwise-sum.js';
import type { Tensor } from '../tensor.js';
import { applyQt, householderQR } from './householder.js';
import { EPS, norm2, readMatrix, readRhs, toTensor } from './matrix.js';

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Relative rank threshold: diagonal entries of R with |R_jj| ≤ rcond·|R_00| (after column scaling
   * and pivoting) count as zero. Default `max(m, n)·ε` ≈ 2.2e-16·max(m, n), as in NumPy.
   */
  rcond?: number;
}

/** Result of {@link lstsq}. */
export interface LstsqResult {
  /** Solution, `[n]` or `[n, k]` like `b`. */
  x: Tensor;
  /** Numerical rank of `a`. */
  rank: number;
  /** True when rank < n (columns linearly dependent to within rcond). */
  rankDeficient: boolean;
  /** ‖A x − b‖² summed over the columns of b, computed from the original A and b. */
  residual: number;
}

/**
 * Least-squares solution of A x ≈ b: minimises ‖A x − b‖₂.
 *
 * Method: scale each column of A to unit 2-norm (so polynomial or mixed-unit features are
 * comparable), Householder QR with column pivoting A D⁻¹ P = Q R, rank = number of |R_jj| above
 * rcond·|R_00|; then x = D⁻¹ P R⁻¹ Qᵀ b. When rank < n the trailing columns of R are folded in by
 * a complete orthogonal decomposition, giving the minimum-norm solution in the column-scaled
 * variables. Never forms AᵀA (normal equations square the condition number).
 *
 * @param a `[m, n]` design matrix (any m, n ≥ 1).
 * @param b `[m]` or `[m, k]` targets.
 * @throws {TensorError} on shape mismatch (`lstsq: b must have shape [10] or [10,k] to match a [10,3], got [9]`),
 *   NaN/Infinity in a or b, or a bad rcond.
 * @example
 * ```ts
 * const a = tensor([[1, 0], [1, 1], [1, 2]]);
 * lstsq(a, tensor([1, 3, 5])).x.toArray(); // ≈ [1, 2]  (y = 1 + 2t)
 * ```
 */
export function lstsq(a: Tensor, b: Tensor, options: LstsqOptions = {}): LstsqResult {
  const op = 'lstsq';
  const mat = readMatrix(op, a);
  const { rows: m, cols: n } = mat;
  const { mat: rhs, vector } = readRhs(op, b, m, a.shape);
  const rcond = options.rcond ?? Math.max(m, n) * EPS;
  if (!(rcond >= 0) || !Number.isFinite(rcond))
    throw new TensorError(op, `rcond must be a finite number >= 0, got ${rcond}`);
  const p = rhs.cols;

  // Column-major scaled copy of A.
  const A = mat.data;
  const scale = new Float64Array(n);
  const ac = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) ac[j * m + i] = A[i * n + j] as number;
    const s = norm2(ac, j * m, (j + 1) * m);
    scale[j] = s > 0 ? s : 1;
    const inv = 1 / (scale[j] as number);
    for (let i = 0; i < m; i++) ac[j * m + i] = (ac[j * m + i] as number) * inv;
  }
  const f = householderQR(ac, m, n, true);
  const k = f.k;
  const r00 = Math.abs(ac[0] as number);
  let rank = 0;
  while (rank < k && Math.abs(ac[rank * m + rank] as number) > rcond * r00) rank++;

  // c = Qᵀ b (column-major m×p).
  const bc = new Float64Array(m * p);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < p; c++) bc[c * m + i] = rhs.data[i * p + c] as number;
  applyQt(f, bc, p);

  // Fold R12 into R11 (RZ / complete orthogonal decomposition) when rank < n.
  const r = rank;
  const zTau = new Float64Array(r);
  if (r < n) {
    for (let i = r - 1; i >= 0; i--) {
      const x0 = ac[i * m + i] as number;
      let ss = 0;
      for (let c = r; c < n; c++) ss += (ac[c * m + i] as number) ** 2;
      if (ss === 0) continue;
      const beta = -Math.sign(x0 || 1) * Math.hypot(x0, Math.sqrt(ss));
      const t = (beta - x0) / beta;
      zTau[i] = t;
      const inv = 1 / (x0 - beta);
      for (let c = r; c < n; c++) ac[c * m + i] = (ac[c * m + i] as number) * inv;
      ac[i * m + i] = beta;
      // Apply H = I − t w wᵀ (w = e_i + Σ v_c e_c) from the right to rows 0..i-1.
      for (let l = 0; l < i; l++) {
        let s = ac[i * m + l] as number;
        for (let c = r; c < n; c++) s += (ac[c * m + i] as number) * (ac[c * m + l] as number);
        s *= t;
        ac[i * m + l] = (ac[i * m + l] as number) - s;
        for (let c = r; c < n; c++)
          ac[c * m + l] = (ac[c * m + l] as number) - s * (ac[c * m + i] as number);
      }
    }
  }

  // y = T⁻¹ c[0:r], padded with zeros to n, then x_perm = H_{r-1}⋯H_0 y (H_i acts on entries i, r..n-1).
  const xs = new Float64Array(n * p);
  for (let c = 0; c < p; c++) {
    const y = new Float64Array(n);
    for (let i = r - 1; i >= 0; i--) {
      let s = bc[c * m + i] as number;
      for (let j = i + 1; j < r; j++) s -= (ac[j * m + i] as number) * (y[j] as number);
      y[i] = s / (ac[i * m + i] as number);
    }
    if (r < n) {
      for (let i = 0; i < r; i++) {
        const t = zTau[i] as number;
        if (t === 0) continue;
        let s = y[i] as number;
        for (let cc = r; cc < n; cc++) s += (ac[cc * m + i] as number) * (y[cc] as number);
        s *= t;
        y[i] = (y[i] as number) - s;
        for (let cc = r; cc < n; cc++) y[cc] = (y[cc] as number) - s * (ac[cc * m + i] as number);
      }
    }
    for (let j = 0; j < n; j++) {
      const orig = f.perm[j] as number;
      xs[orig * p + c] = (y[j] as number) / (scale[orig] as number);
    }
  }

  // Residual from the original data: Σ_c Σ_i (A x − b)_ic².
  const res = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < p; c++) {
      let s = -(rhs.data[i * p + c] as number);
      for (let j = 0; j < n; j++) s += (A[i * n + j] as number) * (xs[j * p + c] as number);
      res[i * p + c] = s * s;
    }
  }
  return {
    x: toTensor({ data: xs, rows: n, cols: p }, vector),
    rank,
    rankDeficient: rank < n,
    residual: pairwiseSum(res),
  };
}
