import { ModelError } from './errors.js';
import { LEAKY_RELU, LINEAR, RELU, SIGMOID, SOFTMAX, TANH } from './mlp-activation-codes.js';

/**
 * Activation of a dense layer: sigmoid σ(x) = 1/(1+e^−x) (f′ = y(1−y)), tanh (f′ = 1−y²),
 * ReLU max(0, x) (f′ = [x>0]), linear x (f′ = 1), leaky ReLU x>0 ? x : αx (f′ = 1 or α).
 */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear' | 'leakyRelu';

/** Output-layer activation: any {@link Activation} or softmax (row-wise, for categorical cross-entropy). */
export type OutputActivation = Activation | 'softmax';

const CODES: Record<OutputActivation, number> = {
  linear: LINEAR,
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  leakyRelu: LEAKY_RELU,
  softmax: SOFTMAX,
};

/** Kernel code of an activation name. @internal */
export function activationCode(op: string, name: unknown, output: boolean): number {
  const code =
    typeof name === 'string' && Object.hasOwn(CODES, name)
      ? CODES[name as OutputActivation]
      : undefined;
  if (code === undefined || (!output && code === SOFTMAX)) {
    const allowed = output
      ? 'sigmoid, tanh, relu, linear, leakyRelu, softmax'
      : 'sigmoid, tanh, relu, linear, leakyRelu';
    throw new ModelError(
      op,
      `unknown ${output ? 'output ' : ''}activation; expected one of ${allowed}, got ${JSON.stringify(name)}`,
    );
  }
  return code;
}
