import { TermgradError } from '@termgrad/tensor';

/**
 * The error every @termgrad/optim function throws for bad input or a diverging run.
 *
 * A subclass of {@link TermgradError} (catch either). The message reads `op: problem; expected X, got Y`, e.g.
 * `sgd.step: gradient 1 has the wrong length; expected 6, got 4`.
 *
 * @example
 * ```ts
 * try { sgd({ learningRate: -1 }); } catch (e) { console.log((e as OptimError).op); } // "sgd"
 * ```
 */
export class OptimError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'OptimError';
  }
}
