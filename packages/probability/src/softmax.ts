import { ProbabilityError } from './errors.js';
import { checkOut } from './sigmoid.js';

/**
 * log Σ_i exp(values[i]) without overflow: m + log Σ exp(values[i] − m) with m = max values.
 *
 * Reads `values[start..end)`; an empty range gives −Infinity (log of an empty sum), all −Infinity
 * gives −Infinity, and any +Infinity gives +Infinity.
 *
 * @param values numbers, length n.
 * @param start first index (default 0).
 * @param end one past the last index (default `values.length`).
 * @throws {ProbabilityError} when an entry is NaN, or `start`/`end` are not integers with
 *   0 ≤ start ≤ end ≤ values.length (reading past the end would silently give NaN).
 * @example
 * ```ts
 * logSumExp([1000, 1000]);   // 1000.6931471805599 (= 1000 + log 2)
 * logSumExp([-1000, -1000]); // -999.3068528194401
 * ```
 */
export function logSumExp(
  values: ArrayLike<number>,
  start = 0,
  end: number = values.length,
): number {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end < start ||
    end > values.length
  ) {
    throw new ProbabilityError(
      'logSumExp',
      `range must satisfy 0 <= start <= end <= ${values.length}; got start ${start}, end ${end}`,
    );
  }
  let m = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (v > m) m = v;
    else if (v !== v)
      throw new ProbabilityError('logSumExp', `values must not contain NaN; got NaN at index ${i}`);
  }
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = start; i < end; i++) s += Math.exp((values[i] as number) - m);
  return m + Math.log(s);
}

/**
 * The softmax exp(a_k) / Σ_j exp(a_j), computed as exp(a_k − max a) / Σ exp(a_j − max a) so it never
 * overflows; invariant to adding a constant to every entry. Allocation-free when `out` is given
 * (`out` may be `values` itself, for an in-place softmax).
 *
 * @param values logits, length k (k ≥ 1).
 * @param out optional destination of length k; the only thing mutated.
 * @returns `out`, a probability vector summing to 1.
 * @throws {ProbabilityError} when `values` is empty, holds NaN, or is all −Infinity; or `out` has the wrong length.
 * @example
 * ```ts
 * softmax([1000, 1000]);  // Float64Array [0.5, 0.5]
 * softmax([0, Math.log(3)]); // Float64Array [0.25, 0.7499999999999999]
 * ```
 */
export function softmax(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const k = values.length;
  const dst = checkOut('softmax', k, out);
  softmaxRange('softmax', values, 0, k, dst, 0, false);
  return dst;
}

/**
 * log softmax: a_k − logSumExp(a), without overflow. Allocation-free when `out` is given (`out` may
 * be `values` itself).
 *
 * @param values logits, length k (k ≥ 1).
 * @param out optional destination of length k; the only thing mutated.
 * @returns `out`, log-probabilities (each ≤ 0, their exps sum to 1).
 * @throws {ProbabilityError} when `values` is empty, holds NaN, or is all −Infinity; or `out` has the wrong length.
 * @example
 * ```ts
 * logSoftmax([0, 0]); // Float64Array [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmax(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const k = values.length;
  const dst = checkOut('logSoftmax', k, out);
  softmaxRange('logSoftmax', values, 0, k, dst, 0, true);
  return dst;
}

/**
 * Row-wise {@link softmax} of an [n, k] row-major matrix: each row of k logits becomes a probability
 * vector. Allocation-free when `out` is given (`out` may be `x` itself).
 *
 * @param x row-major logits, length n·k (e.g. a contiguous Tensor's `.data`).
 * @param k row length (number of classes), k ≥ 1.
 * @param out optional destination of length n·k; the only thing mutated.
 * @returns `out`.
 * @throws {ProbabilityError} when k is not a positive integer dividing `x.length`, a row holds NaN
 *   or is all −Infinity, or `out` has the wrong length.
 * @example
 * ```ts
 * softmaxRows(new Float64Array([0, 0, 1000, 1000]), 2); // Float64Array [0.5, 0.5, 0.5, 0.5]
 * ```
 */
export function softmaxRows(x: ArrayLike<number>, k: number, out?: Float64Array): Float64Array {
  const n = rowCount('softmaxRows', x.length, k);
  const dst = checkOut('softmaxRows', x.length, out);
  for (let r = 0; r < n; r++) softmaxRange('softmaxRows', x, r * k, k, dst, r * k, false);
  return dst;
}

/**
 * Row-wise {@link logSoftmax} of an [n, k] row-major matrix. Allocation-free when `out` is given.
 *
 * @param x row-major logits, length n·k.
 * @param k row length, k ≥ 1.
 * @param out optional destination of length n·k; the only thing mutated.
 * @returns `out`.
 * @throws {ProbabilityError} as {@link softmaxRows}.
 * @example
 * ```ts
 * logSoftmaxRows([0, 0], 2); // Float64Array [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmaxRows(x: ArrayLike<number>, k: number, out?: Float64Array): Float64Array {
  const n = rowCount('logSoftmaxRows', x.length, k);
  const dst = checkOut('logSoftmaxRows', x.length, out);
  for (let r = 0; r < n; r++) softmaxRange('logSoftmaxRows', x, r * k, k, dst, r * k, true);
  return dst;
}

/**
 * Row-wise {@link logSumExp} of an [n, k] row-major matrix into a length-n array.
 *
 * @param x row-major values, length n·k.
 * @param k row length, k ≥ 1.
 * @param out optional destination of length n; the only thing mutated.
 * @returns `out`.
 * @throws {ProbabilityError} when k does not divide `x.length`, a row holds NaN, or `out` has the wrong length.
 * @example
 * ```ts
 * logSumExpRows([1000, 1000, 0, 0], 2); // Float64Array [1000.6931471805599, 0.6931471805599453]
 * ```
 */
export function logSumExpRows(x: ArrayLike<number>, k: number, out?: Float64Array): Float64Array {
  const n = rowCount('logSumExpRows', x.length, k);
  const dst = checkOut('logSumExpRows', n, out);
  for (let r = 0; r < n; r++) dst[r] = logSumExp(x, r * k, r * k + k);
  return dst;
}

function rowCount(op: string, length: number, k: number): number {
  if (!Number.isSafeInteger(k) || k < 1 || length % k !== 0) {
    throw new ProbabilityError(
      op,
      `k must be a positive integer dividing the length ${length}; got k = ${k}`,
    );
  }
  return length / k;
}

/** Softmax (or log-softmax) of src[s..s+k) into dst[d..d+k). Reads each source entry before writing it, so src may alias dst. */
function softmaxRange(
  op: string,
  src: ArrayLike<number>,
  s: number,
  k: number,
  dst: Float64Array,
  d: number,
  log: boolean,
): void {
  if (k === 0)
    throw new ProbabilityError(op, 'values must not be empty; expected at least one logit');
  let m = -Infinity;
  for (let i = 0; i < k; i++) {
    const v = src[s + i] as number;
    if (v > m) m = v;
    else if (v !== v)
      throw new ProbabilityError(op, `values must not contain NaN; got NaN at flat index ${s + i}`);
  }
  if (m === -Infinity) {
    const where = op.endsWith('Rows') ? ` in row ${s / k}` : '';
    throw new ProbabilityError(op, `every logit is -Infinity${where}; softmax is undefined`);
  }
  if (m === Infinity) {
    // The limit: equal mass on the +Infinity entries, none elsewhere.
    let c = 0;
    for (let i = 0; i < k; i++) if (src[s + i] === Infinity) c++;
    for (let i = 0; i < k; i++) {
      const p = src[s + i] === Infinity ? 1 / c : 0;
      dst[d + i] = log ? Math.log(p) : p;
    }
    return;
  }
  let sum = 0;
  if (log) {
    for (let i = 0; i < k; i++) sum += Math.exp((src[s + i] as number) - m);
    const logSum = Math.log(sum);
    // (a − m) − log s rather than a − (m + log s): a − m is exact-ish, so no cancellation at |a| ~ 1000.
    for (let i = 0; i < k; i++) dst[d + i] = (src[s + i] as number) - m - logSum;
    return;
  }
  for (let i = 0; i < k; i++) {
    const e = Math.exp((src[s + i] as number) - m);
    dst[d + i] = e;
    sum += e;
  }
  for (let i = 0; i < k; i++) dst[d + i] = (dst[d + i] as number) / sum;
}
