import type { Random } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';
import { softmax } from './softmax.js';
import { check, checkRng, toVector, type VectorLike } from './validate.js';

/** Default tolerance on |Σ p − 1| for probability vectors given by the user. */
export const SUM_TOLERANCE = 1e-9;

/**
 * A categorical distribution over K outcomes 0..K−1 with probabilities p_k (p_k ≥ 0, Σ p_k = 1).
 *
 * @example
 * ```ts
 * const c = new Categorical([0.2, 0.3, 0.5]);
 * c.pmf(2);       // 0.5
 * c.entropy();    // 1.0296530140645737 (nats)
 * ```
 */
export class Categorical {
  /** p, length K (a copy, renormalised to sum to exactly 1 up to rounding). */
  readonly probs: Float64Array;
  /** K. */
  readonly numClasses: number;
  private readonly cumulative: Float64Array;

  /**
   * @param probs K ≥ 1 non-negative probabilities summing to 1 within `tolerance`.
   * @param options.tolerance allowed |Σ p − 1| (default 1e-9).
   * @throws {ProbabilityError} when probs is empty, negative, not finite or does not sum to 1.
   */
  constructor(probs: VectorLike, options: { tolerance?: number } = {}) {
    this.probs = checkProbabilities(
      'Categorical',
      probs,
      'probs',
      options.tolerance ?? SUM_TOLERANCE,
    );
    this.numClasses = this.probs.length;
    this.cumulative = new Float64Array(this.numClasses);
    let c = 0;
    for (let k = 0; k < this.numClasses; k++) {
      c += this.probs[k] as number;
      this.cumulative[k] = c;
    }
  }

  /**
   * Categorical(softmax(logits)).
   * @param logits K ≥ 1 finite numbers.
   */
  static fromLogits(logits: VectorLike): Categorical {
    return new Categorical(softmax(toVector('Categorical.fromLogits', logits, 'logits')));
  }

  /**
   * Maximum-likelihood fit p_k = N_k / N from integer labels (with optional additive smoothing α:
   * p_k = (N_k + α) / (N + Kα)).
   *
   * @param labels N ≥ 1 integer labels in 0..K−1.
   * @param numClasses K (default: max label + 1).
   * @param options.smoothing α ≥ 0 (default 0, the ML estimate).
   * @throws {ProbabilityError} when labels is empty or holds a non-integer or out-of-range label.
   */
  static fit(
    labels: VectorLike,
    numClasses?: number,
    options: { smoothing?: number } = {},
  ): Categorical {
    const op = 'Categorical.fit';
    const y = toVector(op, labels, 'labels');
    if (y.length === 0)
      throw new ProbabilityError(op, 'labels is empty; expected at least one label');
    let maxLabel = 0;
    for (let i = 0; i < y.length; i++) {
      const v = y[i] as number;
      if (!Number.isInteger(v) || v < 0)
        throw new ProbabilityError(
          op,
          `labels must be non-negative integers; got ${v} at index ${i}`,
        );
      if (v > maxLabel) maxLabel = v;
    }
    const k = numClasses ?? maxLabel + 1;
    if (!Number.isSafeInteger(k) || k < 1 || k <= maxLabel) {
      throw new ProbabilityError(
        op,
        `numClasses must be an integer > every label (max label ${maxLabel}); got ${k}`,
      );
    }
    const alpha = check.number(op, 'smoothing', options.smoothing ?? 0, { min: 0 });
    const counts = new Float64Array(k);
    for (let i = 0; i < y.length; i++)
      counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
    const total = y.length + k * alpha;
    for (let j = 0; j < k; j++) counts[j] = ((counts[j] as number) + alpha) / total;
    return new Categorical(counts);
  }

  /** p(X = k); 0 for an integer outside 0..K−1. @throws {ProbabilityError} when k is not an integer. */
  pmf(k: number): number {
    if (!Number.isInteger(k))
      throw new ProbabilityError('Categorical.pmf', `k must be an integer, got ${k}`);
    return k >= 0 && k < this.numClasses ? (this.probs[k] as number) : 0;
  }

  /** log p(X = k) (−Infinity for impossible outcomes). */
  logPmf(k: number): number {
    return Math.log(this.pmf(k));
  }

  /** Mean of the outcome index Σ k p_k. */
  mean(): number {
    let s = 0;
    for (let k = 0; k < this.numClasses; k++) s += k * (this.probs[k] as number);
    return s;
  }

  /** Entropy H = −Σ p_k log p_k in nats (0·log 0 = 0). */
  entropy(): number {
    let h = 0;
    for (let k = 0; k < this.numClasses; k++) {
      const p = this.probs[k] as number;
      if (p > 0) h -= p * Math.log(p);
    }
    return h;
  }

  /**
   * n independent draws by inverse-CDF search on one uniform each.
   * @param rng a seeded `Random`.
   * @param n number of samples (default 1).
   * @returns Int32Array of outcomes in 0..K−1.
   */
  sample(rng: Random, n = 1): Int32Array {
    checkRng('Categorical.sample', rng);
    check.integer('Categorical.sample', 'n', n, { min: 0 });
    const out = new Int32Array(n);
    const cum = this.cumulative;
    const last = this.numClasses - 1;
    for (let i = 0; i < n; i++) {
      const u = rng.random() * (cum[last] as number);
      // Binary search for the first k with cum[k] > u.
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cum[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      out[i] = lo;
    }
    return out;
  }
}

/**
 * A validated copy of a probability vector: non-empty, finite, non-negative, |Σ − 1| ≤ tolerance;
 * returned divided by its sum. @internal
 */
export function checkProbabilities(
  op: string,
  probs: VectorLike,
  name: string,
  tolerance: number,
): Float64Array {
  const p = toVector(op, probs, name);
  if (p.length === 0)
    throw new ProbabilityError(op, `${name} is empty; expected at least one probability`);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    if (v < 0)
      throw new ProbabilityError(op, `${name} must be non-negative; got ${v} at index ${i}`);
    s += v;
  }
  if (!(Math.abs(s - 1) <= tolerance)) {
    throw new ProbabilityError(op, `${name} must sum to 1 (within ${tolerance}); got sum ${s}`);
  }
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / s;
  return p;
}
