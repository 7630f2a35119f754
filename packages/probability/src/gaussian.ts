import type { Random } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';
import { check, checkRng, toVector, type VectorLike } from './validate.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * A 1-D Gaussian N(x | μ, σ²) with mean μ and standard deviation σ > 0.
 *
 * Parameterised by the standard deviation, like `Random.normal(mean, std)`; use
 * {@link Gaussian.fromVariance} for the lecture's N(μ, σ²) notation.
 *
 * @example
 * ```ts
 * const g = new Gaussian(0, 1);
 * g.pdf(0);                     // 0.3989422804014327 (= 1/√(2π))
 * Gaussian.fit([1, 2, 3]).variance; // 0.6666666666666666 (ML: divides by N)
 * ```
 */
export class Gaussian {
  /** μ. */
  readonly mean: number;
  /** σ (> 0). */
  readonly std: number;
  /** σ². */
  readonly variance: number;
  private readonly logNorm: number;

  /**
   * @param mean μ (default 0).
   * @param std σ, finite and > 0 (default 1).
   * @throws {ProbabilityError} when mean is not finite or std is not a finite positive number.
   */
  constructor(mean = 0, std = 1) {
    check.number('Gaussian', 'mean', mean);
    check.number('Gaussian', 'std', std);
    if (!(std > 0)) throw new ProbabilityError('Gaussian', `std must be > 0, got ${std}`);
    this.mean = mean;
    this.std = std;
    this.variance = std * std;
    this.logNorm = -0.5 * LOG_2PI - Math.log(std);
  }

  /**
   * N(μ, σ²) from the variance σ² (> 0).
   * @throws {ProbabilityError} when the variance is not finite and > 0.
   */
  static fromVariance(mean: number, variance: number): Gaussian {
    check.number('Gaussian.fromVariance', 'variance', variance);
    if (!(variance > 0))
      throw new ProbabilityError('Gaussian.fromVariance', `variance must be > 0, got ${variance}`);
    return new Gaussian(mean, Math.sqrt(variance));
  }

  /**
   * Maximum-likelihood fit: μ = (1/N) Σ xₙ, σ² = (1/N) Σ (xₙ − μ)² (biased ML estimate, divides by N).
   *
   * @param data N ≥ 1 finite observations (a tensor is read flat).
   * @throws {ProbabilityError} when data is empty, not finite, or has zero variance (all values equal).
   * @example
   * ```ts
   * const g = Gaussian.fit([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, std 2
   * ```
   */
  static fit(data: VectorLike): Gaussian {
    const x = toVector('Gaussian.fit', data, 'data');
    const n = x.length;
    if (n === 0)
      throw new ProbabilityError(
        'Gaussian.fit',
        'data is empty; expected at least one observation',
      );
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] as number;
    const mean = s / n;
    // Two-pass variance: no catastrophic cancellation for data far from 0.
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[i] as number) - mean;
      ss += d * d;
    }
    const variance = ss / n;
    if (!(variance > 0)) {
      throw new ProbabilityError(
        'Gaussian.fit',
        `data has zero variance (all ${n} values equal ${mean}); expected at least two distinct values`,
      );
    }
    return new Gaussian(mean, Math.sqrt(variance));
  }

  /**
   * Density N(x | μ, σ²) = exp(−(x − μ)² / (2σ²)) / √(2πσ²).
   * @param x a number (not validated: scalar hot path).
   */
  pdf(x: number): number {
    return Math.exp(this.logPdf(x));
  }

  /**
   * log N(x | μ, σ²) = −½ log(2π) − log σ − (x − μ)² / (2σ²).
   * @param x a number (not validated: scalar hot path).
   */
  logPdf(x: number): number {
    const z = (x - this.mean) / this.std;
    return this.logNorm - 0.5 * z * z;
  }

  /**
   * Cumulative distribution Φ((x − μ)/σ) = ½ erfc(−(x − μ)/(σ√2)).
   * Accurate to about 1e-14 absolute (erfc by a Chebyshev-fitted rational approximation).
   */
  cdf(x: number): number {
    return 0.5 * erfc(-(x - this.mean) / (this.std * Math.SQRT2));
  }

  /**
   * n independent draws μ + σ·z with z ~ N(0, 1) from `rng` (Box–Muller).
   *
   * @param rng a seeded `Random` from @termgrad/tensor (advanced by the draws).
   * @param n number of samples (default 1).
   * @returns Float64Array of length n.
   * @throws {ProbabilityError} when n is not a non-negative integer or rng is missing.
   */
  sample(rng: Random, n = 1): Float64Array {
    checkRng('Gaussian.sample', rng);
    check.integer('Gaussian.sample', 'n', n, { min: 0 });
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.normal(this.mean, this.std);
    return out;
  }

  /** `{ mean, std }`, restorable with {@link Gaussian.fromJSON}. */
  toJSON(): { mean: number; std: number } {
    return { mean: this.mean, std: this.std };
  }

  /** Inverse of {@link Gaussian.toJSON}. */
  static fromJSON(json: { mean: number; std: number }): Gaussian {
    return new Gaussian(json?.mean, json?.std);
  }
}

/**
 * Complementary error function erfc(x) (Numerical Recipes 3rd ed. §6.2.2, Chebyshev coefficients),
 * relative accuracy ~1.2e-16 · small factor.
 */
function erfc(x: number): number {
  if (x >= 0) return erfccheb(x);
  return 2 - erfccheb(-x);
}

const ERF_COF = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12,
  8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16,
  -2.8e-17,
];

function erfccheb(z: number): number {
  let d = 0;
  let dd = 0;
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  for (let j = ERF_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + (ERF_COF[j] as number);
    dd = tmp;
  }
  return t * Math.exp(-z * z + 0.5 * ((ERF_COF[0] as number) + ty * d) - dd);
}
