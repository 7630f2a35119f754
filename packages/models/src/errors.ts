import { TermgradError } from '@termgrad/tensor';

/**
 * The error every @termgrad/models model throws for bad input or an impossible fit: wrong shapes,
 * NaN/Infinity in data, empty data, unknown options, a singular covariance, a malformed or
 * future-version JSON document, or using a model before `fit`.
 *
 * A subclass of {@link TermgradError} (catch either). The message reads `op: problem; expected X, got Y`, e.g.
 * `PolynomialRegression.fit: x and y must have the same length; expected 10, got 9`.
 *
 * @example
 * ```ts
 * try { new PolynomialRegression({ degree: -1 }); }
 * catch (e) { console.log((e as ModelError).op); } // "PolynomialRegression"
 * ```
 */
export class ModelError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'ModelError';
  }
}
