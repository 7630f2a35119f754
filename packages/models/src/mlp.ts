import { fromState, sgd, type Optimizer } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { activationCode, type Activation, type OutputActivation } from './activations.js';
import { ModelError } from './errors.js';
import { initializeLayer, type Initializer } from './initializers.js';
import { SOFTMAX as SOFTMAX_CODE } from './mlp-activation-codes.js';
import * as K64 from './mlp-kernels-f64.js';
import * as K32 from './mlp-kernels-f32-wasm.js';
import { copyRows, copyTargets, viewMatrix, viewTargets, type MLPInput, type MLPTarget } from './mlp-input.js';
import { fitMlp, type MLPFitOptions, type MLPHistory } from './mlp-fit.js';
import type { MLPEvaluation, MLPJSON, MLPOptions, Regularization } from './mlp-types.js';
import { BINARY_CROSS_ENTROPY, CATEGORICAL_CROSS_ENTROPY, resolveLoss, type Loss } from './losses.js';

type Buf = Float64Array | Float32Array;
/** The kernel bundle; one module per dtype so each kernel stays monomorphic. */
interface Kernels {
  denseForward(A: Buf, B: Buf, bias: Buf, C: Buf, m: number, k: number, n: number): void;
  backInput(D: Buf, B: Buf, C: Buf, m: number, k: number, n: number): void;
  backWeights(A: Buf, D: Buf, G: Buf, m: number, k: number, n: number): void;
  columnSums(D: Buf, g: Buf, m: number, n: number): void;
  activate(kind: number, a: Buf, len: number, n: number, alpha: number): void;
  multiplyDerivative(kind: number, y: Buf, d: Buf, len: number, alpha: number): void;
  gatherRows(src: Buf, indices: ArrayLike<number>, start: number, count: number, d: number, dst: Buf): void;
}

/** Preallocated buffers for one batch size. */
interface Workspace {
  readonly size: number;
  /** a[0] inputs, a[l] outputs of layer l (after activation). */
  readonly a: Buf[];
  /** d[l] = δ of layer l (d[0] unused). */
  readonly d: Buf[];
  /** Output pre-activations. */
  readonly z: Buf;
  /** Dense targets [size, outputs]. */
  readonly t: Buf;
}

const EVAL_CHUNK = 256;
const SOFTMAX = SOFTMAX_CODE;
const CLASS_NONE = 0;
const CLASS_THRESHOLD = 1;
const CLASS_ARGMAX = 2;
const CLASS_MULTILABEL = 3;

/**
 * A multilayer perceptron: dense layers x_j = Σᵢ w_ji yᵢ + b_j, y_j = f(x_j), trained by the
 * lecture's backpropagation — δ at the outputs, δᵢ = f′(xᵢ) Σⱼ δⱼ wⱼᵢ backwards, ∂E/∂wⱼᵢ = δⱼ yᵢ —
 * batched as matrix products in fused, register-tiled kernels with preallocated per-batch-size
 * buffers (no allocation per training step). Float64 by default; `dtype: 'float32'` uses a second
 * copy of the kernels so V8 keeps both monomorphic.
 *
 * Loss conventions: per sample ½Σⱼ(yⱼ − tⱼ)² (squaredError), binary or categorical
 * cross-entropy; the loss reported and the gradient are the MEAN over the batch, so SGD does
 * w ← w − lr · (mean gradient) exactly like the TensorFlow Playground. Weight penalties (never
 * biases) are applied after each optimizer step as w ← w − lr·λ·regDer(w) (L2: w; L1: sign(w),
 * and a weight the L1 step would carry across zero becomes 0 — the Playground's rule).
 *
 * @example
 * ```ts
 * const net = new MLP({ layers: [2, 8, 8, 1], activation: 'tanh', outputActivation: 'tanh',
 *   init: 'playground', seed: 1, optimizer: sgd({ lr: 0.03 }) });
 * const loss = net.trainBatch(xBatch, yBatch);   // one update, returns the batch loss
 * net.predict(grid);                              // ±1 per row
 * ```
 */
export class MLP {
  /** Units per layer, inputs first. */
  readonly layers: readonly number[];
  /** Hidden activations (one per hidden layer). */
  readonly hiddenActivations: readonly Activation[];
  readonly outputActivation: OutputActivation;
  /** The loss function (the `loss` option). */
  readonly lossType: Loss;
  readonly init: Initializer;
  readonly seed: number;
  readonly dtype: 'float64' | 'float32';
  readonly leakyReluAlpha: number;
  /** The optimizer trainBatch and fit use; replace it freely (e.g. a UI's optimizer selector). */
  optimizer: Optimizer;
  private reg: Regularization;
  private regRate: number;
  private readonly k: Kernels;
  private readonly codes: number[];
  private readonly lossCode: number;
  private readonly classKind: number;
  private readonly W: Buf[] = [];
  private readonly b: Buf[] = [];
  private readonly gW: Buf[] = [];
  private readonly gb: Buf[] = [];
  private readonly params: Buf[] = [];
  private readonly grads: Buf[] = [];
  private readonly workspaces = new Map<number, Workspace>();

  /** @throws {ModelError} on invalid layer sizes, unknown activations/losses/inits or bad pairs. */
  constructor(options: MLPOptions) {
    const op = 'MLP';
    if (options === null || typeof options !== 'object') throw new ModelError(op, `options must be an object; got ${String(options)}`);
    const allowed = ['layers', 'activation', 'outputActivation', 'loss', 'init', 'seed', 'dtype', 'leakyReluAlpha', 'regularization', 'regularizationRate', 'optimizer'];
    for (const key of Object.keys(options)) if (!allowed.includes(key)) throw new ModelError(op, `unknown option ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`);
    const layers = options.layers;
    if (!Array.isArray(layers) || layers.length < 2 || layers.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new ModelError(op, `layers must list at least 2 positive integers (inputs, …, outputs); got ${JSON.stringify(layers)}`);
    }
    this.layers = Object.freeze([...layers]);
    const L = layers.length - 1;
    const act = options.activation ?? 'tanh';
    if (typeof act !== 'string' && !Array.isArray(act)) throw new ModelError(op, `activation must be a name or an array of names; got ${typeof act}`);
    const hidden = typeof act === 'string' ? Array.from({ length: L - 1 }, () => act) : [...act];
    if (hidden.length !== L - 1) throw new ModelError(op, `activation list has the wrong length; expected ${L - 1} (one per hidden layer), got ${hidden.length}`);
    this.hiddenActivations = Object.freeze(hidden);
    const { loss, output, code } = resolveLoss(op, options.loss, options.outputActivation);
    this.lossType = loss;
    this.outputActivation = output;
    this.lossCode = code;
    this.codes = [...hidden.map((a) => activationCode(op, a, false)), activationCode(op, output, true)];
    const reluOnly = hidden.length > 0 && hidden.every((a) => a === 'relu' || a === 'leakyRelu');
    this.init = options.init ?? (reluOnly ? 'he' : 'glorot');
    const seed = options.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new ModelError(op, `seed must be a finite number; got ${String(seed)}`);
    this.seed = seed;
    const dtype = options.dtype ?? 'float64';
    if (dtype !== 'float64' && dtype !== 'float32') throw new ModelError(op, `dtype must be 'float64' or 'float32'; got ${JSON.stringify(dtype)}`);
    this.dtype = dtype;
    this.k = (dtype === 'float64' ? K64 : K32) as unknown as Kernels;
    const alpha = options.leakyReluAlpha ?? 0.01;
    if (typeof alpha !== 'number' || !(alpha >= 0 && alpha < 1)) throw new ModelError(op, `leakyReluAlpha must be in [0, 1); got ${String(alpha)}`);
    this.leakyReluAlpha = alpha;
    this.reg = 'none';
    this.regRate = 0;
    this.setRegularization(options.regularization ?? 'none', options.regularizationRate ?? 0);
    this.optimizer = options.optimizer ?? sgd({ lr: 0.01 });
    const out = layers[L] as number;
    this.classKind =
      output === 'softmax' ? CLASS_ARGMAX
      : output === 'sigmoid' && loss === 'binaryCrossEntropy' && out > 1 ? CLASS_MULTILABEL
      : (output === 'sigmoid' || output === 'tanh') ? (out === 1 ? CLASS_THRESHOLD : CLASS_ARGMAX)
      : CLASS_NONE;
    const rng = new Random(seed);
    for (let l = 0; l < L; l++) {
      const nIn = layers[l] as number;
      const nOut = layers[l + 1] as number;
      const w = this.alloc(nIn * nOut);
      const bias = this.alloc(nOut);
      initializeLayer(op, this.init, rng, w, bias, nIn, nOut);
      this.W.push(w);
      this.b.push(bias);
      this.gW.push(this.alloc(nIn * nOut));
      this.gb.push(this.alloc(nOut));
      this.params.push(w, bias);
      this.grads.push(this.gW[l] as Buf, this.gb[l] as Buf);
    }
  }

  /** Number of weight layers (layers.length − 1). */
  get depth(): number {
    return this.layers.length - 1;
  }

  /** Current penalty kind. */
  get regularization(): Regularization {
    return this.reg;
  }

  /** Current penalty rate λ. */
  get regularizationRate(): number {
    return this.regRate;
  }

  /** Changes the weight penalty (e.g. from a UI). @throws {ModelError} on unknown kinds or negative rates. */
  setRegularization(kind: Regularization, rate: number): void {
    if (kind !== 'none' && kind !== 'l1' && kind !== 'l2') throw new ModelError('MLP.setRegularization', `regularization must be 'none', 'l1' or 'l2'; got ${JSON.stringify(kind)}`);
    if (typeof rate !== 'number' || !(rate >= 0) || !Number.isFinite(rate)) throw new ModelError('MLP.setRegularization', `regularizationRate must be a finite number ≥ 0; got ${String(rate)}`);
    this.reg = kind;
    this.regRate = rate;
  }

  // ---------------------------------------------------------------- training

  /**
   * Mini-batch training: `epochs` passes over reshuffled batches with this model's optimizer (or
   * `options.optimizer`), optional validation split/data and early stopping (best weights restored).
   * @param x inputs [n, inputs]; y targets [n] or [n, outputs].
   * @throws {ModelError} on bad input or a diverging run (last good weights restored first).
   * @example
   * ```ts
   * const h = net.fit(x, labels, { epochs: 20, batchSize: 32, validationSplit: 0.2, earlyStopping: { patience: 3 } });
   * console.log(h.valLoss.at(-1), h.reason);
   * ```
   */
  fit(x: MLPInput, y: MLPTarget, options: MLPFitOptions = {}): MLPHistory {
    return fitMlp(this, x, y, options);
  }

  /**
   * One mini-batch update: forward, backward (mean gradient over the batch), optimizer step,
   * weight penalty. After the first call with a given batch size it only allocates two small view
   * descriptors per call (the buffers are reused); {@link trainRows} allocates nothing.
   * @param x inputs [B, inputs]; y targets [B] or [B, outputs] (see {@link MLPTarget}).
   * @returns the mean data loss of the batch before the update.
   * @throws {ModelError} on shape mismatches or NaN inputs.
   */
  trainBatch(x: MLPInput, y: MLPTarget): number {
    const ws = this.loadBatch('MLP.trainBatch', x, y);
    return this.step(ws, ws.size);
  }

  /**
   * One update on rows `indices[start .. start+count)` of contiguous row-major buffers of the
   * model's dtype — the allocation-free path fit and training tasks use.
   * @param x inputs [n, inputs]; t dense targets [n, outputs] (one-hot for classes).
   * @returns the mean data loss of the batch before the update.
   */
  trainRows(x: Buf, t: Buf, indices: ArrayLike<number>, start = 0, count = indices.length - start): number {
    const ws = this.workspace(count);
    this.k.gatherRows(x, indices, start, count, this.layers[0] as number, ws.a[0] as Buf);
    this.k.gatherRows(t, indices, start, count, this.outputs, ws.t);
    return this.step(ws, count);
  }

  /**
   * Computes the mean data loss and the gradient of loss + penalty (L2: λw, L1: λ·sign(w)) into
   * {@link gradients} without updating anything.
   * @returns the mean data loss (without the penalty).
   */
  computeGradients(x: MLPInput, y: MLPTarget): number {
    const ws = this.loadBatch('MLP.computeGradients', x, y);
    const B = ws.size;
    this.forwardWs(ws, B);
    const loss = this.dataLoss(ws, B);
    this.backward(ws, B);
    if (this.reg !== 'none' && this.regRate > 0) {
      const lambda = this.regRate;
      for (let l = 0; l < this.depth; l++) {
        const w = this.W[l] as Buf;
        const g = this.gW[l] as Buf;
        if (this.reg === 'l2') for (let i = 0; i < w.length; i++) g[i] = (g[i] as number) + lambda * (w[i] as number);
        else for (let i = 0; i < w.length; i++) g[i] = (g[i] as number) + lambda * Math.sign(w[i] as number);
      }
    }
    return loss;
  }

  /**
   * Forward and backward pass over the contiguous rows `start .. start+count` of x [n, inputs] and
   * dense targets t [n, outputs] (buffers of the model's dtype), leaving the SUM over those rows of
   * ∂E/∂w and ∂E/∂b (not the mean, no penalty) in {@link gradients}; nothing is updated. This is
   * the TensorFlow Playground's per-point accumulation done as one batch (used by
   * PlaygroundTrainer and the data-parallel workers of `fit`). Allocation-free after the first
   * call with a given count.
   * @returns the SUM over those rows of the data loss.
   */
  sumGradientRows(x: Buf, t: Buf, start: number, count: number): number {
    const ws = this.workspace(count);
    const d = this.layers[0] as number;
    const K = this.outputs;
    // plain copy loops: subarray views would allocate on every call
    const a0 = ws.a[0] as Buf;
    for (let i = 0, o = start * d; i < count * d; i++) a0[i] = x[o + i] as number;
    const tt = ws.t;
    for (let i = 0, o = start * K; i < count * K; i++) tt[i] = t[o + i] as number;
    this.forwardWs(ws, count);
    const loss = this.dataLoss(ws, count) * count;
    this.backward(ws, count, 1);
    return loss;
  }

  /**
   * One optimizer update from the gradients already in {@link gradients} (the batch mean of ∂E/∂w
   * and ∂E/∂b, no penalty), followed by the same weight-penalty rule as every other update. Used by
   * the data-parallel `fit` after it has reduced the workers' gradients.
   */
  applyGradients(): void {
    const lr = this.optimizer.lr;
    this.optimizer.step(this.params, this.grads);
    if (this.reg !== 'none' && this.regRate > 0) this.applyPenalty(lr * this.regRate);
  }

  /** The weight penalty: L1 λΣ|w|, L2 (λ/2)Σw², 0 without regularisation (biases excluded). */
  penalty(): number {
    if (this.reg === 'none' || this.regRate === 0) return 0;
    let s = 0;
    for (const w of this.W) for (let i = 0; i < w.length; i++) s += this.reg === 'l1' ? Math.abs(w[i] as number) : 0.5 * (w[i] as number) ** 2;
    return this.regRate * s;
  }

  private step(ws: Workspace, B: number): number {
    this.forwardWs(ws, B);
    const loss = this.dataLoss(ws, B);
    this.backward(ws, B);
    const lr = this.optimizer.lr;
    this.optimizer.step(this.params, this.grads);
    if (this.reg !== 'none' && this.regRate > 0) this.applyPenalty(lr * this.regRate);
    return loss;
  }

  /** w ← w − η·regDer(w) on weights; L1 clamps zero crossings to 0 (Playground rule). */
  private applyPenalty(eta: number): void {
    const l1 = this.reg === 'l1';
    for (const w of this.W) {
      for (let i = 0; i < w.length; i++) {
        const v = w[i] as number;
        if (l1) {
          const next = v - eta * Math.sign(v);
          w[i] = v * next < 0 ? 0 : next;
        } else {
          w[i] = v - eta * v;
        }
      }
    }
  }

  // ---------------------------------------------------------------- kernels glue

  private alloc(n: number): Buf {
    return this.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  }

  private get outputs(): number {
    return this.layers[this.layers.length - 1] as number;
  }

  /** Checks a batch and copies it into the workspace of its size (inputs to a[0], targets to t). */
  private loadBatch(op: string, x: MLPInput, y: MLPTarget): Workspace {
    const xv = viewMatrix(op, x, 'x', this.layers[0] as number);
    const B = xv.rows;
    const tv = viewTargets(op, y, B, this.outputs, this.lossCode);
    const ws = this.workspace(B);
    copyRows(op, 'x', xv, 0, B, ws.a[0] as Buf);
    copyTargets(op, tv, 0, B, this.outputs, ws.t);
    return ws;
  }

  private workspace(B: number): Workspace {
    let ws = this.workspaces.get(B);
    if (ws === undefined) {
      const a = this.layers.map((n) => this.alloc(B * n));
      const d = this.layers.map((n, l) => (l === 0 ? this.alloc(0) : this.alloc(B * n)));
      ws = { size: B, a, d, z: this.alloc(B * this.outputs), t: this.alloc(B * this.outputs) };
      this.workspaces.set(B, ws);
    }
    return ws;
  }

  /** Forward pass of ws.a[0] (first B rows) through every layer. */
  private forwardWs(ws: Workspace, B: number): void {
    const L = this.depth;
    const k = this.k;
    const alpha = this.leakyReluAlpha;
    for (let l = 0; l < L; l++) {
      const nIn = this.layers[l] as number;
      const nOut = this.layers[l + 1] as number;
      const out = ws.a[l + 1] as Buf;
      if (l === L - 1) {
        k.denseForward(ws.a[l] as Buf, this.W[l] as Buf, this.b[l] as Buf, ws.z, B, nIn, nOut);
        out.set(B === ws.size ? ws.z : ws.z.subarray(0, B * nOut));
      } else {
        k.denseForward(ws.a[l] as Buf, this.W[l] as Buf, this.b[l] as Buf, out, B, nIn, nOut);
      }
      k.activate(this.codes[l] as number, out, B * nOut, nOut, alpha);
    }
  }

  /** Mean data loss over the first B rows (targets in ws.t). */
  private dataLoss(ws: Workspace, B: number): number {
    const K = this.outputs;
    const y = ws.a[this.depth] as Buf;
    const z = ws.z;
    const t = ws.t;
    let s = 0;
    if (this.lossCode === BINARY_CROSS_ENTROPY) {
      // −[t ln σ(z) + (1−t) ln(1−σ(z))] = max(z,0) − z t + ln(1 + e^−|z|), stable for any z
      for (let i = 0; i < B * K; i++) {
        const zi = z[i] as number;
        s += Math.max(zi, 0) - zi * (t[i] as number) + Math.log1p(Math.exp(-Math.abs(zi)));
      }
    } else if (this.lossCode === CATEGORICAL_CROSS_ENTROPY) {
      for (let r = 0; r < B * K; r += K) {
        let max = -Infinity;
        for (let j = 0; j < K; j++) if ((z[r + j] as number) > max) max = z[r + j] as number;
        let e = 0;
        for (let j = 0; j < K; j++) e += Math.exp((z[r + j] as number) - max);
        const lse = max + Math.log(e);
        for (let j = 0; j < K; j++) s += (t[r + j] as number) * (lse - (z[r + j] as number));
      }
    } else {
      for (let i = 0; i < B * K; i++) {
        const diff = (y[i] as number) - (t[i] as number);
        s += 0.5 * diff * diff;
      }
    }
    return s / B;
  }

  /** Backpropagation: fills gW, gb with the gradient over the first B rows, scaled by `scale` (default 1/B: the mean). */
  private backward(ws: Workspace, B: number, scale = 1 / B): void {
    const L = this.depth;
    const k = this.k;
    const K = this.outputs;
    const alpha = this.leakyReluAlpha;
    const y = ws.a[L] as Buf;
    const t = ws.t;
    const dOut = ws.d[L] as Buf;
    const inv = scale;
    // δ at the outputs: (y − t) f′(x) for squared error; y − t for the matching cross-entropies
    for (let i = 0; i < B * K; i++) dOut[i] = ((y[i] as number) - (t[i] as number)) * inv;
    if (this.lossCode !== BINARY_CROSS_ENTROPY && this.lossCode !== CATEGORICAL_CROSS_ENTROPY) {
      k.multiplyDerivative(this.codes[L - 1] as number, y, dOut, B * K, alpha);
    }
    for (let l = L; l >= 1; l--) {
      const nIn = this.layers[l - 1] as number;
      const nOut = this.layers[l] as number;
      const d = ws.d[l] as Buf;
      // ∂E/∂w_ji = Σ_batch δ_j y_i ; ∂E/∂b_j = Σ_batch δ_j
      k.backWeights(ws.a[l - 1] as Buf, d, this.gW[l - 1] as Buf, B, nIn, nOut);
      k.columnSums(d, this.gb[l - 1] as Buf, B, nOut);
      if (l > 1) {
        // δ_i = f′(x_i) Σ_j δ_j w_ji
        const prev = ws.d[l - 1] as Buf;
        k.backInput(d, this.W[l - 1] as Buf, prev, B, nIn, nOut);
        k.multiplyDerivative(this.codes[l - 2] as number, ws.a[l - 1] as Buf, prev, B * nIn, alpha);
      }
    }
  }

  // ---------------------------------------------------------------- inference

  /**
   * Runs x through the network in chunks and calls `sink(ws, start, count)` after each chunk.
   * @internal
   */
  private sweep(op: string, x: MLPInput, sink: (ws: Workspace, start: number, count: number) => void): number {
    const xv = viewMatrix(op, x, 'x', this.layers[0] as number);
    const n = xv.rows;
    const ws = this.workspace(Math.min(EVAL_CHUNK, n));
    for (let start = 0; start < n; start += ws.size) {
      const count = Math.min(ws.size, n - start);
      copyRows(op, 'x', xv, start, count, ws.a[0] as Buf);
      this.forwardWs(ws, count);
      sink(ws, start, count);
    }
    return n;
  }

  /**
   * Network outputs (after the output activation).
   * @param x inputs [n, inputs]. @returns Tensor [n, outputs] of the model's dtype.
   * @throws {ModelError} on a wrong number of columns, empty input or NaN.
   */
  forward(x: MLPInput): Tensor {
    const K = this.outputs;
    const chunks: [number, Buf][] = [];
    const n = this.sweep('MLP.forward', x, (ws, start, count) => chunks.push([start, (ws.a[this.depth] as Buf).slice(0, count * K)]));
    const out = this.alloc(n * K);
    for (const [start, data] of chunks) out.set(data, start * K);
    return new Tensor(out, [n, K]);
  }

  /**
   * Every layer's activations for a batch (for per-neuron heat maps): entry l is Tensor
   * [n, layers[l+1]] — hidden layers first, the outputs last. Inputs are not repeated.
   */
  activations(x: MLPInput): Tensor[] {
    const op = 'MLP.activations';
    const xv = viewMatrix(op, x, 'x', this.layers[0] as number);
    const n = xv.rows;
    const result = this.layers.slice(1).map((u) => this.alloc(n * u));
    this.sweep(op, x, (ws, start, count) => {
      for (let l = 1; l <= this.depth; l++) {
        const u = this.layers[l] as number;
        (result[l - 1] as Buf).set((ws.a[l] as Buf).subarray(0, count * u), start * u);
      }
    });
    return result.map((data, l) => new Tensor(data, [n, this.layers[l + 1] as number]));
  }

  /**
   * Class probabilities: softmax/sigmoid outputs as they are, tanh outputs mapped to (o + 1)/2.
   * @returns Tensor [n, outputs]. @throws {ModelError} for linear/ReLU (regression) outputs.
   */
  predictProba(x: MLPInput): Tensor {
    if (this.classKind === CLASS_NONE) throw new ModelError('MLP.predictProba', `a ${this.outputActivation} output is a regression output; expected a sigmoid, tanh or softmax output`);
    const o = this.forward(x);
    if (this.outputActivation === 'tanh') {
      const d = o.data;
      for (let i = 0; i < d.length; i++) d[i] = Math.min(1, Math.max(0, ((d[i] as number) + 1) / 2));
    }
    return o;
  }

  /**
   * Predictions: class indices [n] for softmax (or several sigmoid/tanh outputs), 0/1 [n] for one
   * sigmoid output, ±1 [n] for one tanh output (the Playground's labels), 0/1 [n, K] for
   * multi-label binary cross-entropy, and the raw outputs [n, outputs] for regression outputs.
   */
  predict(x: MLPInput): Tensor {
    const o = this.forward(x);
    const K = this.outputs;
    const n = o.shape[0] as number;
    const d = o.data;
    switch (this.classKind) {
      case CLASS_NONE:
        return o;
      case CLASS_MULTILABEL: {
        for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) > 0.5 ? 1 : 0;
        return o;
      }
      case CLASS_THRESHOLD: {
        const tanh = this.outputActivation === 'tanh';
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = tanh ? ((d[i] as number) >= 0 ? 1 : -1) : (d[i] as number) > 0.5 ? 1 : 0;
        return new Tensor(out, [n]);
      }
      default: {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = argmaxRow(d, i * K, K);
        return new Tensor(out, [n]);
      }
    }
  }

  /** Mean data loss ½Σ(y−t)² / cross-entropy over the rows of x (the penalty is not included; see {@link penalty}). */
  loss(x: MLPInput, y: MLPTarget): number {
    return this.evaluate(x, y).loss;
  }

  /**
   * Mean data loss and accuracy over a data set.
   * @throws {ModelError} on shape mismatches.
   */
  evaluate(x: MLPInput, y: MLPTarget): MLPEvaluation {
    const op = 'MLP.evaluate';
    const xv = viewMatrix(op, x, 'x', this.layers[0] as number);
    const tv = viewTargets(op, y, xv.rows, this.outputs, this.lossCode);
    let loss = 0;
    let correct = 0;
    this.sweep(op, x, (ws, start, count) => {
      copyTargets(op, tv, start, count, this.outputs, ws.t);
      loss += this.dataLoss(ws, count) * count;
      correct += this.countCorrect(ws, count);
    });
    const n = xv.rows;
    return { loss: loss / n, accuracy: this.classKind === CLASS_NONE ? NaN : correct / (this.classKind === CLASS_MULTILABEL ? n * this.outputs : n) };
  }

  /** Evaluation on contiguous buffers of the model's dtype (x [n, inputs], t dense [n, outputs]). */
  evaluateRows(x: Buf, t: Buf, n: number): MLPEvaluation {
    const ws = this.workspace(Math.min(EVAL_CHUNK, n));
    const d = this.layers[0] as number;
    const K = this.outputs;
    let loss = 0;
    let correct = 0;
    for (let start = 0; start < n; start += ws.size) {
      const count = Math.min(ws.size, n - start);
      (ws.a[0] as Buf).set(x.subarray(start * d, (start + count) * d));
      ws.t.set(t.subarray(start * K, (start + count) * K));
      this.forwardWs(ws, count);
      loss += this.dataLoss(ws, count) * count;
      correct += this.countCorrect(ws, count);
    }
    return { loss: loss / n, accuracy: this.classKind === CLASS_NONE ? NaN : correct / (this.classKind === CLASS_MULTILABEL ? n * K : n) };
  }

  private countCorrect(ws: Workspace, B: number): number {
    const K = this.outputs;
    const y = ws.a[this.depth] as Buf;
    const t = ws.t;
    let c = 0;
    if (this.classKind === CLASS_THRESHOLD) {
      const cut = this.outputActivation === 'tanh' ? 0 : 0.5;
      for (let i = 0; i < B; i++) if (((y[i] as number) >= cut) === ((t[i] as number) >= cut)) c++;
    } else if (this.classKind === CLASS_MULTILABEL) {
      for (let i = 0; i < B * K; i++) if (((y[i] as number) > 0.5) === ((t[i] as number) > 0.5)) c++;
    } else if (this.classKind === CLASS_ARGMAX) {
      for (let i = 0; i < B; i++) if (argmaxRow(y, i * K, K) === argmaxRow(t, i * K, K)) c++;
    }
    return c;
  }

  // ---------------------------------------------------------------- parameters

  /** The live parameter buffers [W₀, b₀, W₁, b₁, …] (W_l is [nIn, nOut] row-major: w_ji at i·nOut + j). */
  parameters(): Buf[] {
    return [...this.params];
  }

  /** The live gradient buffers, parallel to {@link parameters} (filled by the last update or computeGradients). */
  gradients(): Buf[] {
    return [...this.grads];
  }

  /** Copies parameters in (same order and lengths as {@link parameters}). @throws {ModelError} on a mismatch. */
  setParameters(values: readonly ArrayLike<number>[]): void {
    if (!Array.isArray(values) || values.length !== this.params.length) throw new ModelError('MLP.setParameters', `expected ${this.params.length} buffers, got ${Array.isArray(values) ? values.length : typeof values}`);
    values.forEach((v, i) => {
      const p = this.params[i] as Buf;
      if (v.length !== p.length) throw new ModelError('MLP.setParameters', `buffer ${i} has the wrong length; expected ${p.length}, got ${v.length}`);
    });
    values.forEach((v, i) => (this.params[i] as Buf).set(v));
  }

  /** Weights of layer l (0-based) as a Tensor copy [nIn, nOut]: element (i, j) is w_ji. */
  getWeights(l: number): Tensor {
    this.checkLayer('MLP.getWeights', l);
    return new Tensor((this.W[l] as Buf).slice(), [this.layers[l] as number, this.layers[l + 1] as number]);
  }

  /** Biases of layer l as a Tensor copy [nOut]. */
  getBias(l: number): Tensor {
    this.checkLayer('MLP.getBias', l);
    return new Tensor((this.b[l] as Buf).slice(), [this.layers[l + 1] as number]);
  }

  /**
   * Sets layer l's weights ([nIn, nOut] row-major values, w_ji at i·nOut + j, or nested rows) and optionally its biases.
   * @throws {ModelError} on wrong sizes.
   */
  setLayer(l: number, weights: ArrayLike<number> | readonly (readonly number[])[], bias?: ArrayLike<number>): void {
    const op = 'MLP.setLayer';
    this.checkLayer(op, l);
    const w = this.W[l] as Buf;
    const flat = Array.isArray(weights) && Array.isArray(weights[0]) ? (weights as number[][]).flat() : Array.from(weights as ArrayLike<number>);
    if (flat.length !== w.length) throw new ModelError(op, `weights of layer ${l} have the wrong size; expected ${w.length} ([${this.layers[l]}, ${this.layers[l + 1]}]), got ${flat.length}`);
    if (bias !== undefined && bias.length !== (this.b[l] as Buf).length) throw new ModelError(op, `bias of layer ${l} has the wrong length; expected ${(this.b[l] as Buf).length}, got ${bias.length}`);
    w.set(flat);
    if (bias !== undefined) (this.b[l] as Buf).set(Array.from(bias));
  }

  private checkLayer(op: string, l: number): void {
    if (!Number.isInteger(l) || l < 0 || l >= this.depth) throw new ModelError(op, `layer index out of range; expected 0..${this.depth - 1}, got ${l}`);
  }

  // ---------------------------------------------------------------- serialisation

  /** Exact JSON document (weights, options and optimizer state); `MLP.fromJSON(JSON.parse(JSON.stringify(m.toJSON())))` reproduces m. */
  toJSON(): MLPJSON {
    return {
      type: 'MLP',
      version: 1,
      layers: [...this.layers],
      activations: [...this.hiddenActivations],
      outputActivation: this.outputActivation,
      loss: this.lossType,
      init: this.init,
      seed: this.seed,
      dtype: this.dtype,
      leakyReluAlpha: this.leakyReluAlpha,
      regularization: this.reg,
      regularizationRate: this.regRate,
      weights: this.W.map((w) => Array.from(w)),
      biases: this.b.map((b) => Array.from(b)),
      optimizer: this.optimizer.state(),
    };
  }

  /**
   * Rebuilds a model from {@link toJSON} output (the object or its JSON string).
   * @throws {ModelError} on a malformed document, a wrong type or a future version.
   */
  static fromJSON(input: MLPJSON | string): MLP {
    const op = 'MLP.fromJSON';
    let doc = input as MLPJSON;
    if (typeof input === 'string') {
      try {
        doc = JSON.parse(input) as MLPJSON;
      } catch (e) {
        throw new ModelError(op, `invalid JSON: ${(e as Error).message}`, { cause: e });
      }
    }
    if (doc === null || typeof doc !== 'object') throw new ModelError(op, `expected an object, got ${doc === null ? 'null' : typeof doc}`);
    if (doc.type !== 'MLP') throw new ModelError(op, `wrong document type; expected "MLP", got ${JSON.stringify(doc.type)}`);
    if (doc.version !== 1) throw new ModelError(op, `unsupported version; expected 1, got ${JSON.stringify(doc.version)} (written by a newer @termgrad/models?)`);
    if (!Array.isArray(doc.weights) || !Array.isArray(doc.biases)) throw new ModelError(op, 'weights and biases must be arrays of per-layer number arrays');
    let optimizer: Optimizer | undefined;
    if (doc.optimizer !== undefined) {
      try {
        optimizer = fromState(doc.optimizer);
      } catch (e) {
        throw new ModelError(op, `invalid optimizer state: ${(e as Error).message}`, { cause: e });
      }
    }
    const model = new MLP({
      layers: doc.layers,
      activation: doc.activations,
      outputActivation: doc.outputActivation,
      loss: doc.loss,
      init: doc.init,
      seed: doc.seed,
      dtype: doc.dtype,
      leakyReluAlpha: doc.leakyReluAlpha,
      regularization: doc.regularization,
      regularizationRate: doc.regularizationRate,
      ...(optimizer === undefined ? {} : { optimizer }),
    });
    if (doc.weights.length !== model.depth || doc.biases.length !== model.depth) throw new ModelError(op, `expected ${model.depth} weight and bias arrays, got ${doc.weights.length} and ${doc.biases.length}`);
    for (let l = 0; l < model.depth; l++) {
      const w = doc.weights[l];
      const b = doc.biases[l];
      if (!Array.isArray(w) || !Array.isArray(b) || w.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || b.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        throw new ModelError(op, `layer ${l} weights/biases must be arrays of finite numbers`);
      }
      model.setLayer(l, w, b);
    }
    return model;
  }
}

function argmaxRow(a: ArrayLike<number>, start: number, n: number): number {
  let best = 0;
  let value = a[start] as number;
  for (let j = 1; j < n; j++) {
    if ((a[start + j] as number) > value) {
      value = a[start + j] as number;
      best = j;
    }
  }
  return best;
}
