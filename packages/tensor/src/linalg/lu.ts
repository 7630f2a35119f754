import { TensorError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { EPS, type Mat, readSquare, toTensor } from './matrix.js';

/** A packed LU factorization with partial pivoting (internal form). @internal */
export interface LuFactors {
  lu: Mat;
  pivots: Int32Array;
  sign: number;
}

/** In-place LU with partial pivoting of a square row-major matrix. @internal */
export function luFactor(mat: Mat): LuFactors {
  const n = mat.rows;
  const a = mat.data;
  const pivots = new Int32Array(n);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (p !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j] as number;
        a[k * n + j] = a[p * n + j] as number;
        a[p * n + j] = t;
      }
    }
    const piv = a[k * n + k] as number;
    if (piv === 0) continue; // singular column; callers decide whether that is an error
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] as number) / piv;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++)
        a[i * n + j] = (a[i * n + j] as number) - l * (a[k * n + j] as number);
    }
  }
  return { lu: mat, pivots, sign };
}

/**
 * LU decomposition with partial pivoting: P A = L U, packed in one matrix (L below the diagonal
 * with an implicit unit diagonal, U on and above it).
 * `pivots[k]` is the row swapped with row k at step k (LAPACK `ipiv`, 0-based); `sign` is det(P) = ±1.
 * A singular matrix is factored without error (U then has a zero on its diagonal).
 * @param a `[n, n]` matrix.
 * @throws {TensorError} when `a` is not square or contains NaN/Infinity.
 * @example
 * ```ts
 * const { lu: packed, pivots, sign } = lu(tensor([[1, 2], [3, 4]]));
 * pivots; // Int32Array [1, 1]; sign -1
 * ```
 */
export function lu(a: Tensor): { lu: Tensor; pivots: Int32Array; sign: number } {
  const f = luFactor(readSquare('lu', a));
  return { lu: toTensor(f.lu), pivots: f.pivots, sign: f.sign };
}

/**
 * Throws `op: singular matrix` when some pivot |U_kk| ≤ n·ε·max|A| (exactly or numerically singular).
 * @internal
 */
export function assertNonsingular(op: string, f: LuFactors, scale: number): void {
  const n = f.lu.rows;
  const tol = n * EPS * scale;
  for (let k = 0; k < n; k++) {
    const u = Math.abs(f.lu.data[k * n + k] as number);
    if (u <= tol) {
      throw new TensorError(
        op,
        `singular matrix; pivot ${k} is ${u.toExponential(2)}, expected > ${tol.toExponential(2)} (n·eps·max|a|) for a [${n},${n}] matrix`,
      );
    }
  }
}

/** Solves A X = B in place in `b` (row-major n×p) given the LU factors of A. @internal */
export function luSolveInPlace(f: LuFactors, b: Float64Array, p: number): void {
  const n = f.lu.rows;
  const a = f.lu.data;
  for (let k = 0; k < n; k++) {
    const piv = f.pivots[k] as number;
    if (piv !== k) {
      for (let c = 0; c < p; c++) {
        const t = b[k * p + c] as number;
        b[k * p + c] = b[piv * p + c] as number;
        b[piv * p + c] = t;
      }
    }
  }
  // L y = P b (unit lower), then U x = y.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = a[i * n + j] as number;
      if (l === 0) continue;
      for (let c = 0; c < p; c++)
        b[i * p + c] = (b[i * p + c] as number) - l * (b[j * p + c] as number);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j] as number;
      if (u === 0) continue;
      for (let c = 0; c < p; c++)
        b[i * p + c] = (b[i * p + c] as number) - u * (b[j * p + c] as number);
    }
    const d = a[i * n + i] as number;
    for (let c = 0; c < p; c++) b[i * p + c] = (b[i * p + c] as number) / d;
  }
}
