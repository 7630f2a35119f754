import type { MatrixData, Tensor } from '@termgrad/tensor';
import { validators } from '@termgrad/tensor';
import { ModelError } from './errors.js';

/**
 * A 2-D input `[n, d]`: a Tensor `[n, d]` (or `[n]`, read as one column), rows as `number[][]`
 * (or typed arrays), or a flat `number[]` / typed array read as one column `[n, 1]`.
 */
export type MatrixLike =
  | Tensor
  | readonly (readonly number[] | Float64Array | Float32Array)[]
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array;

/** A 1-D input `[n]`: a Tensor `[n]` (or `[n, 1]`), a number array or a typed array. */
export type VectorLike = Tensor | readonly number[] | Float64Array | Float32Array | Int32Array;

/** The shared validators of @termgrad/tensor, throwing ModelError. @internal */
export const check = validators(ModelError);

/** Row-major float64 matrix used inside the models (the shared `MatrixData`). @internal */
export type Mat = MatrixData;

/**
 * Converts and validates a 2-D input (non-empty, rectangular, finite; a 1-D input is one column)
 * with the shared `check.matrix` of @termgrad/tensor. @internal
 */
export function toMatrix(op: string, x: MatrixLike, name = 'x', expectedCols?: number): Mat {
  return check.matrix(op, name, x, { cols: expectedCols, vectorAsColumn: true });
}

/**
 * Converts and validates a 1-D input of length `n` (non-empty, finite; a Tensor `[n]` or `[n, 1]`)
 * with the shared `check.vector` of @termgrad/tensor. @internal
 */
export function toVector(op: string, t: VectorLike, name: string, n?: number): Float64Array {
  return check.vector(op, name, t, { length: n });
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
