import type { Random } from '@termgrad/tensor';
import { check } from './params.js';

/** Options of {@link minibatches}. */
export interface MinibatchOptions {
  /**
   * What to do with the last batch when `batchSize` does not divide `n`: `false` (default) keeps
   * it as a smaller final batch, `true` drops it (those indices are skipped this epoch; a new
   * shuffle next epoch gives them another chance) unless it is the only batch (n < batchSize).
   */
  dropLast?: boolean;
  /** Shuffle with `rng` (default true); `false` gives 0..n−1 in order and ignores rng. */
  shuffle?: boolean;
}

/**
 * The mini-batches of one epoch: a fresh permutation of 0..n−1 (drawn from `rng`, so each call
 * reshuffles) cut into consecutive batches of `batchSize` indices. The batches are views of
 * one Int32Array. Together they partition 0..n−1 (minus the dropped tail with `dropLast`).
 *
 * @param n number of samples (integer ≥ 1).
 * @param batchSize samples per batch (integer ≥ 1; larger than n gives one batch of n).
 * @param rng seeded generator from @termgrad/tensor.
 * @throws {OptimError} on non-integer sizes, an unknown option, or a missing `rng` when shuffling.
 * @example
 * ```ts
 * minibatches(5, 2, new Random(0)); // e.g. [Int32Array [3, 0], Int32Array [4, 1], Int32Array [2]]
 * ```
 */
export function minibatches(
  n: number,
  batchSize: number,
  rng: Random | null,
  options: MinibatchOptions = {},
): Int32Array[] {
  const op = 'minibatches';
  check.number(op, 'n', n, { integer: true, min: 1 });
  check.number(op, 'batchSize', batchSize, { integer: true, min: 1 });
  check.optionKeys(op, options, ['dropLast', 'shuffle']);
  const shuffle = options.shuffle ?? true;
  let order: Int32Array;
  if (shuffle) {
    // The shared check (one message form across packages); `shuffle: false` needs no generator.
    order = check.rng(op, 'rng', rng).permutation(n);
  } else {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    if (end - start < batchSize && options.dropLast === true && batches.length > 0) break;
    batches.push(order.subarray(start, end));
  }
  return batches;
}
