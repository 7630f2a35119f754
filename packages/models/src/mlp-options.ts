// MLP constructor options: validation, defaults and the deprecated aliases (internal).
import { type Optimizer, sgd } from '@termgrad/optim';
import { renameDeprecated, validators } from '@termgrad/tensor';
import { type Activation, activationCode, type OutputActivation } from './activations.js';
import { ModelError } from './errors.js';
import type { Initializer } from './initializers.js';
import { type Loss, resolveLoss } from './losses.js';
import type { MLPOptions, Regularization } from './mlp-types.js';

const check = validators(ModelError);

/** MLP option names and their deprecated aliases (removed in the next minor version). @internal */
export const MLP_OPTION_ALIASES: Readonly<Record<string, string>> = {
  regularizationRate: 'lambda',
};

const MLP_OPTION_KEYS = [
  'layers',
  'activation',
  'outputActivation',
  'loss',
  'init',
  'seed',
  'dtype',
  'leakyReluAlpha',
  'regularization',
  'lambda',
  'optimizer',
] as const;

/** Fully resolved, validated MLP options. @internal */
export interface MLPConfig {
  readonly layers: readonly number[];
  readonly hiddenActivations: readonly Activation[];
  readonly outputActivation: OutputActivation;
  readonly loss: Loss;
  readonly lossCode: number;
  /** Activation kernel codes, hidden layers then the output. */
  readonly codes: readonly number[];
  readonly init: Initializer;
  readonly seed: number;
  readonly dtype: 'float64' | 'float32';
  readonly leakyReluAlpha: number;
  readonly regularization: Regularization;
  readonly lambda: number;
  readonly optimizer: Optimizer;
}

/** Validates a penalty kind and strength. @internal */
export function checkRegularization(
  op: string,
  kind: unknown,
  lambda: unknown,
): { kind: Regularization; lambda: number } {
  return {
    kind: check.oneOf(op, 'regularization', kind, ['none', 'l1', 'l2'] as const),
    lambda: check.number(op, 'lambda', lambda, { min: 0 }),
  };
}

/**
 * Resolves the constructor options: defaults, deprecated aliases, validation.
 * @throws {ModelError} on invalid layer sizes, unknown activations/losses/inits or bad pairs.
 * @internal
 */
export function resolveMlpOptions(op: string, input: MLPOptions): MLPConfig {
  if (input === null || typeof input !== 'object')
    throw new ModelError(op, `options must be an object; got ${String(input)}`);
  const options = renameDeprecated(op, input, MLP_OPTION_ALIASES, ModelError);
  check.optionKeys(op, options, MLP_OPTION_KEYS);
  const layers = options.layers;
  if (
    !Array.isArray(layers) ||
    layers.length < 2 ||
    layers.some((n) => !Number.isInteger(n) || n < 1)
  ) {
    throw new ModelError(
      op,
      `layers must list at least 2 positive integers (inputs, …, outputs); got ${JSON.stringify(layers)}`,
    );
  }
  const L = layers.length - 1;
  const act = options.activation ?? 'tanh';
  if (typeof act !== 'string' && !Array.isArray(act))
    throw new ModelError(op, `activation must be a name or an array of names; got ${typeof act}`);
  const hidden: Activation[] =
    typeof act === 'string'
      ? Array.from({ length: L - 1 }, () => act as Activation)
      : [...(act as readonly Activation[])];
  if (hidden.length !== L - 1)
    throw new ModelError(
      op,
      `activation list has the wrong length; expected ${L - 1} (one per hidden layer), got ${hidden.length}`,
    );
  const { loss, output, code } = resolveLoss(op, options.loss, options.outputActivation);
  const codes = [
    ...hidden.map((a) => activationCode(op, a, false)),
    activationCode(op, output, true),
  ];
  const reluOnly = hidden.length > 0 && hidden.every((a) => a === 'relu' || a === 'leakyRelu');
  const seed = check.number(op, 'seed', options.seed ?? 0);
  const dtype = check.oneOf(op, 'dtype', options.dtype ?? 'float64', [
    'float64',
    'float32',
  ] as const);
  const leakyReluAlpha = check.number(op, 'leakyReluAlpha', options.leakyReluAlpha ?? 0.01, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const reg = checkRegularization(op, options.regularization ?? 'none', options.lambda ?? 0);
  return {
    layers: Object.freeze([...layers]),
    hiddenActivations: Object.freeze(hidden),
    outputActivation: output,
    loss,
    lossCode: code,
    codes,
    init: options.init ?? (reluOnly ? 'he' : 'glorot'),
    seed,
    dtype,
    leakyReluAlpha,
    regularization: reg.kind,
    lambda: reg.lambda,
    optimizer: options.optimizer ?? sgd({ learningRate: 0.01 }),
  };
}
