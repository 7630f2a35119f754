import type { OutputActivation } from './activations.js';
import { ModelError } from './errors.js';

/**
 * Loss of an MLP. Per sample (outputs y, targets t, summed over output units j):
 * - `squaredError`: ½ Σⱼ (yⱼ − tⱼ)² — the lecture's sum-of-squares, and the Playground's
 *   ½ (o − t)²; pairs with any output activation except softmax (linear for regression, sigmoid as
 *   in the lecture, tanh with ±1 labels as in the Playground). Output δ = (y − t) f′.
 * - `binaryCrossEntropy`: −Σⱼ [tⱼ ln yⱼ + (1 − tⱼ) ln(1 − yⱼ)] with sigmoid outputs, δ = y − t.
 * - `categoricalCrossEntropy`: −Σⱼ tⱼ ln softmax(x)ⱼ with softmax outputs, δ = y − t.
 * The reported loss and the gradient are both the MEAN over the samples of a batch.
 */
export type Loss = 'squaredError' | 'binaryCrossEntropy' | 'categoricalCrossEntropy';

/** Loss kernel codes. @internal */
export const SQUARED_ERROR = 0;
/** @internal */
export const BINARY_CROSS_ENTROPY = 1;
/** @internal */
export const CATEGORICAL_CROSS_ENTROPY = 2;

/** Resolves loss/output defaults and checks the pair. @internal */
export function resolveLoss(
  op: string,
  loss: unknown,
  output: unknown,
): { loss: Loss; output: OutputActivation; code: number } {
  const defaults: Record<Loss, OutputActivation> = {
    squaredError: 'linear',
    binaryCrossEntropy: 'sigmoid',
    categoricalCrossEntropy: 'softmax',
  };
  let l = loss as Loss | undefined;
  if (l === undefined) l = output === 'softmax' ? 'categoricalCrossEntropy' : 'squaredError';
  if (!Object.hasOwn(defaults, l)) {
    throw new ModelError(
      op,
      `unknown loss; expected squaredError, binaryCrossEntropy or categoricalCrossEntropy, got ${JSON.stringify(loss)}`,
    );
  }
  const o = (output ?? defaults[l]) as OutputActivation;
  if (l === 'categoricalCrossEntropy' && o !== 'softmax')
    throw new ModelError(
      op,
      `categoricalCrossEntropy needs a softmax output; expected outputActivation 'softmax', got ${JSON.stringify(o)}`,
    );
  if (l === 'binaryCrossEntropy' && o !== 'sigmoid')
    throw new ModelError(
      op,
      `binaryCrossEntropy needs a sigmoid output; expected outputActivation 'sigmoid', got ${JSON.stringify(o)}`,
    );
  if (l === 'squaredError' && o === 'softmax')
    throw new ModelError(
      op,
      `softmax outputs pair with categoricalCrossEntropy; expected loss 'categoricalCrossEntropy', got 'squaredError'`,
    );
  const code =
    l === 'squaredError'
      ? SQUARED_ERROR
      : l === 'binaryCrossEntropy'
        ? BINARY_CROSS_ENTROPY
        : CATEGORICAL_CROSS_ENTROPY;
  return { loss: l, output: o, code };
}
