import type { Optimizer } from '@termgrad/optim';
import { type Tensor, warnDeprecated } from '@termgrad/tensor';
import type { Activation, OutputActivation } from './activations.js';
import type { Initializer } from './initializers.js';
import type { Loss } from './losses.js';
import { attachCore, type Buf, MlpCore } from './mlp-core.js';
import { fitMlp, type MLPFitOptions, type MLPHistory } from './mlp-fit.js';
import * as infer from './mlp-inference.js';
import type { MLPInput, MLPTarget } from './mlp-input.js';
import { mlpToJSON, readMlpDocument } from './mlp-json.js';
import { checkRegularization, resolveMlpOptions } from './mlp-options.js';
import * as params from './mlp-parameters.js';
import * as train from './mlp-training.js';
import type { MLPEvaluation, MLPJSON, MLPOptions, Regularization } from './mlp-types.js';

/**
 * A multilayer perceptron: dense layers x_j = Σᵢ w_ji yᵢ + b_j, y_j = f(x_j), trained by the
 * lecture's backpropagation — δ at the outputs, δᵢ = f′(xᵢ) Σⱼ δⱼ wⱼᵢ backwards, ∂E/∂wⱼᵢ = δⱼ yᵢ —
 * batched as matrix products in fused, register-tiled kernels with preallocated per-batch-size
 * buffers (no allocation per training step). Float64 by default; `dtype: 'float32'` uses a second
 * copy of the kernels so V8 keeps both monomorphic.
 *
 * Loss conventions: per sample ½Σⱼ(yⱼ − tⱼ)² (squaredError), binary or categorical
 * cross-entropy; the loss reported and the gradient are the MEAN over the batch, so SGD does
 * w ← w − η · (mean gradient) exactly like the TensorFlow Playground. Weight penalties (never
 * biases) are applied after each optimizer step as w ← w − η·λ·regDer(w) (L2: w; L1: sign(w),
 * and a weight the L1 step would carry across zero becomes 0 — the Playground's rule).
 *
 * Targets `y` (checked on every call, with an error naming the expected form):
 * - softmax + categoricalCrossEntropy: class indices 0..K−1 [n] or one-hot/probability rows [n, K];
 * - sigmoid + binaryCrossEntropy: 0/1 labels (or probabilities in [0, 1]) — ±1 labels are rejected
 *   (map them with `plusMinusOneToIndices`);
 * - tanh output: values in [−1, 1], e.g. the Playground's ±1 labels; sigmoid + squaredError: [0, 1];
 * - linear/ReLU outputs (regression): any finite values.
 *
 * @example
 * ```ts
 * const net = new MLP({ layers: [2, 8, 8, 1], activation: 'tanh', outputActivation: 'tanh',
 *   init: 'playground', seed: 1, optimizer: sgd({ learningRate: 0.03 }) });
 * const loss = net.trainBatch(xBatch, yBatch);   // one update, returns the batch loss
 * net.predict(grid);                              // ±1 per row
 * ```
 */
export class MLP {
  /** Units per layer, inputs first. */
  readonly layers: readonly number[];
  /** Hidden activations (one per hidden layer). */
  readonly hiddenActivations: readonly Activation[];
  /** Output activation. */
  readonly outputActivation: OutputActivation;
  /** The loss function (the `loss` option). */
  readonly lossType: Loss;
  /** Initialisation scheme. */
  readonly init: Initializer;
  /** Seed of the initialisation. */
  readonly seed: number;
  /** Storage and kernel dtype. */
  readonly dtype: 'float64' | 'float32';
  /** Slope α of leaky ReLU for x < 0. */
  readonly leakyReluAlpha: number;
  /** The optimizer trainBatch and fit use; replace it freely (e.g. a UI's optimizer selector). */
  optimizer: Optimizer;

  /** @throws {ModelError} on invalid layer sizes, unknown activations/losses/inits or bad pairs. */
  constructor(options: MLPOptions) {
    const c = resolveMlpOptions('MLP', options);
    const core = new MlpCore('MLP', c);
    attachCore(this, core);
    this.layers = c.layers;
    this.hiddenActivations = c.hiddenActivations;
    this.outputActivation = c.outputActivation;
    this.lossType = c.loss;
    this.init = c.init;
    this.seed = c.seed;
    this.dtype = c.dtype;
    this.leakyReluAlpha = c.leakyReluAlpha;
    this.optimizer = c.optimizer;
    this.#core = core;
  }

  readonly #core: MlpCore;

  /** Number of weight layers (layers.length − 1). */
  get depth(): number {
    return this.layers.length - 1;
  }

  /** Current penalty kind. */
  get regularization(): Regularization {
    return this.#core.reg;
  }

  /** Current penalty strength λ. */
  get lambda(): number {
    return this.#core.lambda;
  }

  /** @deprecated Use {@link lambda} (warns once; removed in the next minor version). */
  get regularizationRate(): number {
    warnDeprecated(
      'MLP.regularizationRate',
      "MLP.regularizationRate is deprecated; use 'lambda' (the alias is removed in the next minor version)",
    );
    return this.#core.lambda;
  }

  /** Changes the weight penalty (e.g. from a UI). @throws {ModelError} on unknown kinds or a negative λ. */
  setRegularization(kind: Regularization, lambda: number): void {
    const r = checkRegularization('MLP.setRegularization', kind, lambda);
    this.#core.reg = r.kind;
    this.#core.lambda = r.lambda;
  }

  /**
   * Mini-batch training: `maxEpochs` passes over reshuffled batches with this model's optimizer (or
   * `options.optimizer`), optional validation split/data and early stopping (best weights restored).
   * @param x inputs [n, inputs]; y targets [n] or [n, outputs] (see the class notes for each output).
   * @throws {ModelError} on bad input or a diverging run (last good weights restored first).
   * @example
   * ```ts
   * const h = net.fit(x, labels, { maxEpochs: 20, batchSize: 32, validationSplit: 0.2, earlyStopping: { patience: 3 } });
   * console.log(h.valLoss.at(-1), h.reason);
   * ```
   */
  fit(x: MLPInput, y: MLPTarget, options: MLPFitOptions = {}): MLPHistory {
    return fitMlp(this, x, y, options);
  }

  /**
   * One mini-batch update: forward, backward (mean gradient over the batch), optimizer step,
   * weight penalty. After the first call with a given batch size it only allocates two small view
   * descriptors per call (the buffers are reused).
   * @param x inputs [B, inputs]; y targets [B] or [B, outputs] (see {@link MLPTarget}).
   * @returns the mean data loss of the batch before the update.
   * @throws {ModelError} on shape mismatches, NaN inputs or targets of the wrong form.
   */
  trainBatch(x: MLPInput, y: MLPTarget): number {
    return train.trainBatch(this.#core, this.optimizer, x, y);
  }

  /**
   * Computes the mean data loss and the gradient of loss + penalty (L2: λw, L1: λ·sign(w)) into
   * {@link gradients} without updating anything.
   * @returns the mean data loss (without the penalty).
   */
  computeGradients(x: MLPInput, y: MLPTarget): number {
    return train.computeGradients(this.#core, x, y);
  }

  /** The weight penalty: L1 λΣ|w|, L2 (λ/2)Σw², 0 without regularisation (biases excluded). */
  penalty(): number {
    return train.penalty(this.#core);
  }

  /**
   * Network outputs (after the output activation).
   * @param x inputs [n, inputs]. @returns Tensor [n, outputs] of the model's dtype.
   * @throws {ModelError} on a wrong number of columns, empty input or NaN.
   */
  forward(x: MLPInput): Tensor {
    return infer.forward(this.#core, x);
  }

  /**
   * Every layer's activations for a batch (for per-neuron heat maps): entry l is Tensor
   * [n, layers[l+1]] — hidden layers first, the outputs last. Inputs are not repeated.
   */
  activations(x: MLPInput): Tensor[] {
    return infer.activations(this.#core, x);
  }

  /**
   * Class probabilities: softmax/sigmoid outputs as they are, tanh outputs mapped to (o + 1)/2.
   * @returns Tensor [n, outputs]. @throws {ModelError} for linear/ReLU (regression) outputs.
   */
  predictProba(x: MLPInput): Tensor {
    return infer.predictProba(this.#core, x);
  }

  /**
   * Predictions: class indices [n] for softmax (or several sigmoid/tanh outputs), 0/1 [n] for one
   * sigmoid output, ±1 [n] for one tanh output (the Playground's labels), 0/1 [n, K] for
   * multi-label binary cross-entropy, and the raw outputs [n, outputs] for regression outputs.
   */
  predict(x: MLPInput): Tensor {
    return infer.predict(this.#core, x);
  }

  /** Mean data loss ½Σ(y−t)² / cross-entropy over the rows of x (the penalty is not included; see {@link penalty}). */
  loss(x: MLPInput, y: MLPTarget): number {
    return infer.evaluate(this.#core, x, y).loss;
  }

  /**
   * Mean data loss and accuracy over a data set.
   * @throws {ModelError} on shape mismatches or targets of the wrong form.
   */
  evaluate(x: MLPInput, y: MLPTarget): MLPEvaluation {
    return infer.evaluate(this.#core, x, y);
  }

  /** The live parameter buffers [W₀, b₀, W₁, b₁, …] (W_l is [nIn, nOut] row-major: w_ji at i·nOut + j). */
  parameters(): (Float64Array | Float32Array)[] {
    return [...this.#core.params];
  }

  /** The live gradient buffers, parallel to {@link parameters} (filled by the last update or computeGradients). */
  gradients(): (Float64Array | Float32Array)[] {
    return [...this.#core.grads];
  }

  /** Copies parameters in (same order and lengths as {@link parameters}). @throws {ModelError} on a mismatch. */
  setParameters(values: readonly ArrayLike<number>[]): void {
    params.setParameters(this.#core, values);
  }

  /** Weights of layer l (0-based) as a Tensor copy [nIn, nOut]: element (i, j) is w_ji. */
  getWeights(l: number): Tensor {
    return params.getWeights(this.#core, l);
  }

  /** Biases of layer l as a Tensor copy [nOut]. */
  getBias(l: number): Tensor {
    return params.getBias(this.#core, l);
  }

  /**
   * Sets layer l's weights ([nIn, nOut] row-major values, w_ji at i·nOut + j, or nested rows) and optionally its biases.
   * @throws {ModelError} on wrong sizes.
   */
  setLayer(
    l: number,
    weights: ArrayLike<number> | readonly (readonly number[])[],
    bias?: ArrayLike<number>,
  ): void {
    params.setLayer(this.#core, l, weights, bias);
  }

  /**
   * Exact JSON document (weights, options and optimizer state) written with the shared model
   * serializer (−0 kept); `MLP.fromJSON(JSON.parse(JSON.stringify(m.toJSON())))` reproduces m.
   */
  toJSON(): MLPJSON {
    return mlpToJSON(this.#core, this.optimizer);
  }

  /**
   * Rebuilds a model from {@link toJSON} output (the object or its JSON string); documents written
   * before the vocabulary renames load too.
   * @throws {ModelError} on a malformed document, a wrong type or a future version.
   */
  static fromJSON(input: MLPJSON | string | unknown): MLP {
    const doc = readMlpDocument('MLP.fromJSON', input);
    const model = new MLP(doc.options);
    for (let l = 0; l < model.depth; l++)
      model.setLayer(l, doc.weights[l] as Buf, doc.biases[l] as Buf);
    return model;
  }
}
