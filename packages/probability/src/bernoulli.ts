import type { Random } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';
import { sigmoid } from './sigmoid.js';
import { check, checkRng, toVector, type VectorLike } from './validate.js';

/**
 * A Bernoulli distribution over {0, 1}: p(X = 1) = p, p(X = 0) = 1 − p.
 *
 * @example
 * ```ts
 * const b = new Bernoulli(0.3);
 * b.pmf(1);       // 0.3
 * b.variance();   // 0.21
 * ```
 */
export class Bernoulli {
  /** p(X = 1) ∈ [0, 1]. */
  readonly p: number;

  /** @throws {ProbabilityError} when p is not a finite number in [0, 1]. */
  constructor(p: number) {
    check.number('Bernoulli', 'p', p);
    if (p < 0 || p > 1) throw new ProbabilityError('Bernoulli', `p must lie in [0, 1], got ${p}`);
    this.p = p;
  }

  /** Bernoulli(σ(a)) from a logit a. */
  static fromLogit(a: number): Bernoulli {
    check.number('Bernoulli.fromLogit', 'a', a);
    return new Bernoulli(sigmoid(a));
  }

  /**
   * Maximum-likelihood fit p = (1/N) Σ xₙ from 0/1 observations.
   * @throws {ProbabilityError} when data is empty or holds a value other than 0 or 1.
   */
  static fit(data: VectorLike): Bernoulli {
    const x = toVector('Bernoulli.fit', data, 'data');
    if (x.length === 0)
      throw new ProbabilityError(
        'Bernoulli.fit',
        'data is empty; expected at least one observation',
      );
    let ones = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      if (v !== 0 && v !== 1)
        throw new ProbabilityError('Bernoulli.fit', `data must be 0 or 1; got ${v} at index ${i}`);
      ones += v;
    }
    return new Bernoulli(ones / x.length);
  }

  /** p^x (1 − p)^(1−x) for x ∈ {0, 1}; 0 for any other number. */
  pmf(x: number): number {
    return x === 1 ? this.p : x === 0 ? 1 - this.p : 0;
  }

  /** log pmf(x) (−Infinity for impossible outcomes). */
  logPmf(x: number): number {
    return x === 1 ? Math.log(this.p) : x === 0 ? Math.log1p(-this.p) : -Infinity;
  }

  /** E[X] = p. */
  mean(): number {
    return this.p;
  }

  /** Var[X] = p (1 − p). */
  variance(): number {
    return this.p * (1 - this.p);
  }

  /** H = −p log p − (1 − p) log(1 − p) in nats. */
  entropy(): number {
    const p = this.p;
    return (p > 0 ? -p * Math.log(p) : 0) + (p < 1 ? -(1 - p) * Math.log1p(-p) : 0);
  }

  /**
   * n independent draws (1 when a uniform draw is < p).
   * @returns Int32Array of 0/1 values.
   */
  sample(rng: Random, n = 1): Int32Array {
    checkRng('Bernoulli.sample', rng);
    check.integer('Bernoulli.sample', 'n', n, { min: 0 });
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.random() < this.p ? 1 : 0;
    return out;
  }
}
