/**
 * The error every @termgrad/datasets function throws for bad input: unknown dataset names, bad
 * options, malformed CSV (naming the line and column), missing files or the missing optional
 * `mnist` package.
 *
 * The message reads `op: problem; expected X, got Y`, and `op` names the public function.
 *
 * @example
 * ```ts
 * try { playgroundDataset('moons'); }
 * catch (e) { console.log((e as DatasetError).op); } // "playgroundDataset"
 * ```
 */
export class DatasetError extends Error {
  /** The operation that rejected its input, e.g. `"loadCsv"`. */
  readonly op: string;

  constructor(op: string, problem: string) {
    super(`${op}: ${problem}`);
    this.name = 'DatasetError';
    this.op = op;
  }
}
