import { formatShape, Tensor, validators } from '@termgrad/tensor';
import { ModelError } from './errors.js';

/**
 * A 2-D input `[n, d]`: a Tensor `[n, d]` (or `[n]`, read as one column), rows as `number[][]`,
 * or a flat `number[]` / Float64Array read as one column `[n, 1]`.
 */
export type MatrixLike =
  | Tensor
  | readonly (readonly number[])[]
  | readonly number[]
  | Float64Array
  | Float32Array;

/** A 1-D input `[n]`: a Tensor `[n]` (or `[n, 1]`), a number array or a typed array. */
export type VectorLike = Tensor | readonly number[] | Float64Array | Float32Array | Int32Array;

/** Row-major float64 matrix used inside the models. @internal */
export interface Mat {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function checkFinite(op: string, data: ArrayLike<number>, name: string, cols: number): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) {
      const where = cols > 1 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
      throw new ModelError(
        op,
        `${name} must be finite; expected a finite number at ${where}, got ${String(v)}`,
      );
    }
  }
}

/** Converts and validates a 2-D input (non-empty, rectangular, finite). @internal */
export function toMatrix(op: string, x: MatrixLike, name = 'x', expectedCols?: number): Mat {
  let data: Float64Array;
  let rows: number;
  let cols: number;
  if (x instanceof Tensor) {
    if (x.ndim === 1) {
      rows = x.shape[0]!;
      cols = 1;
    } else if (x.ndim === 2) {
      rows = x.shape[0]!;
      cols = x.shape[1]!;
    } else {
      throw new ModelError(
        op,
        `${name} must be a 2-D tensor [n, d]; expected 1 or 2 dimensions, got shape ${formatShape(x.shape)}`,
      );
    }
    const t = x.toTypedArray();
    data = t instanceof Float64Array ? t : Float64Array.from(t);
  } else if (x instanceof Float64Array || x instanceof Float32Array) {
    rows = x.length;
    cols = 1;
    data = Float64Array.from(x);
  } else if (Array.isArray(x)) {
    rows = x.length;
    if (rows > 0 && Array.isArray(x[0])) {
      const arr = x as readonly (readonly number[])[];
      cols = arr[0]!.length;
      data = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        const row = arr[i];
        if (!Array.isArray(row) || row.length !== cols) {
          throw new ModelError(
            op,
            `${name} rows must all have the same length; expected ${cols}, got ${Array.isArray(row) ? row.length : typeof row} at row ${i}`,
          );
        }
        for (let j = 0; j < cols; j++) {
          const v = row[j];
          if (typeof v !== 'number')
            throw new ModelError(
              op,
              `${name} must contain numbers; expected a number at row ${i}, column ${j}, got ${typeof v}`,
            );
          data[i * cols + j] = v;
        }
      }
    } else {
      cols = 1;
      data = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const v = (x as readonly unknown[])[i];
        if (typeof v !== 'number')
          throw new ModelError(
            op,
            `${name} must contain numbers; expected a number at index ${i}, got ${typeof v}`,
          );
        data[i] = v;
      }
    }
  } else {
    throw new ModelError(
      op,
      `${name} must be a Tensor [n, d], number[][] or number[]; got ${x === null ? 'null' : typeof x}`,
    );
  }
  if (rows === 0) throw new ModelError(op, `${name} is empty; expected at least 1 row, got 0`);
  if (cols === 0) throw new ModelError(op, `${name} has no columns; expected at least 1, got 0`);
  if (expectedCols !== undefined && cols !== expectedCols) {
    throw new ModelError(
      op,
      `${name} has the wrong number of columns; expected ${expectedCols}, got ${cols}`,
    );
  }
  checkFinite(op, data, name, cols);
  return { data, rows, cols };
}

/** Converts and validates a 1-D input of length `n` (finite). @internal */
export function toVector(op: string, t: VectorLike, name: string, n?: number): Float64Array {
  let data: Float64Array;
  if (t instanceof Tensor) {
    const ok = t.ndim === 1 || (t.ndim === 2 && t.shape[1] === 1);
    if (!ok)
      throw new ModelError(
        op,
        `${name} must be a 1-D tensor [n]; expected shape [n] or [n,1], got ${formatShape(t.shape)}`,
      );
    const a = t.toTypedArray();
    data = a instanceof Float64Array ? a : Float64Array.from(a);
  } else if (Array.isArray(t) || ArrayBuffer.isView(t)) {
    const arr = t as ArrayLike<unknown>;
    data = new Float64Array(arr.length);
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v !== 'number')
        throw new ModelError(
          op,
          `${name} must contain numbers; expected a number at index ${i}, got ${Array.isArray(v) ? 'an array' : typeof v}`,
        );
      data[i] = v;
    }
  } else {
    throw new ModelError(
      op,
      `${name} must be a Tensor [n] or number[]; got ${t === null ? 'null' : typeof t}`,
    );
  }
  if (data.length === 0)
    throw new ModelError(op, `${name} is empty; expected at least 1 value, got 0`);
  if (n !== undefined && data.length !== n) {
    throw new ModelError(
      op,
      `${name} must have one value per row of x; expected length ${n}, got ${data.length}`,
    );
  }
  checkFinite(op, data, name, 1);
  return data;
}

/**
 * Converts class labels: integers 0..K-1. Returns the labels and K (`numClasses` if given,
 * else max label + 1). @internal
 */
export function toLabels(
  op: string,
  y: VectorLike,
  n: number,
  numClasses?: number,
  name = 'y',
): { labels: Int32Array; numClasses: number } {
  const v = toVector(op, y, name, n);
  const labels = new Int32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const c = v[i]!;
    if (!Number.isInteger(c) || c < 0) {
      throw new ModelError(
        op,
        `${name} must hold class indices 0..K-1; expected a non-negative integer at index ${i}, got ${c}${c === -1 ? ' (±1 labels: map them with plusMinusOneToIndices)' : ''}`,
      );
    }
    if (c > max) max = c;
    labels[i] = c;
  }
  const k = numClasses ?? max + 1;
  if (max >= k)
    throw new ModelError(
      op,
      `${name} has a label outside 0..${k - 1}; expected labels < numClasses = ${k}, got ${max}`,
    );
  return { labels, numClasses: k };
}

/** Validates binary targets {0, 1}. @internal */
export function toBinaryTargets(op: string, t: VectorLike, n: number, name = 'y'): Float64Array {
  const v = toVector(op, t, name, n);
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const c = v[i]!;
    if (c !== 0 && c !== 1)
      throw new ModelError(
        op,
        `${name} must hold targets 0 or 1; expected 0 or 1 at index ${i}, got ${c}${c === -1 ? ' (±1 labels: map them with plusMinusOneToIndices)' : ''}`,
      );
    ones += c;
  }
  if (ones === 0 || ones === n) {
    throw new ModelError(
      op,
      `${name} must contain both classes; expected some 0s and some 1s, got only ${ones === 0 ? '0s' : '1s'}`,
    );
  }
  return v;
}

/** The shared validators of @termgrad/tensor, throwing ModelError. @internal */
export const check = validators(ModelError);

/** Reads λ from `{ lambda }` or `{ lnLambda }` (ln λ = -Infinity means λ = 0). @internal */
export function readLambda(op: string, options: { lambda?: number; lnLambda?: number }): number {
  if (options.lambda !== undefined && options.lnLambda !== undefined) {
    throw new ModelError(
      op,
      `give lambda or lnLambda, not both; got lambda = ${options.lambda}, lnLambda = ${options.lnLambda}`,
    );
  }
  if (options.lnLambda !== undefined) {
    const l = options.lnLambda;
    if (typeof l !== 'number' || Number.isNaN(l) || l === Infinity)
      throw new ModelError(op, `option lnLambda must be a number or -Infinity; got ${String(l)}`);
    return Math.exp(l);
  }
  if (options.lambda === undefined) return 0;
  return check.number(op, 'lambda', options.lambda, { min: 0 });
}
