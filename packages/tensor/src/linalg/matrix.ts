import { formatShape, TensorError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { assertFinite, assertMatrix, toFloat64 } from '../validate.js';

/** A dense float64 matrix in row-major order. @internal */
export interface Mat {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Validated float64 row-major copy of a 2-D tensor: non-empty and finite. @internal */
export function readMatrix(op: string, a: unknown, name = 'a'): Mat {
  assertMatrix(op, a, name);
  const [rows, cols] = a.shape as [number, number];
  if (rows === 0 || cols === 0)
    throw new TensorError(op, `${name} must be non-empty; got shape ${formatShape(a.shape)}`);
  const data = toFloat64(a);
  assertFinite(op, data, name);
  return { data, rows, cols };
}

/** Like {@link readMatrix} but requires a square matrix. @internal */
export function readSquare(op: string, a: unknown, name = 'a'): Mat {
  const m = readMatrix(op, a, name);
  if (m.rows !== m.cols)
    throw new TensorError(op, `${name} must be square; got shape [${m.rows},${m.cols}]`);
  return m;
}

/**
 * Reads a right-hand side `b` of shape `[n]` or `[n, k]` for a system with `n` rows, as a
 * row-major float64 `[n, k]` matrix. @internal
 */
export function readRhs(
  op: string,
  b: unknown,
  n: number,
  aShape: readonly number[],
): { mat: Mat; vector: boolean } {
  if (!(b instanceof Tensor)) throw new TensorError(op, `b must be a Tensor, got ${typeof b}`);
  if ((b.ndim !== 1 && b.ndim !== 2) || b.shape[0] !== n) {
    throw new TensorError(
      op,
      `b must have shape [${n}] or [${n},k] to match a ${formatShape(aShape)}, got ${formatShape(b.shape)}`,
    );
  }
  const data = toFloat64(b);
  assertFinite(op, data, 'b');
  const cols = b.ndim === 1 ? 1 : (b.shape[1] as number);
  return { mat: { data, rows: n, cols }, vector: b.ndim === 1 };
}

/** Wraps a row-major float64 matrix (or vector when `vector`) as a Tensor. @internal */
export function toTensor(m: Mat, vector = false): Tensor {
  return new Tensor(m.data, vector ? [m.rows] : [m.rows, m.cols]);
}

/** Row-major → column-major copy. @internal */
export function toColMajor(m: Mat): Float64Array {
  const { data, rows, cols } = m;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j] as number;
  return out;
}

/** Column-major → row-major copy. @internal */
export function fromColMajor(col: Float64Array, rows: number, cols: number): Mat {
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++)
    for (let i = 0; i < rows; i++) data[i * cols + j] = col[j * rows + i] as number;
  return { data, rows, cols };
}

/** Euclidean norm of x[start..end) with scaling to avoid overflow/underflow. @internal */
export function norm2(x: Float64Array, start: number, end: number): number {
  let ss = 0;
  for (let i = start; i < end; i++) {
    const v = x[i] as number;
    ss += v * v;
  }
  if (ss > 1e-290 && ss < 1e290) return Math.sqrt(ss);
  let scale = 0;
  for (let i = start; i < end; i++) scale = Math.max(scale, Math.abs(x[i] as number));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  ss = 0;
  for (let i = start; i < end; i++) {
    const v = (x[i] as number) / scale;
    ss += v * v;
  }
  return scale * Math.sqrt(ss);
}

/**
 * Plane (Givens/Jacobi) rotation of two strided vectors of `count` entries in `x`, starting at
 * `pOff` and `qOff`, `stride` apart: x_p ← c·x_p − s·x_q, x_q ← s·x_p + c·x_q (eigh, svd). @internal
 */
export function rotatePair(
  x: Float64Array,
  pOff: number,
  qOff: number,
  stride: number,
  count: number,
  c: number,
  s: number,
): void {
  for (let k = 0, ip = pOff, iq = qOff; k < count; k++, ip += stride, iq += stride) {
    const xp = x[ip] as number;
    const xq = x[iq] as number;
    x[ip] = c * xp - s * xq;
    x[iq] = s * xp + c * xq;
  }
}

/** Largest absolute entry. @internal */
export function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i] as number);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Throws unless the square row-major matrix is symmetric to within 1e-8·max|a| (a relative
 * tolerance that absorbs rounding in computed covariances but rejects genuinely asymmetric input).
 * @internal
 */
export function checkSymmetric(op: string, m: Mat): void {
  const n = m.rows;
  const tol = 1e-8 * maxAbs(m.data);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs((m.data[i * n + j] as number) - (m.data[j * n + i] as number));
      if (d > tol) {
        throw new TensorError(
          op,
          `matrix must be symmetric; a[${i},${j}] and a[${j},${i}] differ by ${d.toExponential(2)}`,
        );
      }
    }
  }
}

/** Machine epsilon of float64. @internal */
export const EPS = 2.220446049250313e-16;
