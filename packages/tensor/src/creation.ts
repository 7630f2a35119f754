import { formatShape, TensorError } from './errors.js';
import { checkShape, type Shape, sizeOf } from './shape.js';
import { allocate, type DType, type NestedArray, Tensor } from './tensor.js';

/** Options shared by the constructors. */
export interface DTypeOptions {
  /** Element type; default `'float64'`. */
  dtype?: DType;
}

function resolveDType(
  op: string,
  options: DTypeOptions | undefined,
  fallback: DType = 'float64',
): DType {
  const dtype = options?.dtype ?? fallback;
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new TensorError(
      op,
      `unknown dtype; expected 'float64' or 'float32', got ${String(dtype)}`,
    );
  }
  return dtype;
}

function inferShape(op: string, values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0] as NestedArray;
  }
  if (!Array.isArray(v) && typeof v !== 'number') {
    throw new TensorError(
      op,
      `values must be numbers or nested arrays of numbers, got ${typeof v}`,
    );
  }
  return shape;
}

function flattenInto(
  op: string,
  values: NestedArray,
  shape: Shape,
  axis: number,
  out: number[],
): void {
  if (axis === shape.length) {
    if (typeof values !== 'number')
      throw new TensorError(op, `ragged nested array; expected shape ${formatShape(shape)}`);
    out.push(values);
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[axis]) {
    throw new TensorError(op, `ragged nested array; expected shape ${formatShape(shape)}`);
  }
  for (const v of values as readonly NestedArray[]) flattenInto(op, v, shape, axis + 1, out);
}

/**
 * Creates a tensor by copying `values`: a number (shape `[]`), nested arrays (shape inferred) or a
 * flat array / typed array (shape `[length]` unless `shape` is given).
 * @param values the elements.
 * @param shape optional shape; its size must equal the number of values.
 * @param options.dtype default `'float64'` (`'float32'` when `values` is a Float32Array).
 * @throws {TensorError} on ragged arrays, non-numbers, or a shape whose size does not match.
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).shape;     // [2, 2]
 * tensor([1, 2, 3, 4], [2, 2]).get(1, 0); // 3
 * ```
 */
export function tensor(
  values: NestedArray | ArrayLike<number>,
  shape?: Shape,
  options?: DTypeOptions,
): Tensor {
  const op = 'tensor';
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (typeof values === 'number') {
    flat = [values];
    inferred = [];
  } else if (Array.isArray(values)) {
    inferred = inferShape(op, values as NestedArray);
    const out: number[] = [];
    flattenInto(op, values as NestedArray, inferred, 0, out);
    flat = out;
  } else if (
    values !== null &&
    typeof values === 'object' &&
    typeof (values as ArrayLike<number>).length === 'number'
  ) {
    flat = values as ArrayLike<number>;
    inferred = [flat.length];
  } else {
    throw new TensorError(
      op,
      `values must be a number, nested arrays or an array-like of numbers, got ${String(values)}`,
    );
  }
  const dtype = resolveDType(op, options, values instanceof Float32Array ? 'float32' : 'float64');
  let target = inferred;
  if (shape !== undefined) {
    checkShape(op, shape);
    if (sizeOf(shape) !== flat.length) {
      throw new TensorError(
        op,
        `shape ${formatShape(shape)} needs ${sizeOf(shape)} values, got ${flat.length}`,
      );
    }
    target = Array.from(shape);
  }
  const data = allocate(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v !== 'number')
      throw new TensorError(op, `values must be numbers, got ${typeof v} at flat index ${i}`);
    data[i] = v;
  }
  return new Tensor(data, target);
}

/**
 * A tensor filled with `value`.
 * @example
 * ```ts
 * full([2], 7).toArray(); // [7, 7]
 * ```
 */
export function full(shape: Shape, value: number, options?: DTypeOptions): Tensor {
  checkShape('full', shape);
  const dtype = resolveDType('full', options);
  const data = allocate(dtype, sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape);
}

/**
 * A tensor of zeros.
 * @example
 * ```ts
 * zeros([2, 3]).shape; // [2, 3]
 * ```
 */
export function zeros(shape: Shape, options?: DTypeOptions): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: Shape, options?: DTypeOptions): Tensor {
  return full(shape, 1, options);
}

/**
 * The `[n, m]` identity matrix (ones on the main diagonal). `m` defaults to `n`.
 * @example
 * ```ts
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * ```
 */
export function eye(n: number, m: number = n, options?: DTypeOptions): Tensor {
  checkShape('eye', [n, m]);
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

/**
 * Evenly spaced values in [start, stop): start, start+step, ... (NumPy `arange`).
 * With one argument, `arange(n)` is 0..n-1.
 * @throws {TensorError} when step is 0 or an argument is not finite.
 * @example
 * ```ts
 * arange(3).toArray();        // [0, 1, 2]
 * arange(1, 2, 0.25).toArray(); // [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(start: number, stop?: number, step = 1, options?: DTypeOptions): Tensor {
  let lo = start;
  let hi = stop;
  if (hi === undefined) {
    hi = start;
    lo = 0;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(step) || step === 0) {
    throw new TensorError(
      'arange',
      `expected finite start, stop and a non-zero step, got ${lo}, ${hi}, ${step}`,
    );
  }
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocate(resolveDType('arange', options), n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return new Tensor(data, [n]);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included (NumPy `linspace`).
 * @throws {TensorError} when num is not a non-negative integer or the ends are not finite.
 * @example
 * ```ts
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, stop: number, num: number, options?: DTypeOptions): Tensor {
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isSafeInteger(num) || num < 0) {
    throw new TensorError(
      'linspace',
      `expected finite ends and an integer num >= 0, got ${start}, ${stop}, ${num}`,
    );
  }
  const data = allocate(resolveDType('linspace', options), num);
  if (num === 1) data[0] = start;
  else {
    const step = (stop - start) / (num - 1);
    for (let i = 0; i < num; i++) data[i] = start + i * step;
    if (num > 1) data[num - 1] = stop;
  }
  return new Tensor(data, [num]);
}

/**
 * Stacks equal-length rows into an `[n, d]` matrix (copies).
 * @param rows n array-likes of length d.
 * @throws {TensorError} when the rows have different lengths or there are no rows.
 * @example
 * ```ts
 * fromRows([[1, 2], [3, 4], [5, 6]]).shape; // [3, 2]
 * ```
 */
export function fromRows(rows: readonly ArrayLike<number>[], options?: DTypeOptions): Tensor {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new TensorError('fromRows', 'expected a non-empty array of rows, got none');
  }
  const d = (rows[0] as ArrayLike<number>).length;
  const n = rows.length;
  const data = allocate(resolveDType('fromRows', options), n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as ArrayLike<number>;
    if (row.length !== d)
      throw new TensorError(
        'fromRows',
        `all rows must have the same length; expected ${d}, got ${row.length} at row ${i}`,
      );
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number')
        throw new TensorError('fromRows', `values must be numbers, got ${typeof v} at row ${i}`);
      data[i * d + j] = v;
    }
  }
  return new Tensor(data, [n, d]);
}
