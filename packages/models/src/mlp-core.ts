// The MLP's state and kernel glue (internal: not exported from index.ts). Everything that calls a
// dense-layer kernel lives in this file: the kernel bundle per dtype, the preallocated per-batch
// workspaces, the forward pass, the data loss, backpropagation and the penalty rule.
import { Random } from '@termgrad/tensor';
import type { Activation, OutputActivation } from './activations.js';
import { ModelError } from './errors.js';
import { type Initializer, initializeLayer } from './initializers.js';
import { BINARY_CROSS_ENTROPY, CATEGORICAL_CROSS_ENTROPY, type Loss } from './losses.js';
import {
  copyRows,
  copyTargets,
  type MLPInput,
  type MLPTarget,
  viewMatrix,
  viewTargets,
} from './mlp-input.js';
import * as K32 from './mlp-kernels-f32-wasm.js';
import * as K64 from './mlp-kernels-f64.js';
import type { MLPConfig } from './mlp-options.js';
import type { Regularization } from './mlp-types.js';

/** A dense buffer of the model's dtype. @internal */
export type Buf = Float64Array | Float32Array;

/** The kernel bundle; one module per dtype so each kernel stays monomorphic. @internal */
export interface Kernels {
  denseForward(A: Buf, B: Buf, bias: Buf, C: Buf, m: number, k: number, n: number): void;
  backInput(D: Buf, B: Buf, C: Buf, m: number, k: number, n: number): void;
  backWeights(A: Buf, D: Buf, G: Buf, m: number, k: number, n: number): void;
  columnSums(D: Buf, g: Buf, m: number, n: number): void;
  activate(kind: number, a: Buf, len: number, n: number, alpha: number): void;
  multiplyDerivative(kind: number, y: Buf, d: Buf, len: number, alpha: number): void;
  gatherRows(
    src: Buf,
    indices: ArrayLike<number>,
    start: number,
    count: number,
    d: number,
    dst: Buf,
  ): void;
}

/** The kernels of a dtype. @internal */
export function kernelsFor(dtype: 'float64' | 'float32'): Kernels {
  return (dtype === 'float64' ? K64 : K32) as unknown as Kernels;
}

/** Preallocated buffers for one batch size. @internal */
export interface Workspace {
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

/** Rows per chunk of inference sweeps. @internal */
export const EVAL_CHUNK = 256;
/** Classification kinds of an MLP's outputs. @internal */
export const CLASS_NONE = 0;
/** @internal */
export const CLASS_THRESHOLD = 1;
/** @internal */
export const CLASS_ARGMAX = 2;
/** @internal */
export const CLASS_MULTILABEL = 3;

/** The weights, gradients, workspaces and kernels of one MLP. @internal */
export class MlpCore {
  readonly layers: readonly number[];
  readonly hiddenActivations: readonly Activation[];
  readonly outputActivation: OutputActivation;
  readonly lossType: Loss;
  readonly init: Initializer;
  readonly seed: number;
  readonly dtype: 'float64' | 'float32';
  readonly leakyReluAlpha: number;
  readonly k: Kernels;
  readonly codes: readonly number[];
  readonly lossCode: number;
  readonly classKind: number;
  readonly outputs: number;
  readonly depth: number;
  reg: Regularization = 'none';
  lambda = 0;
  readonly W: Buf[] = [];
  readonly b: Buf[] = [];
  readonly gW: Buf[] = [];
  readonly gb: Buf[] = [];
  readonly params: Buf[] = [];
  readonly grads: Buf[] = [];
  private readonly workspaces = new Map<number, Workspace>();

  constructor(op: string, c: MLPConfig) {
    this.layers = c.layers;
    this.hiddenActivations = c.hiddenActivations;
    this.outputActivation = c.outputActivation;
    this.lossType = c.loss;
    this.lossCode = c.lossCode;
    this.codes = c.codes;
    this.init = c.init;
    this.seed = c.seed;
    this.dtype = c.dtype;
    this.leakyReluAlpha = c.leakyReluAlpha;
    this.reg = c.regularization;
    this.lambda = c.lambda;
    this.k = kernelsFor(c.dtype);
    this.depth = c.layers.length - 1;
    this.outputs = c.layers[this.depth] as number;
    const output = c.outputActivation;
    this.classKind =
      output === 'softmax'
        ? CLASS_ARGMAX
        : output === 'sigmoid' && c.loss === 'binaryCrossEntropy' && this.outputs > 1
          ? CLASS_MULTILABEL
          : output === 'sigmoid' || output === 'tanh'
            ? this.outputs === 1
              ? CLASS_THRESHOLD
              : CLASS_ARGMAX
            : CLASS_NONE;
    const rng = new Random(c.seed);
    for (let l = 0; l < this.depth; l++) {
      const nIn = c.layers[l] as number;
      const nOut = c.layers[l + 1] as number;
      const w = this.alloc(nIn * nOut);
      const bias = this.alloc(nOut);
      initializeLayer(op, c.init, rng, w, bias, nIn, nOut);
      this.W.push(w);
      this.b.push(bias);
      this.gW.push(this.alloc(nIn * nOut));
      this.gb.push(this.alloc(nOut));
      this.params.push(w, bias);
      this.grads.push(this.gW[l] as Buf, this.gb[l] as Buf);
    }
  }

  alloc(n: number): Buf {
    return this.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  }

  workspace(B: number): Workspace {
    let ws = this.workspaces.get(B);
    if (ws === undefined) {
      const a = this.layers.map((n) => this.alloc(B * n));
      const d = this.layers.map((n, l) => (l === 0 ? this.alloc(0) : this.alloc(B * n)));
      ws = { size: B, a, d, z: this.alloc(B * this.outputs), t: this.alloc(B * this.outputs) };
      this.workspaces.set(B, ws);
    }
    return ws;
  }

  /** Checks a batch and copies it into the workspace of its size (inputs to a[0], targets to t). */
  loadBatch(op: string, x: MLPInput, y: MLPTarget): Workspace {
    const xv = viewMatrix(op, x, 'x', this.layers[0] as number);
    const B = xv.rows;
    const tv = viewTargets(op, y, B, this.outputs, this.lossCode, this.outputActivation);
    const ws = this.workspace(B);
    copyRows(op, 'x', xv, 0, B, ws.a[0] as Buf);
    copyTargets(op, tv, 0, B, this.outputs, ws.t);
    return ws;
  }

  /** Runs x through the network in chunks and calls `sink(ws, start, count)` after each chunk. */
  sweep(
    op: string,
    x: MLPInput,
    sink: (ws: Workspace, start: number, count: number) => void,
  ): number {
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

  /** Forward pass of ws.a[0] (first B rows) through every layer. */
  forwardWs(ws: Workspace, B: number): void {
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
  dataLoss(ws: Workspace, B: number): number {
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
  backward(ws: Workspace, B: number, scale = 1 / B): void {
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

  countCorrect(ws: Workspace, B: number): number {
    const K = this.outputs;
    const y = ws.a[this.depth] as Buf;
    const t = ws.t;
    let c = 0;
    if (this.classKind === CLASS_THRESHOLD) {
      const cut = this.outputActivation === 'tanh' ? 0 : 0.5;
      for (let i = 0; i < B; i++) if ((y[i] as number) >= cut === (t[i] as number) >= cut) c++;
    } else if (this.classKind === CLASS_MULTILABEL) {
      for (let i = 0; i < B * K; i++) if ((y[i] as number) > 0.5 === (t[i] as number) > 0.5) c++;
    } else if (this.classKind === CLASS_ARGMAX) {
      for (let i = 0; i < B; i++) if (argmaxRow(y, i * K, K) === argmaxRow(t, i * K, K)) c++;
    }
    return c;
  }

  /** w ← w − η·regDer(w) on weights; L1 clamps zero crossings to 0 (Playground rule). */
  applyPenalty(eta: number): void {
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

  /**
   * Points the weights and biases at `params` (the order and lengths of `params`: W0, b0, W1, …),
   * e.g. views of a worker pool's shared memory, so they are read in place without a copy.
   */
  bindParameters(params: readonly Buf[]): void {
    this.bind(params, this.W, this.b, this.params);
  }

  /** Like {@link bindParameters} for the gradient buffers: backward writes straight into `grads`. */
  bindGradients(grads: readonly Buf[]): void {
    this.bind(grads, this.gW, this.gb, this.grads);
  }

  private bind(src: readonly Buf[], w: Buf[], b: Buf[], flat: Buf[]): void {
    if (src.length !== flat.length || src.some((a, i) => a.length !== (flat[i] as Buf).length))
      throw new ModelError(
        'MLP',
        `buffers to bind must match the parameter lengths [${flat.map((a) => a.length).join(', ')}]; got [${src.map((a) => a.length).join(', ')}]`,
      );
    for (let l = 0; l < this.depth; l++) {
      w[l] = src[2 * l] as Buf;
      b[l] = src[2 * l + 1] as Buf;
      flat[2 * l] = src[2 * l] as Buf;
      flat[2 * l + 1] = src[2 * l + 1] as Buf;
    }
  }

  /** Throws unless l is a weight-layer index. */
  checkLayer(op: string, l: number): void {
    if (!Number.isInteger(l) || l < 0 || l >= this.depth)
      throw new ModelError(op, `layer index out of range; expected 0..${this.depth - 1}, got ${l}`);
  }
}

/** Index of the largest of a[start .. start+n). @internal */
export function argmaxRow(a: ArrayLike<number>, start: number, n: number): number {
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

const CORES = new WeakMap<object, MlpCore>();

/** Binds a model object to its core (called once by the MLP constructor). @internal */
export function attachCore(model: object, core: MlpCore): void {
  CORES.set(model, core);
}

/** The core of an MLP. @internal */
export function coreOf(model: object): MlpCore {
  const core = CORES.get(model);
  if (core === undefined)
    throw new ModelError(
      'MLP',
      'not an MLP instance; expected an object made by new MLP(...) or MLP.fromJSON',
    );
  return core;
}
