import { formatShape, TensorError } from './errors.js';

/** A tensor shape: the length of each axis, outermost first. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for the scalar shape `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides of a contiguous tensor with this shape. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

/** Throws unless every entry of `shape` is a non-negative safe integer. */
export function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape) && !ArrayBuffer.isView(shape)) {
    throw new TensorError(
      op,
      `shape must be an array of non-negative integers, got ${String(shape)}`,
    );
  }
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new TensorError(op, `shape must be non-negative integers; got ${formatShape(shape)}`);
    }
  }
}

/** True when two shapes are equal element by element. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The NumPy broadcast of two shapes: align trailing axes; each pair must be equal or one of them 1.
 * @throws {TensorError} `op: shapes cannot be broadcast together, got [2,3] and [4]`.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : (a[i - (n - a.length)] as number);
    const db = i < n - b.length ? 1 : (b[i - (n - b.length)] as number);
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new TensorError(
        op,
        `shapes cannot be broadcast together, got ${formatShape(a)} and ${formatShape(b)}`,
      );
    }
  }
  return out;
}

/**
 * Strides that read a tensor of shape `shape`/`strides` as if it had the (broadcast) shape `target`:
 * missing leading axes and axes of length 1 get stride 0.
 */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const n = target.length;
  const lead = n - shape.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (i < lead) out[i] = 0;
    else {
      const d = shape[i - lead] as number;
      out[i] = d === 1 && target[i] !== 1 ? 0 : (strides[i - lead] as number);
    }
  }
  return out;
}

/**
 * Resolves a possibly negative axis against `ndim`.
 * @throws {TensorError} when the axis is not an integer in [-ndim, ndim).
 */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new TensorError(
      op,
      `axis ${axis} is out of range for a tensor with ${ndim} dimensions; expected -${ndim} <= axis < ${ndim}`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}
