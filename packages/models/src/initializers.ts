import type { Random } from '@termgrad/tensor';
import { ModelError } from './errors.js';

/**
 * Weight initialisation of an MLP (weights drawn layer by layer, row-major, from a seeded Random):
 * - `glorot` (alias `xavier`): U(−√(6/(nIn+nOut)), +√(6/(nIn+nOut))), biases 0 (Glorot & Bengio 2010).
 * - `he`: N(0, 2/nIn), biases 0 (He et al. 2015), for ReLU layers.
 * - `playground`: U(−0.5, 0.5) for every weight and bias 0.1, as the TensorFlow Playground does.
 */
export type Initializer = 'glorot' | 'xavier' | 'he' | 'playground';

/** Fills one layer's weights [nIn, nOut] and biases [nOut]. @internal */
export function initializeLayer(
  op: string,
  init: unknown,
  rng: Random,
  w: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  nIn: number,
  nOut: number,
): void {
  switch (init) {
    case 'glorot':
    case 'xavier': {
      const limit = Math.sqrt(6 / (nIn + nOut));
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
      b.fill(0);
      return;
    }
    case 'he': {
      const std = Math.sqrt(2 / nIn);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
      b.fill(0);
      return;
    }
    case 'playground':
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-0.5, 0.5);
      b.fill(0.1);
      return;
    default:
      throw new ModelError(
        op,
        `unknown init; expected glorot, xavier, he or playground, got ${JSON.stringify(init)}`,
      );
  }
}
