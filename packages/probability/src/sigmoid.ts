import { ProbabilityError } from './errors.js';

/**
 * The logistic sigmoid σ(a) = 1 / (1 + exp(−a)), computed without overflow and exactly symmetric.
 *
 * For a ≥ 0 it evaluates 1 / (1 + exp(−a)) (exp never overflows there); for a < 0 it returns
 * 1 − σ(−a), which is exact in floating point (Sterbenz: σ(−a) ∈ [0.5, 1]), so
 * `sigmoid(-a) === 1 - sigmoid(a)` holds bitwise for every a. The price is absolute rather than
 * relative accuracy in the far negative tail (σ(−40) returns 0 instead of 4.2e-18): use
 * {@link logSigmoid} when the tail matters (cross-entropy losses).
 *
 * @param a any number; NaN gives NaN (scalar hot-path function, not validated).
 * @returns σ(a) in [0, 1].
 * @example
 * ```ts
 * sigmoid(0);     // 0.5
 * sigmoid(1000);  // 1
 * sigmoid(-1000); // 0
 * ```
 */
export function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  return 1 - 1 / (1 + Math.exp(a));
}

/**
 * log σ(a) = −log(1 + exp(−a)), accurate in both tails and free of overflow.
 *
 * Formula: a ≥ 0: −log1p(exp(−a)); a < 0: a − log1p(exp(a)).
 *
 * @param a any number; NaN gives NaN (scalar hot-path function, not validated).
 * @returns log σ(a) ≤ 0.
 * @example
 * ```ts
 * logSigmoid(0);     // -0.6931471805599453 (= −log 2)
 * logSigmoid(-1000); // -1000
 * logSigmoid(1000);  // -0
 * ```
 */
export function logSigmoid(a: number): number {
  if (a >= 0) return -Math.log1p(Math.exp(-a));
  return a - Math.log1p(Math.exp(a));
}

/**
 * The softplus log(1 + exp(a)) = −log σ(−a), without overflow.
 *
 * Formula: a > 0: a + log1p(exp(−a)); a ≤ 0: log1p(exp(a)).
 *
 * @param a any number; NaN gives NaN (scalar hot-path function, not validated).
 * @returns softplus(a) ≥ 0.
 * @example
 * ```ts
 * softplus(0);    // 0.6931471805599453
 * softplus(1000); // 1000
 * ```
 */
export function softplus(a: number): number {
  if (a > 0) return a + Math.log1p(Math.exp(-a));
  return Math.log1p(Math.exp(a));
}

/**
 * Element-wise {@link sigmoid} of an array, writing into `out` (which may be `values` itself).
 *
 * @param values input numbers, length n (NaN entries give NaN, as in the scalar version).
 * @param out optional destination of length n (allocated when omitted); the only thing mutated.
 * @returns `out`.
 * @throws {ProbabilityError} when `out` has a different length.
 * @example
 * ```ts
 * sigmoidArray([0, 1000]); // Float64Array [0.5, 1]
 * ```
 */
export function sigmoidArray(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = values.length;
  const dst = checkOut('sigmoidArray', n, out);
  for (let i = 0; i < n; i++) {
    const a = values[i] as number;
    dst[i] = a >= 0 ? 1 / (1 + Math.exp(-a)) : 1 - 1 / (1 + Math.exp(a));
  }
  return dst;
}

/**
 * Element-wise {@link logSigmoid} of an array, writing into `out` (which may be `values` itself).
 *
 * @param values input numbers, length n (NaN entries give NaN, as in the scalar version).
 * @param out optional destination of length n (allocated when omitted); the only thing mutated.
 * @returns `out`.
 * @throws {ProbabilityError} when `out` has a different length.
 * @example
 * ```ts
 * logSigmoidArray([0, -1000]); // Float64Array [-0.6931471805599453, -1000]
 * ```
 */
export function logSigmoidArray(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = values.length;
  const dst = checkOut('logSigmoidArray', n, out);
  for (let i = 0; i < n; i++) {
    const a = values[i] as number;
    dst[i] = a >= 0 ? -Math.log1p(Math.exp(-a)) : a - Math.log1p(Math.exp(a));
  }
  return dst;
}

/** Returns `out` when its length is n, a new array when it is omitted, and throws otherwise. @internal */
export function checkOut(op: string, n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array) || out.length !== n) {
    throw new ProbabilityError(
      op,
      `out must be a Float64Array of length ${n}; got ${out instanceof Float64Array ? `length ${out.length}` : typeof out}`,
    );
  }
  return out;
}
