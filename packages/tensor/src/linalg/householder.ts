import { EPS, norm2 } from './matrix.js';

/** Result of an in-place Householder QR of a column-major matrix. @internal */
export interface HouseholderQR {
  /** Column-major m×n: R on and above the diagonal, reflector vectors (implicit leading 1) below. */
  qr: Float64Array;
  tau: Float64Array;
  /** Column permutation: column j of the factored matrix is column perm[j] of the input. */
  perm: Int32Array;
  m: number;
  n: number;
  k: number;
}

/**
 * Householder QR (LAPACK dgeqrf/dgeqp3 style, unblocked) of the column-major m×n matrix `a`, in place.
 * With `pivot`, columns are chosen by largest remaining norm (Businger–Golub), with LAPACK's
 * norm-downdating safeguard. @internal
 */
export function householderQR(
  a: Float64Array,
  m: number,
  n: number,
  pivot: boolean,
): HouseholderQR {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  // Column norms for pivoting: current (vn1, null without pivoting) and at the last recomputation (vn2).
  const vn1 = pivot ? new Float64Array(n) : null;
  const vn2 = new Float64Array(n);
  if (vn1 !== null) {
    for (let j = 0; j < n; j++) {
      vn1[j] = norm2(a, j * m, (j + 1) * m);
      vn2[j] = vn1[j] as number;
    }
  }
  const tol3z = Math.sqrt(EPS);
  for (let j = 0; j < k; j++) {
    if (vn1 !== null) {
      let p = j;
      for (let c = j + 1; c < n; c++) if ((vn1[c] as number) > (vn1[p] as number)) p = c;
      // Swap columns p and j (a no-op when p = j).
      for (let i = 0; i < m; i++) {
        const t = a[p * m + i] as number;
        a[p * m + i] = a[j * m + i] as number;
        a[j * m + i] = t;
      }
      const tp = perm[p] as number;
      perm[p] = perm[j] as number;
      perm[j] = tp;
      vn1[p] = vn1[j] as number;
      vn2[p] = vn2[j] as number;
    }
    // Reflector for a[j:m, j] (dlarfg): H x = beta e1, H = I - tau v vᵀ, v0 = 1.
    const cj = j * m;
    const x0 = a[cj + j] as number;
    const tailNorm = norm2(a, cj + j + 1, cj + m);
    // A zero tail needs no reflection (H = I, τ stays 0 as in LAPACK's dlarfg).
    if (tailNorm !== 0) {
      const beta = -Math.sign(x0 || 1) * Math.hypot(x0, tailNorm);
      tau[j] = (beta - x0) / beta;
      const scale = 1 / (x0 - beta);
      for (let i = j + 1; i < m; i++) a[cj + i] = (a[cj + i] as number) * scale;
      a[cj + j] = beta;
      // H_j applied to the trailing columns j+1..n-1 (dlarf).
      applyReflector(a, cj, j, m, tau[j] as number, a, j + 1, n);
    }
    if (vn1 !== null) {
      for (let c = j + 1; c < n; c++) {
        const v1 = vn1[c] as number;
        if (v1 === 0) continue;
        let temp = Math.abs(a[c * m + j] as number) / v1;
        temp = Math.max(0, 1 - temp * temp);
        const ratio = v1 / (vn2[c] as number);
        if (temp * ratio * ratio <= tol3z) {
          vn1[c] = norm2(a, c * m + j + 1, (c + 1) * m);
          vn2[c] = vn1[c] as number;
        } else {
          vn1[c] = v1 * Math.sqrt(temp);
        }
      }
    }
  }
  return { qr: a, tau, perm, m, n, k };
}

/** Applies Qᵀ = H_{k-1}⋯H_0 to the column-major m×p matrix `b` in place. @internal */
export function applyQt(f: HouseholderQR, b: Float64Array, p: number): void {
  const { qr, tau, m, k } = f;
  for (let j = 0; j < k; j++) applyReflector(qr, j * m, j, m, tau[j] as number, b, 0, p);
}

/** Applies Q = H_0⋯H_{k-1} to the column-major m×p matrix `b` in place. @internal */
export function applyQ(f: HouseholderQR, b: Float64Array, p: number): void {
  const { qr, tau, m, k } = f;
  for (let j = k - 1; j >= 0; j--) applyReflector(qr, j * m, j, m, tau[j] as number, b, 0, p);
}

/**
 * Applies H = I − t·v·vᵀ (v = [1, qr[vOff+j+1 .. vOff+m)] on rows j..m−1) to columns
 * cStart..cEnd−1 of the column-major m-row matrix `b` (which may be `qr` itself, other columns).
 */
function applyReflector(
  qr: Float64Array,
  vOff: number,
  j: number,
  m: number,
  t: number,
  b: Float64Array,
  cStart: number,
  cEnd: number,
): void {
  if (t === 0) return;
  for (let c = cStart; c < cEnd; c++) {
    const bc = c * m;
    let s = b[bc + j] as number;
    for (let i = j + 1; i < m; i++) s += (qr[vOff + i] as number) * (b[bc + i] as number);
    s *= t;
    b[bc + j] = (b[bc + j] as number) - s;
    for (let i = j + 1; i < m; i++)
      b[bc + i] = (b[bc + i] as number) - s * (qr[vOff + i] as number);
  }
}
