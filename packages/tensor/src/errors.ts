/**
 * The error every @termgrad/tensor operation throws for bad input: wrong shapes, NaN where it
 * matters, singular or non-positive-definite matrices.
 *
 * The message always reads `op: problem; expected X, got Y`, so it names the operation and the
 * shapes involved, e.g. `matmul: inner dimensions must match, got [2,3] and [4,5]`.
 *
 * @example
 * ```ts
 * try { matmul(zeros([2, 3]), zeros([4, 5])); }
 * catch (e) { console.log((e as TensorError).op); } // "matmul"
 * ```
 */
export class TensorError extends Error {
  /** The operation that rejected its input, e.g. `"matmul"`. */
  readonly op: string;

  constructor(op: string, problem: string) {
    super(`${op}: ${problem}`);
    this.name = 'TensorError';
    this.op = op;
  }
}

/** Formats a shape the way error messages show it: `[2,3]`. */
export function formatShape(shape: ArrayLike<number>): string {
  return `[${Array.from(shape).join(',')}]`;
}
