/**
 * Specialised least squares for polynomial fitting: Householder QR (unpivoted, LAPACK dgeqr2
 * style) of a column-major, well-scaled design matrix built in place, applied to the right-hand
 * side as it goes, then back substitution. It exists because the general `lstsq` of
 * @termgrad/tensor (column pivoting, scaling, residual pass) costs ~3× more on the tall-skinny
 * [100 000, 6] Vandermonde problem; callers fall back to `lstsq` when this reports rank deficiency.
 * The columns are powers of u ∈ [−1, 1] (plus √λ·T penalty rows), so no pivoting or column
 * scaling is needed for stability. Never forms XᵀX. @internal
 */
export function householderLeastSquares(
  a: Float64Array,
  b: Float64Array,
  m: number,
  p: number,
): Float64Array | null {
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const cj = j * m;
    // Norm of a[j:m, j]; entries are O(1) so the plain sum of squares cannot overflow.
    let ss = 0;
    for (let i = j + 1; i < m; i++) ss += a[cj + i]! * a[cj + i]!;
    const x0 = a[cj + j]!;
    if (ss === 0) {
      diag[j] = x0;
      continue; // already triangular in this column: H = I
    }
    const beta = -(x0 >= 0 ? 1 : -1) * Math.sqrt(x0 * x0 + ss);
    const tau = (beta - x0) / beta;
    const scale = 1 / (x0 - beta);
    for (let i = j + 1; i < m; i++) a[cj + i] = a[cj + i]! * scale;
    a[cj + j] = beta;
    diag[j] = beta;
    for (let c = j + 1; c <= p; c++) {
      // Column c of A, or b itself for c = p.
      const col = c < p ? a : b;
      const cc = c < p ? c * m : 0;
      let s = col[cc + j]!;
      for (let i = j + 1; i < m; i++) s += a[cj + i]! * col[cc + i]!;
      s *= tau;
      col[cc + j] = col[cc + j]! - s;
      for (let i = j + 1; i < m; i++) col[cc + i] = col[cc + i]! - s * a[cj + i]!;
    }
  }
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, Math.abs(diag[j]!));
  const tolerance = Math.max(m, p) * 2.220446049250313e-16 * maxDiag;
  for (let j = 0; j < p; j++) if (!(Math.abs(diag[j]!) > tolerance)) return null; // rank deficient
  const x = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let k = j + 1; k < p; k++) s -= a[k * m + j]! * x[k]!;
    x[j] = s / a[j * m + j]!;
  }
  return x;
}
