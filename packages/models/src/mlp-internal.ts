// Buffer-level MLP operations for the training drivers in this package (PlaygroundTrainer, the
// Trainer task, the data-parallel workers) and the benchmarks. Internal: NOT exported from
// index.ts, so they are absent from the public types.

import type { MLP } from './mlp.js';
import { type Buf, coreOf } from './mlp-core.js';
import { evaluateRowsCore } from './mlp-inference.js';
import {
  applyGradients as applyCore,
  penaltyAfterStep,
  sumGradientIndexedCore,
  sumGradientRowsCore,
  trainRowsCore,
} from './mlp-training.js';
import type { MLPEvaluation } from './mlp-types.js';

/**
 * One update on rows `indices[start .. start+count)` of contiguous row-major buffers of the
 * model's dtype (x [n, inputs], t dense [n, outputs], one-hot for classes) — allocation-free.
 * @returns the mean data loss of the batch before the update.
 */
export function trainRows(
  model: MLP,
  x: Buf,
  t: Buf,
  indices: ArrayLike<number>,
  start = 0,
  count = indices.length - start,
): number {
  return trainRowsCore(coreOf(model), model.optimizer, x, t, indices, start, count);
}

/**
 * Forward and backward pass over the contiguous rows `start .. start+count` (buffers of the
 * model's dtype), leaving the SUM over those rows of ∂E/∂w and ∂E/∂b (no penalty) in
 * `model.gradients()`; nothing is updated (the Playground's per-point accumulation as one batch).
 * @returns the SUM over those rows of the data loss.
 */
export function sumGradientRows(model: MLP, x: Buf, t: Buf, start: number, count: number): number {
  return sumGradientRowsCore(coreOf(model), x, t, start, count);
}

/**
 * Like {@link sumGradientRows} for the rows `indices[start .. start+count)` of the buffers (the
 * data-parallel workers' share of a shuffled batch): SUM of ∂E/∂w, ∂E/∂b into `model.gradients()`.
 * @returns the SUM over those rows of the data loss.
 */
export function sumGradientIndexed(
  model: MLP,
  x: Buf,
  t: Buf,
  indices: ArrayLike<number>,
  start: number,
  count: number,
): number {
  return sumGradientIndexedCore(coreOf(model), x, t, indices, start, count);
}

/** One optimizer update from the gradients in `model.gradients()` (batch mean, no penalty), then the penalty rule. */
export function applyGradients(model: MLP): void {
  applyCore(coreOf(model), model.optimizer);
}

/** The penalty rule alone, after an optimizer update with learning rate `lr` applied elsewhere (worker pool). @internal */
export function applyPenalty(model: MLP, lr: number): void {
  penaltyAfterStep(coreOf(model), lr);
}

/** Evaluation on contiguous buffers of the model's dtype (x [n, inputs], t dense [n, outputs]). */
export function evaluateRows(model: MLP, x: Buf, t: Buf, n: number): MLPEvaluation {
  return evaluateRowsCore(coreOf(model), x, t, n);
}
