import { TensorError } from './errors.js';
import { broadcastTo } from './manipulation.js';
import { broadcastShapes } from './shape.js';
import type { Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/** Tolerances of {@link allClose}. */
export interface AllCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
}

/**
 * True when |a − b| ≤ atol + rtol·|b| for every element (NumPy `allclose`, with broadcasting).
 * NaN never compares close.
 * @throws {TensorError} when the shapes cannot be broadcast together, or rtol/atol is negative or not finite.
 * @example
 * ```ts
 * allClose(tensor([1, 2]), tensor([1, 2 + 1e-9])); // true
 * ```
 */
export function allClose(a: Tensor, b: Tensor, options: AllCloseOptions = {}): boolean {
  assertTensor('allClose', a);
  assertTensor('allClose', b, 'b');
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  if (!(rtol >= 0 && Number.isFinite(rtol)) || !(atol >= 0 && Number.isFinite(atol))) {
    throw new TensorError(
      'allClose',
      `rtol and atol must be finite numbers >= 0, got ${String(rtol)} and ${String(atol)}`,
    );
  }
  const shape = broadcastShapes('allClose', a.shape, b.shape);
  const x = broadcastTo(a, shape).toTypedArray();
  const y = broadcastTo(b, shape).toTypedArray();
  for (let i = 0; i < x.length; i++) {
    const u = x[i] as number;
    const v = y[i] as number;
    if (u === v) continue; // equal infinities
    if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) return false;
  }
  return true;
}
