/**
 * The base of every termgrad error: each package throws its own subclass (TensorError,
 * ProbabilityError, OptimError, DatasetError, ModelError), so user code can catch one package's
 * errors or all of them with `instanceof TermgradError`.
 *
 * The message always reads `op: problem; expected X, got Y`; `op` names the operation that
 * rejected its input.
 *
 * @example
 * ```ts
 * try { matmul(zeros([2, 3]), zeros([4, 5])); }
 * catch (e) { if (e instanceof TermgradError) console.log(e.op); } // "matmul"
 * ```
 */
export class TermgradError extends Error {
  /** The operation that rejected its input, e.g. `"matmul"` or `"LogisticRegression.fit"`. */
  readonly op: string;

  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(`${op}: ${problem}`, options);
    this.name = 'TermgradError';
    this.op = op;
  }
}

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
export class TensorError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'TensorError';
  }
}

/** Formats a shape the way error messages show it: `[2,3]`. */
export function formatShape(shape: ArrayLike<number>): string {
  return `[${Array.from(shape).join(',')}]`;
}
