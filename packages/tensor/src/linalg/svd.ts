import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import {
  EPS,
  fromColMajor,
  type Mat,
  norm2,
  readMatrix,
  rotatePair,
  toColMajor,
  toTensor,
} from './matrix.js';

const MAX_SWEEPS = 80;

/** Thin SVD of a column-major m×n matrix with m ≥ n (one-sided Jacobi). @internal */
function jacobiSvd(
  u: Float64Array,
  m: number,
  n: number,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  // Columns whose norm is below ε·‖A‖_F are rounding noise of a rank-deficient A: rotating them
  // cannot make progress, so they are left alone (their singular value is ~0 anyway).
  const negligible = (EPS * norm2(u, 0, m * n)) ** 2;
  let converged = n < 2;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const up = u[p * m + i] as number;
          const uq = u[q * m + i] as number;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (
          gamma === 0 ||
          alpha <= negligible ||
          beta <= negligible ||
          Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)
        )
          continue;
        converged = false;
        // Rotation that makes columns p and q orthogonal (Hestenes / Demmel–Veselić).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotatePair(u, p * m, q * m, 1, m, c, s);
        rotatePair(v, p * n, q * n, 1, n, c, s);
      }
    }
  }
  if (!converged)
    throw new TensorError(
      'svd',
      `one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps for a [${m},${n}] matrix`,
    );
  const sv = new Float64Array(n);
  for (let j = 0; j < n; j++) sv[j] = norm2(u, j * m, (j + 1) * m);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (sv[j] as number) - (sv[i] as number),
  );
  const uo = new Float64Array(m * n);
  const vo = new Float64Array(n * n);
  const so = new Float64Array(n);
  const smax = sv[order[0] as number] as number;
  const tiny = Math.max(m, n) * EPS * smax;
  order.forEach((src, dst) => {
    const sj = sv[src] as number;
    so[dst] = sj;
    for (let i = 0; i < n; i++) vo[dst * n + i] = v[src * n + i] as number;
    if (sj > tiny && sj > 0)
      for (let i = 0; i < m; i++) uo[dst * m + i] = (u[src * m + i] as number) / sj;
    else completeColumn(uo, m, dst);
  });
  return { u: uo, s: so, v: vo };
}

/** Fills column `j` of the column-major m×? matrix with a unit vector orthogonal to columns 0..j-1. */
function completeColumn(u: Float64Array, m: number, j: number): void {
  for (let e = 0; e < m; e++) {
    const col = new Float64Array(m);
    col[e] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let c = 0; c < j; c++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += (u[c * m + i] as number) * (col[i] as number);
        for (let i = 0; i < m; i++) col[i] = (col[i] as number) - d * (u[c * m + i] as number);
      }
    }
    const nrm = norm2(col, 0, m);
    if (nrm > 0.5) {
      for (let i = 0; i < m; i++) u[j * m + i] = (col[i] as number) / nrm;
      return;
    }
  }
}

/**
 * Thin singular value decomposition A = U diag(s) Vᵀ by one-sided Jacobi rotations (accurate even
 * for small singular values; O(m·n²) per sweep, typically 6–10 sweeps, so meant for min(m, n) up to a
 * few hundred). With k = min(m, n): U is `[m, k]` with orthonormal columns, s is `[k]`
 * descending and ≥ 0, Vᵀ is `[k, n]` with orthonormal rows.
 * @param a `[m, n]` matrix.
 * @throws {TensorError} when `a` is not a non-empty finite 2-D matrix.
 * @example
 * ```ts
 * svd(tensor([[3, 0], [0, -4]])).s.toArray(); // [4, 3]
 * ```
 */
export function svd(a: Tensor): { u: Tensor; s: Tensor; vt: Tensor } {
  const mat = readMatrix('svd', a);
  const { rows: m, cols: n } = mat;
  if (m >= n) {
    const r = jacobiSvd(toColMajor(mat), m, n);
    // vt rows = columns of V, which are stored contiguously in r.v (column-major V).
    return {
      u: toTensor(fromColMajor(r.u, m, n)),
      s: vec(r.s),
      vt: toTensor({ data: r.v, rows: n, cols: n }),
    };
  }
  // Aᵀ = U' S V'ᵀ  ⇒  A = V' S U'ᵀ. The row-major data of A is the column-major data of Aᵀ.
  const r = jacobiSvd(mat.data.slice(), n, m);
  return {
    u: toTensor(fromColMajor(r.v, m, m)),
    s: vec(r.s),
    vt: toTensor({ data: r.u, rows: m, cols: n }),
  };
}

function vec(x: Float64Array): Tensor {
  return toTensor({ data: x, rows: x.length, cols: 1 } as Mat, true);
}

/**
 * 2-norm condition number σ_max / σ_min from the singular values (of the k = min(m, n) values).
 * Returns Infinity when σ_min is exactly 0.
 * @param a `[m, n]` matrix.
 * @throws {TensorError} when `a` is not a non-empty finite 2-D matrix.
 * @example
 * ```ts
 * cond(tensor([[1, 0], [0, 100]])); // 100
 * ```
 */
export function cond(a: Tensor): number {
  const s = svd(a).s.data;
  const smax = s[0] as number;
  const smin = s[s.length - 1] as number;
  if (smin === 0) return Infinity;
  return smax / smin;
}
