import { formatShape, TensorError } from './errors.js';
import { contiguousStrides, type Shape, sizeOf } from './shape.js';

/** Element type of a tensor. `float64` is the default everywhere. */
export type DType = 'float64' | 'float32';
/** The typed arrays a tensor can be backed by. */
export type TypedArray = Float64Array | Float32Array;
/** A number or arbitrarily nested arrays of numbers (what `toArray` returns). */
export type NestedArray = number | readonly NestedArray[];

/** Allocates a zero-filled typed array of the given dtype. */
export function allocate(dtype: DType, n: number): TypedArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** The dtype of a typed array. */
export function dtypeOf(data: TypedArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * A dense n-dimensional array: a typed array `data` read through `shape`, `strides` and `offset`
 * (element `[i0, i1, ...]` lives at `data[offset + i0*strides[0] + i1*strides[1] + ...]`).
 *
 * Views (`transpose`, `slice`, `broadcastTo`, `reshape` of a contiguous tensor) share `data` with
 * their source: writing through one (`set`, an `out` argument) is visible through the other.
 *
 * @example
 * ```ts
 * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * t.get(1, 2); // 6
 * t.toArray(); // [[1, 2, 3], [4, 5, 6]]
 * ```
 */
export class Tensor {
  /** The backing buffer (possibly shared with other views). */
  readonly data: TypedArray;
  /** Length of each axis. */
  readonly shape: Shape;
  /** Step in `data` between consecutive indices along each axis (0 for broadcast axes). */
  readonly strides: Shape;
  /** Index in `data` of element `[0, 0, ...]`. */
  readonly offset: number;
  /** `'float64'` or `'float32'`, from the type of `data`. */
  readonly dtype: DType;
  private readonly numel: number;

  /**
   * Wraps a typed array without copying.
   * @param data Float64Array or Float32Array.
   * @param shape axis lengths; default `[data.length]`.
   * @param strides default row-major strides of `shape`.
   * @param offset default 0.
   * @throws {TensorError} when the shape, strides or offset reach outside `data`.
   */
  constructor(data: TypedArray, shape?: Shape, strides?: Shape, offset = 0) {
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new TensorError('Tensor', 'data must be a Float64Array or Float32Array');
    }
    const shp = shape === undefined ? [data.length] : Array.from(shape);
    for (const d of shp) {
      if (!Number.isSafeInteger(d) || d < 0)
        throw new TensorError(
          'Tensor',
          `shape must be non-negative integers, got ${formatShape(shp)}`,
        );
    }
    const str = strides === undefined ? contiguousStrides(shp) : Array.from(strides);
    if (str.length !== shp.length || str.some((s) => !Number.isSafeInteger(s))) {
      throw new TensorError(
        'Tensor',
        `strides must be ${shp.length} integers, got ${formatShape(str)}`,
      );
    }
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new TensorError('Tensor', `offset must be a non-negative integer, got ${offset}`);
    const numel = sizeOf(shp);
    if (numel > 0) {
      let lo = offset;
      let hi = offset;
      for (let i = 0; i < shp.length; i++) {
        const span = ((shp[i] as number) - 1) * (str[i] as number);
        if (span < 0) lo += span;
        else hi += span;
      }
      if (lo < 0 || hi >= data.length) {
        throw new TensorError(
          'Tensor',
          `shape ${formatShape(shp)} with strides ${formatShape(str)} and offset ${offset} reaches outside a buffer of length ${data.length}`,
        );
      }
    }
    this.data = data;
    this.shape = Object.freeze(shp);
    this.strides = Object.freeze(str);
    this.offset = offset;
    this.dtype = dtypeOf(data);
    this.numel = numel;
  }

  /** Number of elements (product of the shape; 1 for a scalar tensor). */
  get size(): number {
    return this.numel;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Index in `data` of an element, with bounds checks. */
  private index(op: string, index: readonly number[]): number {
    if (index.length !== this.shape.length) {
      throw new TensorError(
        op,
        `expected ${this.shape.length} indices for shape ${formatShape(this.shape)}, got ${index.length}`,
      );
    }
    let k = this.offset;
    for (let i = 0; i < index.length; i++) {
      const v = index[i] as number;
      const d = this.shape[i] as number;
      if (!Number.isInteger(v) || v < 0 || v >= d) {
        throw new TensorError(
          op,
          `index ${formatShape(index)} is out of bounds for shape ${formatShape(this.shape)}`,
        );
      }
      k += v * (this.strides[i] as number);
    }
    return k;
  }

  /**
   * The element at `index` (one integer per axis, each in 0..dim-1; negative indices are rejected).
   * @throws {TensorError} on a wrong number of indices or an index out of bounds.
   */
  get(...index: number[]): number {
    return this.data[this.index('get', index)] as number;
  }

  /**
   * Writes `value` at `index`. Mutates the underlying buffer, so every view sharing it sees the change.
   * @throws {TensorError} on a wrong number of indices or an index out of bounds.
   */
  set(value: number, ...index: number[]): void {
    this.data[this.index('set', index)] = value;
  }

  /** True when the elements are laid out row-major without gaps (axes of length 1 are ignored). */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i] as number;
      if (d === 0) return true;
      if (d !== 1 && this.strides[i] !== expected) return false;
      expected *= d;
    }
    return true;
  }

  /** The elements as nested JavaScript arrays (a plain number for a 0-d tensor). */
  toArray(): NestedArray {
    const flat = this.toTypedArray();
    if (this.shape.length === 0) return flat[0] as number;
    let pos = 0;
    const build = (axis: number): NestedArray[] => {
      const n = this.shape[axis] as number;
      const out: NestedArray[] = new Array(n);
      if (axis === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = flat[pos++] as number;
      } else {
        for (let i = 0; i < n; i++) out[i] = build(axis + 1);
      }
      return out;
    };
    return build(0);
  }

  /** A contiguous row-major copy of the elements, same dtype. */
  toTypedArray(): TypedArray {
    const n = this.size;
    if (this.isContiguous()) return this.data.slice(this.offset, this.offset + n);
    const out = allocate(this.dtype, n);
    copyStrided(this.data, this.offset, this.shape, this.strides, out);
    return out;
  }

  /**
   * The value of a single-element tensor.
   * @throws {TensorError} when the tensor does not have exactly one element.
   */
  item(): number {
    if (this.size !== 1)
      throw new TensorError(
        'item',
        `expected a tensor with one element, got shape ${formatShape(this.shape)}`,
      );
    return this.data[this.offset] as number;
  }

  /** A short description: `Tensor(float64 [2,3])`. */
  toString(): string {
    return `Tensor(${this.dtype} ${formatShape(this.shape)})`;
  }
}

/**
 * Copies the strided elements `src[offset + Σ i_k strides_k]` in row-major order into `dst` (from `dstOffset`).
 * @internal
 */
export function copyStrided(
  src: TypedArray,
  offset: number,
  shape: Shape,
  strides: Shape,
  dst: TypedArray | Float64Array,
  dstOffset = 0,
): void {
  const nd = shape.length;
  const n = sizeOf(shape);
  if (n === 0) return;
  if (nd === 0) {
    dst[dstOffset] = src[offset] as number;
    return;
  }
  const len = shape[nd - 1] as number;
  const st = strides[nd - 1] as number;
  const idx = new Array<number>(nd).fill(0);
  let o = offset;
  let d = dstOffset;
  const outer = n / len;
  for (let r = 0; r < outer; r++) {
    for (let j = 0; j < len; j++) dst[d++] = src[o + j * st] as number;
    for (let ax = nd - 2; ax >= 0; ax--) {
      const s = strides[ax] as number;
      idx[ax] = (idx[ax] as number) + 1;
      o += s;
      if ((idx[ax] as number) < (shape[ax] as number)) break;
      o -= s * (shape[ax] as number);
      idx[ax] = 0;
    }
  }
}
