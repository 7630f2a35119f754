import { featureOrder } from '../settings/network-settings.js';
import type { Feature } from '../settings/network-settings.js';

/** The Playground's input features of a point (x₁, x₂). */
const FEATURE_FNS: Readonly<Record<Feature, (a: number, b: number) => number>> = {
  x1: (a) => a,
  x2: (_, b) => b,
  x1sq: (a) => a * a,
  x2sq: (_, b) => b * b,
  x1x2: (a, b) => a * b,
  sinx1: (a) => Math.sin(a),
  sinx2: (_, b) => Math.sin(b),
};

/**
 * Maps points [n, 2] to the selected features [n, d] (row-major), columns in the Playground's
 * INPUTS order ({@link featureOrder}); d is the number of distinct features selected.
 */
export function featurize(x: Float64Array, n: number, features: readonly Feature[]): Float64Array {
  const order = featureOrder(features);
  const d = order.length;
  const fns = order.map((f) => FEATURE_FNS[f]);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = x[2 * i] ?? 0;
    const b = x[2 * i + 1] ?? 0;
    for (let j = 0; j < d; j++) out[i * d + j] = (fns[j] as (a: number, b: number) => number)(a, b);
  }
  return out;
}
