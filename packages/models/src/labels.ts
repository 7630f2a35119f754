import { Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { toVector, type VectorLike } from './input.js';

/**
 * Maps ±1 labels (the TensorFlow Playground's, and a tanh-output model's) to class indices:
 * −1 → 0, +1 → 1 — the form LogisticRegression, Perceptron, SoftmaxRegression, the generative
 * classifier and a sigmoid/softmax MLP expect.
 * @throws {ModelError} on any value other than −1 or +1, naming its index.
 * @example
 * ```ts
 * plusMinusOneToIndices([-1, 1, 1]); // Float64Array [0, 1, 1]
 * ```
 */
export function plusMinusOneToIndices(y: VectorLike): Float64Array {
  const op = 'plusMinusOneToIndices';
  const v = toVector(op, y, 'y');
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c !== -1 && c !== 1)
      throw new ModelError(op, `y must hold ±1 labels; expected -1 or 1 at index ${i}, got ${c}`);
    out[i] = c === 1 ? 1 : 0;
  }
  return out;
}

/**
 * Maps class indices {0, 1} back to ±1 labels: 0 → −1, 1 → +1 (inverse of
 * {@link plusMinusOneToIndices}).
 * @throws {ModelError} on any value other than 0 or 1, naming its index.
 * @example
 * ```ts
 * indicesToPlusMinusOne([0, 1, 1]); // Float64Array [-1, 1, 1]
 * ```
 */
export function indicesToPlusMinusOne(y: VectorLike): Float64Array {
  const op = 'indicesToPlusMinusOne';
  const v = toVector(op, y instanceof Tensor ? y : y, 'y');
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c !== 0 && c !== 1)
      throw new ModelError(
        op,
        `y must hold class indices 0 or 1; expected 0 or 1 at index ${i}, got ${c}`,
      );
    out[i] = c === 1 ? 1 : -1;
  }
  return out;
}
