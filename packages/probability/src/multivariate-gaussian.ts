import { cholesky, type Random, renameDeprecated, Tensor } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';
import {
  check,
  checkRng,
  type MatrixLike,
  toMatrix,
  toVector,
  type VectorLike,
} from './validate.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** Options of {@link MultivariateGaussian.fit}. */
export interface MultivariateGaussianFitOptions {
  /** λ ≥ 0 added to the diagonal of the ML covariance (ridge / shrinkage) to keep it positive definite. Default 0. */
  readonly lambda?: number;
  /** @deprecated use `lambda` (warns once; removed in the next minor version). */
  readonly regularization?: number;
}

/**
 * A D-dimensional Gaussian N(x | μ, Σ), evaluated through the Cholesky factor Σ = L Lᵀ.
 *
 * log N(x | μ, Σ) = −½ (D log 2π + log|Σ| + (x − μ)ᵀ Σ⁻¹ (x − μ)), with log|Σ| = 2 Σᵢ log Lᵢᵢ and
 * the Mahalanobis term ‖z‖² where L z = x − μ (forward substitution; Σ⁻¹ is never formed).
 *
 * The `mean`, `covariance` and `choleskyFactor` tensors are owned by the distribution: read them,
 * do not write to them.
 *
 * @example
 * ```ts
 * const g = new MultivariateGaussian([0, 0], [[1, 0], [0, 1]]);
 * g.pdf([0, 0]); // 0.15915494309189537 (≈ 1/(2π))
 * ```
 */
export class MultivariateGaussian {
  /** μ, shape [D]. */
  readonly mean: Tensor;
  /** Σ, shape [D, D]. */
  readonly covariance: Tensor;
  /** Lower-triangular L with L Lᵀ = Σ, shape [D, D]. */
  readonly choleskyFactor: Tensor;
  /** D. */
  readonly dim: number;
  /** log |Σ|. */
  readonly logDetCovariance: number;
  private readonly mu: Float64Array;
  private readonly l: Float64Array;
  private readonly logNorm: number;
  private readonly scratch: Float64Array;

  /**
   * @param mean μ, length D ≥ 1.
   * @param covariance Σ, [D, D], symmetric positive definite.
   * @throws {ProbabilityError} when shapes disagree, entries are not finite, Σ is not symmetric, or
   *   Σ is not positive definite.
   */
  constructor(mean: VectorLike, covariance: MatrixLike) {
    const op = 'MultivariateGaussian';
    const mu = toVector(op, mean, 'mean');
    const d = mu.length;
    if (d === 0) throw new ProbabilityError(op, 'mean is empty; expected dimension D >= 1');
    const cov = toMatrix(op, covariance, 'covariance');
    if (cov.rows !== d || cov.cols !== d) {
      throw new ProbabilityError(
        op,
        `covariance must be [${d},${d}] to match the mean; got [${cov.rows},${cov.cols}]`,
      );
    }
    const c = cov.data;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        const a = c[i * d + j] as number;
        const b = c[j * d + i] as number;
        if (Math.abs(a - b) > 1e-10 * Math.max(1, Math.abs(a), Math.abs(b))) {
          throw new ProbabilityError(
            op,
            `covariance must be symmetric; got [${i},${j}] = ${a} but [${j},${i}] = ${b}`,
          );
        }
      }
    }
    let lt: Tensor;
    try {
      lt = cholesky(new Tensor(c, [d, d]));
    } catch (e) {
      throw new ProbabilityError(
        op,
        `covariance is not positive definite; expected a symmetric positive-definite [${d},${d}] matrix (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    const lData = lt.toTypedArray();
    const l = lData instanceof Float64Array ? lData : Float64Array.from(lData);
    let logDet = 0;
    for (let i = 0; i < d; i++) {
      const lii = l[i * d + i] as number;
      if (!(lii > 0) || !Number.isFinite(lii)) {
        throw new ProbabilityError(
          op,
          `covariance is not positive definite; Cholesky pivot ${i} is ${lii}`,
        );
      }
      logDet += 2 * Math.log(lii);
    }
    this.mu = mu;
    this.l = l;
    this.dim = d;
    this.logDetCovariance = logDet;
    this.logNorm = -0.5 * (d * LOG_2PI + logDet);
    this.scratch = new Float64Array(d);
    this.mean = new Tensor(mu, [d]);
    this.covariance = new Tensor(c, [d, d]);
    this.choleskyFactor = new Tensor(l, [d, d]);
  }

  /**
   * Maximum-likelihood fit: μ = (1/N) Σ xₙ, Σ = (1/N) Σ (xₙ − μ)(xₙ − μ)ᵀ (divides by N) + λI.
   *
   * @param rows the data, [N, D] (a 2-D tensor or an array of rows), N ≥ 1.
   * @param options `lambda` λ ≥ 0 added to the diagonal (default 0; `regularization` is a deprecated alias).
   * @throws {ProbabilityError} when data is empty or not finite, or the covariance is singular
   *   (e.g. N ≤ D or collinear data; pass a small `lambda`).
   * @example
   * ```ts
   * MultivariateGaussian.fit([[0, 0], [2, 0], [0, 2], [2, 2]]).covariance.toArray(); // [[1, 0], [0, 1]]
   * ```
   */
  static fit(rows: MatrixLike, options: MultivariateGaussianFitOptions = {}): MultivariateGaussian {
    const op = 'MultivariateGaussian.fit';
    const { data, rows: n, cols: d } = toMatrix(op, rows, 'rows');
    if (n === 0 || d === 0)
      throw new ProbabilityError(op, `rows must be a non-empty [N,D] matrix; got [${n},${d}]`);
    const opts = renameDeprecated(op, options, { regularization: 'lambda' }, ProbabilityError);
    check.optionKeys(op, opts, ['lambda']);
    const lambda = check.number(op, 'lambda', opts.lambda ?? 0, { min: 0 });
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) + (data[i * d + j] as number);
    for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) / n;
    const cov = new Float64Array(d * d);
    const diff = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) diff[j] = (data[i * d + j] as number) - (mu[j] as number);
      for (let a = 0; a < d; a++) {
        const da = diff[a] as number;
        for (let b = 0; b <= a; b++)
          cov[a * d + b] = (cov[a * d + b] as number) + da * (diff[b] as number);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const v = (cov[a * d + b] as number) / n + (a === b ? lambda : 0);
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    try {
      return new MultivariateGaussian(mu, new Tensor(cov, [d, d]));
    } catch (e) {
      if (e instanceof ProbabilityError) {
        throw new ProbabilityError(
          op,
          `ML covariance of ${n} rows in ${d} dimensions is not positive definite (singular data, e.g. N <= D or collinear columns); pass options.lambda > 0`,
        );
      }
      throw e;
    }
  }

  /** Density N(x | μ, Σ) = exp(logPdf(x)). @param x a point, length D. */
  pdf(x: VectorLike): number {
    return Math.exp(this.logPdf(x));
  }

  /**
   * log N(x | μ, Σ) = −½ (D log 2π + log|Σ| + (x − μ)ᵀ Σ⁻¹ (x − μ)).
   * @param x a point, length D.
   * @throws {ProbabilityError} when x has the wrong length or is not finite.
   */
  logPdf(x: VectorLike): number {
    return this.logNorm - 0.5 * this.mahalanobis(x);
  }

  /**
   * Squared Mahalanobis distance (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖L⁻¹(x − μ)‖².
   * @param x a point, length D.
   * @throws {ProbabilityError} when x has the wrong length or is not finite.
   */
  mahalanobis(x: VectorLike): number {
    const v = x instanceof Tensor ? toVector('MultivariateGaussian.logPdf', x, 'x') : x;
    if (v.length !== this.dim) {
      throw new ProbabilityError(
        'MultivariateGaussian.logPdf',
        `x must have length ${this.dim}; got ${v.length}`,
      );
    }
    const q = this.solveRow(v, 0);
    if (q !== q)
      throw new ProbabilityError(
        'MultivariateGaussian.logPdf',
        'x must be finite numbers; got NaN or Infinity',
      );
    return q;
  }

  /**
   * log N(xₙ | μ, Σ) for every row of an [N, D] matrix, into `out` (allocation-free when given).
   *
   * @param x [N, D] points: a 2-D tensor, an array of rows, or a row-major Float64Array of length N·D.
   * @param out optional Float64Array of length N; the only thing mutated.
   * @returns `out`, length N.
   * @throws {ProbabilityError} on a shape mismatch or non-finite input.
   */
  logPdfRows(x: MatrixLike | Float64Array, out?: Float64Array): Float64Array {
    const op = 'MultivariateGaussian.logPdfRows';
    const d = this.dim;
    let data: Float64Array;
    if (x instanceof Float64Array) {
      if (x.length % d !== 0)
        throw new ProbabilityError(
          op,
          `a flat x must have a length divisible by D = ${d}; got ${x.length}`,
        );
      data = x;
    } else if (
      x instanceof Tensor &&
      x.ndim === 2 &&
      x.isContiguous() &&
      x.data instanceof Float64Array &&
      x.offset === 0 &&
      x.data.length === x.size
    ) {
      if (x.shape[1] !== d)
        throw new ProbabilityError(op, `x must be [N,${d}]; got [${x.shape.join(',')}]`);
      data = x.data;
    } else {
      const m = toMatrix(op, x, 'x');
      if (m.cols !== d && m.rows > 0)
        throw new ProbabilityError(op, `x must be [N,${d}]; got [${m.rows},${m.cols}]`);
      data = m.data;
    }
    const n = data.length / d;
    let dst = out;
    if (dst === undefined) dst = new Float64Array(n);
    else if (!(dst instanceof Float64Array) || dst.length !== n) {
      throw new ProbabilityError(
        op,
        `out must be a Float64Array of length ${n}; got ${dst instanceof Float64Array ? dst.length : typeof dst}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const q = this.solveRow(data, i * d);
      if (q !== q)
        throw new ProbabilityError(op, `x must be finite numbers; got NaN or Infinity in row ${i}`);
      dst[i] = this.logNorm - 0.5 * q;
    }
    return dst;
  }

  /**
   * n draws μ + L z with z ~ N(0, I) from `rng`.
   * @param rng a seeded `Random` (advanced by n·D normal draws).
   * @param n number of samples (default 1).
   * @returns a [n, D] float64 tensor.
   * @throws {ProbabilityError} when n is not a non-negative integer.
   */
  sample(rng: Random, n = 1): Tensor {
    checkRng('MultivariateGaussian.sample', rng);
    check.integer('MultivariateGaussian.sample', 'n', n, { min: 0 });
    const d = this.dim;
    const out = new Float64Array(n * d);
    const z = new Float64Array(d);
    const l = this.l;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) z[j] = rng.normal(0, 1);
      for (let a = 0; a < d; a++) {
        let s = this.mu[a] as number;
        for (let b = 0; b <= a; b++) s += (l[a * d + b] as number) * (z[b] as number);
        out[i * d + a] = s;
      }
    }
    return new Tensor(out, [n, d]);
  }

  /** ‖L⁻¹(x − μ)‖² for the point at x[start..start+D) (NaN when x holds NaN/Infinity). */
  private solveRow(x: ArrayLike<number>, start: number): number {
    const d = this.dim;
    const l = this.l;
    const z = this.scratch;
    let q = 0;
    for (let i = 0; i < d; i++) {
      let s = (x[start + i] as number) - (this.mu[i] as number);
      for (let j = 0; j < i; j++) s -= (l[i * d + j] as number) * (z[j] as number);
      const zi = s / (l[i * d + i] as number);
      z[i] = zi;
      q += zi * zi;
    }
    return q;
  }
}
