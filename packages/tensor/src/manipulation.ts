import { formatShape, TensorError } from './errors.js';
import {
  broadcastShapes,
  broadcastStrides,
  checkShape,
  normalizeAxis,
  type Shape,
  sameShape,
  sizeOf,
} from './shape.js';
import { allocate, copyStrided, type DType, Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/**
 * Permutes the axes; a VIEW that shares memory with `a`. Default reverses the axes (matrix transpose).
 * @param axes a permutation of 0..ndim-1 (negative values allowed).
 * @throws {TensorError} when `axes` is not a permutation.
 * @example
 * ```ts
 * transpose(tensor([[1, 2, 3]])).shape; // [3, 1]
 * ```
 */
export function transpose(a: Tensor, axes?: readonly number[]): Tensor {
  assertTensor('transpose', a);
  const nd = a.ndim;
  const perm =
    axes === undefined
      ? Array.from({ length: nd }, (_, i) => nd - 1 - i)
      : axes.map((x) => normalizeAxis('transpose', x, nd));
  if (perm.length !== nd || new Set(perm).size !== nd) {
    throw new TensorError(
      'transpose',
      `axes must be a permutation of 0..${nd - 1}, got ${formatShape(axes ?? [])}`,
    );
  }
  return new Tensor(
    a.data,
    perm.map((p) => a.shape[p] as number),
    perm.map((p) => a.strides[p] as number),
    a.offset,
  );
}

/**
 * A contiguous tensor with the same elements: `a` itself if already contiguous, else a row-major copy.
 */
export function contiguous(a: Tensor): Tensor {
  assertTensor('contiguous', a);
  if (a.isContiguous()) return a;
  return new Tensor(a.toTypedArray(), a.shape);
}

/**
 * Gives the elements a new shape (row-major order). A VIEW when `a` is contiguous, else a copy.
 * One entry may be -1 and is inferred.
 * @throws {TensorError} when the sizes differ: `reshape: cannot reshape [2,3] into [4]`.
 * @example
 * ```ts
 * reshape(arange(6), [2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  assertTensor('reshape', a);
  const target = Array.from(shape);
  const free = target.indexOf(-1);
  if (free >= 0) {
    if (target.indexOf(-1, free + 1) >= 0)
      throw new TensorError('reshape', `only one -1 allowed, got ${formatShape(shape)}`);
    const known = target.reduce((p, d, i) => (i === free ? p : p * d), 1);
    if (known === 0 || a.size % known !== 0) {
      throw new TensorError(
        'reshape',
        `cannot reshape ${formatShape(a.shape)} into ${formatShape(shape)}`,
      );
    }
    target[free] = a.size / known;
  }
  checkShape('reshape', target);
  if (sizeOf(target) !== a.size) {
    throw new TensorError(
      'reshape',
      `cannot reshape ${formatShape(a.shape)} into ${formatShape(shape)}; sizes ${a.size} and ${sizeOf(target)} differ`,
    );
  }
  if (a.isContiguous()) return new Tensor(a.data, target, undefined, a.offset);
  return new Tensor(a.toTypedArray(), target);
}

/**
 * Rows `start..end-1` along `axis`; a VIEW sharing memory with `a`. Negative start/end count from the end.
 * @param end default: the axis length.
 * @param axis default 0.
 * @throws {TensorError} when the range is out of bounds.
 * @example
 * ```ts
 * slice(tensor([[1, 2], [3, 4], [5, 6]]), 1).toArray(); // [[3, 4], [5, 6]]
 * ```
 */
export function slice(a: Tensor, start: number, end?: number, axis = 0): Tensor {
  assertTensor('slice', a);
  const ax = normalizeAxis('slice', axis, a.ndim);
  const n = a.shape[ax] as number;
  const s = start < 0 ? start + n : start;
  const e = end === undefined ? n : end < 0 ? end + n : end;
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > n || s > e) {
    throw new TensorError(
      'slice',
      `range ${start}..${end ?? n} is out of bounds for axis ${ax} of shape ${formatShape(a.shape)}`,
    );
  }
  const shape = Array.from(a.shape);
  shape[ax] = e - s;
  const offset = e > s ? a.offset + s * (a.strides[ax] as number) : a.offset;
  return new Tensor(a.data, shape, a.strides, offset);
}

/**
 * Gathers the given indices along `axis` into a new tensor (a copy). Negative indices count from the end.
 * @param indices integers in [-len, len).
 * @throws {TensorError} on an index out of bounds.
 * @example
 * ```ts
 * take(tensor([10, 20, 30]), [2, 0]).toArray(); // [30, 10]
 * ```
 */
export function take(a: Tensor, indices: ArrayLike<number>, axis = 0): Tensor {
  assertTensor('take', a);
  const ax = normalizeAxis('take', axis, a.ndim);
  const n = a.shape[ax] as number;
  const k = indices.length;
  const shape = Array.from(a.shape);
  shape[ax] = k;
  const out = allocate(a.dtype, sizeOf(shape));
  // Copy each selected hyper-row: view with the axis fixed, then scatter into the output.
  const inner = sizeOf(a.shape.slice(ax + 1));
  const outer = sizeOf(a.shape.slice(0, ax));
  const subShape = [...a.shape.slice(0, ax), ...a.shape.slice(ax + 1)];
  const subStrides = [...a.strides.slice(0, ax), ...a.strides.slice(ax + 1)];
  const tmp = allocate(a.dtype, outer * inner);
  for (let t = 0; t < k; t++) {
    let idx = indices[t] as number;
    if (idx < 0) idx += n;
    if (!Number.isInteger(idx) || idx < 0 || idx >= n) {
      throw new TensorError(
        'take',
        `index ${indices[t]} is out of bounds for axis ${ax} with length ${n}`,
      );
    }
    copyStrided(a.data, a.offset + idx * (a.strides[ax] as number), subShape, subStrides, tmp);
    for (let o = 0; o < outer; o++) {
      out.set(tmp.subarray(o * inner, (o + 1) * inner), (o * k + t) * inner);
    }
  }
  return new Tensor(out, shape);
}

/**
 * Joins tensors along an existing axis (a copy). All other axes must match; the result dtype is
 * float32 only if every input is float32.
 * @throws {TensorError} on an empty list or mismatched shapes.
 * @example
 * ```ts
 * concat([zeros([1, 2]), ones([2, 2])]).shape; // [3, 2]
 * ```
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new TensorError('concat', 'expected at least one tensor, got none');
  tensors.forEach((t, i) => assertTensor('concat', t, `tensors[${i}]`));
  const first = tensors[0] as Tensor;
  if (first.ndim === 0)
    throw new TensorError('concat', 'cannot concatenate 0-d tensors; use stack');
  const ax = normalizeAxis('concat', axis, first.ndim);
  let total = 0;
  for (const t of tensors) {
    const same =
      t.ndim === first.ndim &&
      t.shape.every((d: number, i: number) => i === ax || d === first.shape[i]);
    if (!same) {
      throw new TensorError(
        'concat',
        `shapes must match except on axis ${ax}, got ${formatShape(first.shape)} and ${formatShape(t.shape)}`,
      );
    }
    total += t.shape[ax] as number;
  }
  const dtype: DType = tensors.every((t) => t.dtype === 'float32') ? 'float32' : 'float64';
  const shape = Array.from(first.shape);
  shape[ax] = total;
  const out = allocate(dtype, sizeOf(shape));
  const outer = sizeOf(first.shape.slice(0, ax));
  const innerOut = total * sizeOf(first.shape.slice(ax + 1));
  let pos = 0;
  for (const t of tensors) {
    const flat = t.toTypedArray();
    const chunk = t.size / Math.max(outer, 1);
    if (outer > 0)
      for (let o = 0; o < outer; o++)
        out.set(flat.subarray(o * chunk, (o + 1) * chunk), o * innerOut + pos);
    pos += chunk;
  }
  return new Tensor(out, shape);
}

/**
 * Joins same-shape tensors along a new axis (a copy).
 * @throws {TensorError} on an empty list or different shapes.
 * @example
 * ```ts
 * stack([tensor([1, 2]), tensor([3, 4])]).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new TensorError('stack', 'expected at least one tensor, got none');
  tensors.forEach((t, i) => assertTensor('stack', t, `tensors[${i}]`));
  const first = tensors[0] as Tensor;
  for (const t of tensors) {
    if (!sameShape(t.shape, first.shape)) {
      throw new TensorError(
        'stack',
        `all tensors must have the same shape, got ${formatShape(first.shape)} and ${formatShape(t.shape)}`,
      );
    }
  }
  const ax = normalizeAxis('stack', axis, first.ndim + 1);
  const expanded = tensors.map((t) => {
    const shape = [...t.shape.slice(0, ax), 1, ...t.shape.slice(ax)];
    const strides = [...t.strides.slice(0, ax), 0, ...t.strides.slice(ax)];
    return new Tensor(t.data, shape, strides, t.offset);
  });
  return concat(expanded, ax);
}

/**
 * Reads `a` as if it had the larger `shape` (NumPy broadcasting); a VIEW with zero strides on the
 * repeated axes. Writing through it writes the shared elements.
 * @throws {TensorError} when `a` cannot be broadcast to `shape`.
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2]), [3, 2]).toArray(); // [[1, 2], [1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(a: Tensor, shape: Shape): Tensor {
  assertTensor('broadcastTo', a);
  checkShape('broadcastTo', shape);
  const b = broadcastShapes('broadcastTo', a.shape, shape);
  if (!sameShape(b, shape)) {
    throw new TensorError(
      'broadcastTo',
      `cannot broadcast ${formatShape(a.shape)} to ${formatShape(shape)}`,
    );
  }
  return new Tensor(a.data, shape, broadcastStrides(a.shape, a.strides, shape), a.offset);
}

/**
 * A copy converted to `dtype` (float64 → float32 rounds to nearest).
 * @example
 * ```ts
 * astype(tensor([1.5]), 'float32').dtype; // 'float32'
 * ```
 */
export function astype(a: Tensor, dtype: DType): Tensor {
  assertTensor('astype', a);
  if (dtype !== 'float64' && dtype !== 'float32')
    throw new TensorError(
      'astype',
      `unknown dtype; expected 'float64' or 'float32', got ${String(dtype)}`,
    );
  const src = a.toTypedArray();
  const out = allocate(dtype, src.length);
  out.set(src);
  return new Tensor(out, a.shape);
}
