import { Tensor } from '@termgrad/tensor';
import { check, tensorData } from './dataset.js';
import { DatasetError } from './errors.js';

/** The JSON form of a fitted {@link Standardizer}. */
export interface StandardizerJSON {
  readonly type: 'Standardizer';
  readonly version: 1;
  readonly mean: number[];
  readonly std: number[];
}

/**
 * Per-column standardisation z = (x − μ) / σ, with μ and σ learnt from the training part only.
 *
 * σ is the population standard deviation (divides by N); a constant column (σ = 0) gets σ = 1, so it
 * maps to 0 instead of NaN. Works on [n, d] matrices and on [n] vectors (one column, e.g. targets).
 *
 * @example
 * ```ts
 * const s = new Standardizer().fit(train.x);   // statistics of the training rows only
 * const xTest = s.transform(test.x);            // the same μ, σ applied to the test rows
 * ```
 */
export class Standardizer {
  private mu: Float64Array | null = null;
  private sigma: Float64Array | null = null;

  /** Column means μ, length d (a copy). @throws {DatasetError} before `fit`. */
  get mean(): Float64Array {
    return Float64Array.from(this.fitted('mean').mu);
  }

  /** Column standard deviations σ (1 for constant columns), length d (a copy). @throws {DatasetError} before `fit`. */
  get std(): Float64Array {
    return Float64Array.from(this.fitted('std').sigma);
  }

  /** Whether `fit` (or `fromJSON`) has set the statistics. */
  get isFitted(): boolean {
    return this.mu !== null;
  }

  /**
   * Learns μ_j = (1/N) Σ x_ij and σ_j = √((1/N) Σ (x_ij − μ_j)²) from x.
   * @param x [n, d] (or [n]) with n ≥ 1, finite.
   * @returns this.
   * @throws {DatasetError} when x is empty, not 1-D/2-D, or holds NaN/Infinity.
   */
  fit(x: Tensor): this {
    const { data, n, d } = columns('Standardizer.fit', x);
    if (n === 0) throw new DatasetError('Standardizer.fit', 'x has no rows; expected at least one');
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) + (data[i * d + j] as number);
    for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) / n;
    const ss = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = (data[i * d + j] as number) - (mu[j] as number);
        ss[j] = (ss[j] as number) + v * v;
      }
    }
    const sigma = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const s = Math.sqrt((ss[j] as number) / n);
      sigma[j] = s > 0 ? s : 1;
    }
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(mu[j] as number) || !Number.isFinite(sigma[j] as number)) {
        throw new DatasetError(
          'Standardizer.fit',
          `column ${j} is not finite (NaN or Infinity in x); expected finite values`,
        );
      }
    }
    this.mu = mu;
    this.sigma = sigma;
    return this;
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /**
   * (x − μ) / σ column-wise, as a new float64 tensor of x's shape.
   * @throws {DatasetError} before `fit`, or when x has a different number of columns or holds NaN/Infinity.
   */
  transform(x: Tensor): Tensor {
    return this.apply('Standardizer.transform', x, false);
  }

  /**
   * x · σ + μ column-wise (undoes {@link Standardizer.transform}).
   * @throws {DatasetError} before `fit`, or when x has a different number of columns or holds NaN/Infinity.
   */
  inverseTransform(x: Tensor): Tensor {
    return this.apply('Standardizer.inverseTransform', x, true);
  }

  /** `{ type: 'Standardizer', version: 1, mean, std }`. @throws {DatasetError} before `fit`. */
  toJSON(): StandardizerJSON {
    const { mu, sigma } = this.fitted('toJSON');
    return { type: 'Standardizer', version: 1, mean: Array.from(mu), std: Array.from(sigma) };
  }

  /**
   * Restores a fitted standardizer from {@link Standardizer.toJSON}.
   * @throws {DatasetError} on a wrong type/version, mismatched lengths or a non-positive σ.
   */
  static fromJSON(json: StandardizerJSON): Standardizer {
    const op = 'Standardizer.fromJSON';
    if (json?.type !== 'Standardizer' || json.version !== 1) {
      throw new DatasetError(
        op,
        `expected { type: 'Standardizer', version: 1 }, got ${JSON.stringify({ type: json?.type, version: json?.version })}`,
      );
    }
    const mu = check.vector(op, 'mean', json.mean, { allowEmpty: true });
    const sigma = check.vector(op, 'std', json.std, { length: mu.length, allowEmpty: true });
    sigma.forEach((v, j) => {
      check.number(op, `std[${j}]`, v, { min: 0, minExclusive: true });
    });
    const s = new Standardizer();
    s.mu = mu;
    s.sigma = sigma;
    return s;
  }

  private fitted(op: string): { mu: Float64Array; sigma: Float64Array } {
    if (this.mu === null || this.sigma === null)
      throw new DatasetError(`Standardizer.${op}`, 'not fitted; call fit(xTrain) first');
    return { mu: this.mu, sigma: this.sigma };
  }

  private apply(op: string, x: Tensor, inverse: boolean): Tensor {
    const { mu, sigma } = this.fitted(op.slice('Standardizer.'.length));
    const { data, n, d } = columns(op, x);
    if (d !== mu.length)
      throw new DatasetError(op, `x must have ${mu.length} columns (as in fit); got ${d}`);
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (v - v !== 0)
        throw new DatasetError(
          op,
          `x contains ${String(v)} at row ${Math.floor(i / d)}, column ${i % d}; expected finite values`,
        );
    }
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = data[i * d + j] as number;
        out[i * d + j] = inverse
          ? v * (sigma[j] as number) + (mu[j] as number)
          : (v - (mu[j] as number)) / (sigma[j] as number);
      }
    }
    return new Tensor(out, x.shape);
  }
}

function columns(op: string, x: Tensor): { data: Float64Array; n: number; d: number } {
  if (!(x instanceof Tensor)) throw new DatasetError(op, 'x must be a Tensor');
  if (x.ndim === 1) return { data: tensorData(x), n: x.shape[0] as number, d: 1 };
  if (x.ndim === 2)
    return { data: tensorData(x), n: x.shape[0] as number, d: x.shape[1] as number };
  throw new DatasetError(op, `x must be [n,d] or [n]; got shape [${x.shape.join(',')}]`);
}
