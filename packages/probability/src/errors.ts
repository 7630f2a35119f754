import { TermgradError } from '@termgrad/tensor';

/**
 * The error every @termgrad/probability function throws for bad input: probabilities that are
 * negative or do not sum to one, non-positive-definite covariances, NaN, empty data, mismatched
 * lengths.
 *
 * A subclass of {@link TermgradError} (catch either). The message reads `op: problem; expected X, got Y`, and `op` names the public function or method.
 *
 * @example
 * ```ts
 * try { new Categorical([0.5, 0.6]); }
 * catch (e) { console.log((e as ProbabilityError).op); } // "Categorical"
 * ```
 */
export class ProbabilityError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'ProbabilityError';
  }
}
