/**
 * The error every @termgrad/probability function throws for bad input: probabilities that are
 * negative or do not sum to one, non-positive-definite covariances, NaN, empty data, mismatched
 * lengths.
 *
 * The message reads `op: problem; expected X, got Y`, and `op` names the public function or method.
 *
 * @example
 * ```ts
 * try { new Categorical([0.5, 0.6]); }
 * catch (e) { console.log((e as ProbabilityError).op); } // "Categorical"
 * ```
 */
export class ProbabilityError extends Error {
  /** The operation that rejected its input, e.g. `"bayes"`. */
  readonly op: string;

  constructor(op: string, problem: string) {
    super(`${op}: ${problem}`);
    this.name = 'ProbabilityError';
    this.op = op;
  }
}
