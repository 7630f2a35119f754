import { TermgradError } from '@termgrad/tensor';

/**
 * The error every @termgrad/datasets function throws for bad input: unknown dataset names, bad
 * options, malformed CSV (naming the line and column), missing files or the missing optional
 * `mnist` package.
 *
 * A subclass of {@link TermgradError} (catch either). The message reads `op: problem; expected X, got Y`, and `op` names the public function.
 *
 * @example
 * ```ts
 * try { playgroundDataset('moons'); }
 * catch (e) { console.log((e as DatasetError).op); } // "playgroundDataset"
 * ```
 */
export class DatasetError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'DatasetError';
  }
}
