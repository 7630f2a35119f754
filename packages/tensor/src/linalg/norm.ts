import type { Tensor } from '../tensor.js';
import { assertTensor, toFloat64 } from '../validate.js';
import { norm2 } from './matrix.js';

/**
 * Frobenius norm sqrt(Σ a_i²) of any tensor (the Euclidean 2-norm for a vector), computed with
 * scaling so it neither overflows nor underflows.
 * @example
 * ```ts
 * norm(tensor([3, 4])); // 5
 * ```
 */
export function norm(a: Tensor): number {
  assertTensor('norm', a);
  const x = toFloat64(a);
  return norm2(x, 0, x.length);
}
