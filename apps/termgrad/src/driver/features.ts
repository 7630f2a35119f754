import { PLAYGROUND_FEATURE_FUNCTIONS } from '@termgrad/models';
import type { Feature } from '../settings/network-settings.js';
import { featureOrder } from '../settings/network-settings.js';

/**
 * Maps points [n, 2] to the selected features [n, d] (row-major), columns in the Playground's
 * INPUTS order ({@link featureOrder}); d is the number of distinct features selected. The feature
 * functions are @termgrad/models' `PLAYGROUND_FEATURE_FUNCTIONS`, so library users build the same
 * inputs with `playgroundFeatures`.
 */
export function featurize(x: Float64Array, n: number, features: readonly Feature[]): Float64Array {
  const order = featureOrder(features);
  const d = order.length;
  const fns = order.map((f) => PLAYGROUND_FEATURE_FUNCTIONS[f]);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = x[2 * i] ?? 0;
    const b = x[2 * i + 1] ?? 0;
    for (let j = 0; j < d; j++) out[i * d + j] = (fns[j] as (a: number, b: number) => number)(a, b);
  }
  return out;
}
