import { TensorError } from './errors.js';

const BLOCK = 128;

/**
 * Sum of x[start..end) by pairwise (cascade) summation: blocks of 128 summed directly, blocks
 * combined as a binary tree. Rounding error grows like O(ε log n) instead of O(ε n).
 * @param start default 0. @param end default x.length.
 * @throws {TensorError} when the range is out of bounds.
 * @example
 * ```ts
 * pairwiseSum(new Float64Array(100000).fill(0.1)); // 9999.999999999978 (a naive loop gives 10000.000000018848; exact: 10000.00000000000055)
 * ```
 */
export function pairwiseSum(x: ArrayLike<number>, start = 0, end: number = x.length): number {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > x.length ||
    start > end
  ) {
    throw new TensorError(
      'pairwiseSum',
      `range ${start}..${end} is out of bounds for length ${x.length}`,
    );
  }
  return sumRange(x, start, end);
}

function sumRange(x: ArrayLike<number>, start: number, end: number): number {
  const n = end - start;
  if (n <= BLOCK) {
    let s = 0;
    for (let i = start; i < end; i++) s += x[i] as number;
    return s;
  }
  // Split on a multiple of BLOCK so blocks line up.
  const half = start + Math.ceil(n / BLOCK / 2) * BLOCK;
  return sumRange(x, start, half) + sumRange(x, half, end);
}
