import { Tensor } from '@termgrad/tensor';
import { checkProbabilities, SUM_TOLERANCE } from './categorical.js';
import { ProbabilityError } from './errors.js';
import { type MatrixLike, toMatrix, type VectorLike } from './validate.js';

/** Which variable a marginal keeps or a conditional is given: `'x'` indexes rows, `'y'` columns. */
export type JointAxis = 'x' | 'y';

/**
 * A joint distribution p(X, Y) of two discrete variables as an [nx, ny] table: entry [i, j] is
 * p(X = i, Y = j). Implements the lecture's sum rule and product rule.
 *
 * @example
 * ```ts
 * const t = new JointTable([[0.1, 0.2], [0.3, 0.4]]);
 * t.marginal('x');                // Float64Array [0.30000000000000004, 0.7] (sum rule)
 * t.conditional('x').toArray();   // [[1/3, 2/3], [3/7, 4/7]] = p(Y|X)  (product rule)
 * ```
 */
export class JointTable {
  /** The table p(X, Y), shape [nx, ny] (owned by the table: do not write to it). */
  readonly probs: Tensor;
  /** Number of values of X (rows). */
  readonly nx: number;
  /** Number of values of Y (columns). */
  readonly ny: number;
  private readonly p: Float64Array;

  /**
   * @param table [nx, ny] non-negative numbers summing to 1 within `tolerance`.
   * @param options.tolerance allowed |Σ − 1| (default 1e-9).
   * @throws {ProbabilityError} when the table is empty, ragged, negative, not finite, or does not sum to 1.
   */
  constructor(table: MatrixLike, options: { tolerance?: number } = {}) {
    const m = toMatrix('JointTable', table, 'table');
    if (m.rows === 0 || m.cols === 0)
      throw new ProbabilityError(
        'JointTable',
        `table must be non-empty; got [${m.rows},${m.cols}]`,
      );
    this.p = checkProbabilities('JointTable', m.data, 'table', options.tolerance ?? SUM_TOLERANCE);
    this.nx = m.rows;
    this.ny = m.cols;
    this.probs = new Tensor(this.p, [this.nx, this.ny]);
  }

  /**
   * The joint from counts: p(X = i, Y = j) = count[i, j] / Σ counts (maximum likelihood).
   * @throws {ProbabilityError} when counts are negative, not finite, or all zero.
   */
  static fromCounts(counts: MatrixLike): JointTable {
    const m = toMatrix('JointTable.fromCounts', counts, 'counts');
    let s = 0;
    for (let i = 0; i < m.data.length; i++) {
      const v = m.data[i] as number;
      if (v < 0)
        throw new ProbabilityError(
          'JointTable.fromCounts',
          `counts must be non-negative; got ${v} at flat index ${i}`,
        );
      s += v;
    }
    if (!(s > 0))
      throw new ProbabilityError(
        'JointTable.fromCounts',
        'counts sum to 0; expected at least one observation',
      );
    for (let i = 0; i < m.data.length; i++) m.data[i] = (m.data[i] as number) / s;
    return new JointTable(new Tensor(m.data, [m.rows, m.cols]));
  }

  /**
   * Product rule: p(X, Y) = p(Y | X) p(X).
   * @param conditional p(Y | X) as [nx, ny]: row i is the distribution of Y given X = i (sums to 1).
   * @param marginal p(X), length nx, summing to 1.
   * @throws {ProbabilityError} when shapes disagree or either argument is not a distribution.
   */
  static fromConditional(conditional: MatrixLike, marginal: VectorLike): JointTable {
    const op = 'JointTable.fromConditional';
    const c = toMatrix(op, conditional, 'conditional');
    const px = checkProbabilities(op, marginal, 'marginal', SUM_TOLERANCE);
    if (px.length !== c.rows)
      throw new ProbabilityError(
        op,
        `marginal must have length ${c.rows} (rows of conditional); got ${px.length}`,
      );
    const joint = new Float64Array(c.rows * c.cols);
    for (let i = 0; i < c.rows; i++) {
      const row = checkProbabilities(
        op,
        c.data.subarray(i * c.cols, (i + 1) * c.cols),
        `conditional row ${i}`,
        SUM_TOLERANCE,
      );
      for (let j = 0; j < c.cols; j++)
        joint[i * c.cols + j] = (row[j] as number) * (px[i] as number);
    }
    return new JointTable(new Tensor(joint, [c.rows, c.cols]));
  }

  /** p(X = i, Y = j). @throws {ProbabilityError} when an index is out of range. */
  get(i: number, j: number): number {
    if (
      !Number.isInteger(i) ||
      !Number.isInteger(j) ||
      i < 0 ||
      i >= this.nx ||
      j < 0 ||
      j >= this.ny
    ) {
      throw new ProbabilityError(
        'JointTable.get',
        `index must be in [0,${this.nx}) x [0,${this.ny}); got [${i},${j}]`,
      );
    }
    return this.p[i * this.ny + j] as number;
  }

  /**
   * Sum rule: `marginal('x')` is p(X = i) = Σ_j p(X = i, Y = j) (length nx); `marginal('y')` is
   * p(Y = j) = Σ_i p(X = i, Y = j) (length ny).
   * @throws {ProbabilityError} when `keep` is not `'x'` or `'y'`.
   */
  marginal(keep: JointAxis): Float64Array {
    const { nx, ny, p } = this;
    if (keep === 'x') {
      const out = new Float64Array(nx);
      for (let i = 0; i < nx; i++) {
        let s = 0;
        for (let j = 0; j < ny; j++) s += p[i * ny + j] as number;
        out[i] = s;
      }
      return out;
    }
    if (keep === 'y') {
      const out = new Float64Array(ny);
      for (let i = 0; i < nx; i++)
        for (let j = 0; j < ny; j++) out[j] = (out[j] as number) + (p[i * ny + j] as number);
      return out;
    }
    throw new ProbabilityError(
      'JointTable.marginal',
      `keep must be 'x' or 'y'; got ${JSON.stringify(keep)}`,
    );
  }

  /**
   * Product rule solved for the conditional, as an [nx, ny] tensor in the table's orientation:
   * - `conditional('x')`: entry [i, j] = p(Y = j | X = i) = p(X = i, Y = j) / p(X = i) (rows sum to 1);
   * - `conditional('y')`: entry [i, j] = p(X = i | Y = j) = p(X = i, Y = j) / p(Y = j) (columns sum to 1).
   * @throws {ProbabilityError} when a conditioning value has probability 0 (the conditional is undefined).
   */
  conditional(given: JointAxis): Tensor {
    const { nx, ny, p } = this;
    if (given !== 'x' && given !== 'y') {
      throw new ProbabilityError(
        'JointTable.conditional',
        `given must be 'x' or 'y'; got ${JSON.stringify(given)}`,
      );
    }
    const m = this.marginal(given);
    for (let k = 0; k < m.length; k++) {
      if (!((m[k] as number) > 0)) {
        throw new ProbabilityError(
          'JointTable.conditional',
          `p(${given.toUpperCase()} = ${k}) is 0, so p(${given === 'x' ? 'Y' : 'X'} | ${given.toUpperCase()} = ${k}) is undefined`,
        );
      }
    }
    const out = new Float64Array(nx * ny);
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++)
        out[i * ny + j] = (p[i * ny + j] as number) / (m[given === 'x' ? i : j] as number);
    }
    return new Tensor(out, [nx, ny]);
  }
}
