import type { Optimizer, OptimizerState } from '@termgrad/optim';
import type { Activation, OutputActivation } from './activations.js';
import type { Initializer } from './initializers.js';
import type { Loss } from './losses.js';
import type { JsonNumber } from './serialization.js';

/** Weight regularisation (weights only, never biases). */
export type Regularization = 'none' | 'l1' | 'l2';

/** Options of the {@link MLP} constructor. */
export interface MLPOptions {
  /** Units per layer including inputs and outputs, e.g. [2, 8, 8, 1] or [784, 128, 64, 10] (required). */
  layers: readonly number[];
  /** Hidden activation, one for all hidden layers or one per hidden layer (default 'tanh'). */
  activation?: Activation | readonly Activation[];
  /** Output activation (default from the loss: squaredError → linear, binaryCrossEntropy → sigmoid, categoricalCrossEntropy → softmax). */
  outputActivation?: OutputActivation;
  /** Loss (default categoricalCrossEntropy for a softmax output, else squaredError). */
  loss?: Loss;
  /** Initialisation (default 'he' when every hidden layer is ReLU/leaky ReLU, else 'glorot'). */
  init?: Initializer;
  /** Seed of the initialisation (default 0). */
  seed?: number;
  /** Storage and kernel dtype (default 'float64'). */
  dtype?: 'float64' | 'float32';
  /** Slope α of leaky ReLU for x < 0 (default 0.01). */
  leakyReluAlpha?: number;
  /** Weight penalty (default 'none'). */
  regularization?: Regularization;
  /** Penalty strength λ (default 0): L1 λΣ|w|, L2 (λ/2)Σw². */
  lambda?: number;
  /** @deprecated Use `lambda` (warns once; removed in the next minor version). */
  regularizationRate?: number;
  /** Optimizer used by trainBatch and fit (default sgd with learning rate 0.01). */
  optimizer?: Optimizer;
}

/**
 * Serialised MLP (`toJSON` output), written with the shared model serializer: numbers are exact
 * (float32 weights are stored as their double values) and −0 is stored as the string `"-0"`.
 * Documents written before the vocabulary renames (`regularizationRate` instead of `lambda`) load too.
 */
export interface MLPJSON {
  readonly type: 'MLP';
  readonly version: number;
  readonly layers: readonly number[];
  readonly activations: readonly Activation[];
  readonly outputActivation: OutputActivation;
  readonly loss: Loss;
  readonly init: Initializer;
  readonly seed: number;
  readonly dtype: 'float64' | 'float32';
  readonly leakyReluAlpha: number;
  readonly regularization: Regularization;
  /** Penalty strength λ. */
  readonly lambda: number;
  /** Per layer, the weights [nIn, nOut] row-major: element i·nOut + j is w_ji (input i → unit j). */
  readonly weights: readonly (readonly JsonNumber[])[];
  readonly biases: readonly (readonly JsonNumber[])[];
  readonly optimizer: OptimizerState;
}

/** Metrics of an evaluation. */
export interface MLPEvaluation {
  /** Mean data loss (without the penalty). */
  readonly loss: number;
  /** Fraction classified correctly (NaN for regression outputs). */
  readonly accuracy: number;
}
