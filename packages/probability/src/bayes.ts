import { checkProbabilities, SUM_TOLERANCE } from './categorical.js';
import { ProbabilityError } from './errors.js';
import { logSumExp } from './softmax.js';
import { toRawVector, toVector, type VectorLike } from './validate.js';

/**
 * Bayes' rule over K hypotheses: p(k | x) = p(x | k) p(k) / Σ_j p(x | j) p(j).
 *
 * @param likelihoods p(x | k), K non-negative numbers (not a distribution over k, need not sum to 1).
 * @param priors p(k), K non-negative numbers summing to 1 within `options.tolerance` (default 1e-9).
 * @returns the posterior p(k | x), length K, summing to 1.
 * @throws {ProbabilityError} when lengths differ, an entry is negative or not finite, the priors do
 *   not sum to 1, or the evidence p(x) = Σ_j p(x | j) p(j) is 0.
 * @example
 * ```ts
 * // Disease with 1% prevalence, test sensitivity 99%, false-positive rate 5%; the test is positive:
 * bayes([0.99, 0.05], [0.01, 0.99]); // Float64Array [0.16666666666666669, 0.8333333333333334] (= 1/6, 5/6)
 * ```
 */
export function bayes(
  likelihoods: VectorLike,
  priors: VectorLike,
  options: { tolerance?: number } = {},
): Float64Array {
  const op = 'bayes';
  const like = toVector(op, likelihoods, 'likelihoods');
  const prior = checkProbabilities(op, priors, 'priors', options.tolerance ?? SUM_TOLERANCE);
  if (like.length !== prior.length) {
    throw new ProbabilityError(
      op,
      `likelihoods and priors must have the same length; got ${like.length} and ${prior.length}`,
    );
  }
  const post = new Float64Array(like.length);
  let evidence = 0;
  for (let k = 0; k < like.length; k++) {
    const l = like[k] as number;
    if (l < 0)
      throw new ProbabilityError(op, `likelihoods must be non-negative; got ${l} at index ${k}`);
    const joint = l * (prior[k] as number);
    post[k] = joint;
    evidence += joint;
  }
  if (!(evidence > 0)) {
    throw new ProbabilityError(
      op,
      'the evidence p(x) = Σ p(x|k) p(k) is 0; the observation is impossible under every hypothesis with non-zero prior',
    );
  }
  for (let k = 0; k < like.length; k++) post[k] = (post[k] as number) / evidence;
  return post;
}

/**
 * Bayes' rule in log space: log p(k | x) = log p(x | k) + log p(k) − logSumExp_j(log p(x | j) + log p(j)).
 * Use it when likelihoods underflow (e.g. products of many densities, Gaussian log-pdfs in high D).
 *
 * @param logLikelihoods log p(x | k), K numbers (may be −Infinity).
 * @param logPriors log p(k), K numbers (may be −Infinity).
 * @returns log posteriors, length K (their exps sum to 1).
 * @throws {ProbabilityError} when lengths differ, an entry is NaN or +Infinity, or every joint is −Infinity.
 * @example
 * ```ts
 * logPosterior([-1000, -1001], [Math.log(0.5), Math.log(0.5)]).map(Math.exp); // ≈ [0.7311, 0.2689] = [σ(1), σ(−1)]
 * ```
 */
export function logPosterior(logLikelihoods: VectorLike, logPriors: VectorLike): Float64Array {
  const op = 'logPosterior';
  const a = toLogVector(op, logLikelihoods, 'logLikelihoods');
  const b = toLogVector(op, logPriors, 'logPriors');
  if (a.length !== b.length)
    throw new ProbabilityError(
      op,
      `logLikelihoods and logPriors must have the same length; got ${a.length} and ${b.length}`,
    );
  for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) + (b[k] as number);
  const lse = logSumExp(a);
  if (lse === -Infinity)
    throw new ProbabilityError(op, 'the evidence is 0 (every log joint is -Infinity)');
  for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) - lse;
  return a;
}

function toLogVector(op: string, v: VectorLike, name: string): Float64Array {
  // −Infinity (log 0) is allowed here; NaN and +Infinity are not.
  const x = toRawVector(op, v, name);
  for (let i = 0; i < x.length; i++) {
    const e = x[i] as number;
    if (e !== e || e === Infinity)
      throw new ProbabilityError(
        op,
        `${name} must be numbers or -Infinity; got ${e} at index ${i}`,
      );
  }
  return x;
}
