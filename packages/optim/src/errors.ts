/**
 * The error every @termgrad/optim function throws for bad input or a diverging run.
 *
 * The message reads `op: problem; expected X, got Y`, e.g.
 * `sgd.step: gradient 1 has the wrong length; expected 6, got 4`.
 *
 * @example
 * ```ts
 * try { sgd({ lr: -1 }); } catch (e) { console.log((e as OptimError).op); } // "sgd"
 * ```
 */
export class OptimError extends Error {
  /** The operation that rejected its input, e.g. `"sgd.step"`. */
  readonly op: string;

  constructor(op: string, problem: string) {
    super(`${op}: ${problem}`);
    this.name = 'OptimError';
    this.op = op;
  }
}
