import { renameDeprecated, warnDeprecated } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { check } from './input.js';
import { SQUARED_ERROR } from './losses.js';
import { MLP } from './mlp.js';
import { coreOf, type MlpCore } from './mlp-core.js';
import {
  copyRows,
  copyTargets,
  type MLPInput,
  type MLPTarget,
  viewMatrix,
  viewTargets,
} from './mlp-input.js';
import { evaluateRows } from './mlp-internal.js';
import { checkRegularization } from './mlp-options.js';
import { sumGradientRowsCore } from './mlp-training.js';
import type { Regularization } from './mlp-types.js';
import { decodeInt, decodeNumbers, encodeNumbers, type JsonNumber } from './serialization.js';

type Buf = Float64Array | Float32Array;

/** Options of {@link PlaygroundTrainer}. */
export interface PlaygroundTrainerOptions {
  /** Training inputs [n, inputs], already feature-mapped (x, y, x², y², xy, sin x, sin y in the Playground's INPUTS order), in the fixed order they are visited every epoch (required). */
  x: MLPInput;
  /** Training targets [n]: ±1 labels (tanh output) or regression values (linear output) (required). */
  y: MLPTarget;
  /** Test set for {@link PlaygroundTrainer.lossTest} (default none). */
  test?: { x: MLPInput; y: MLPTarget };
  /** Learning rate (default 0.03, the Playground's). */
  learningRate?: number;
  /** Points per update (default 10). */
  batchSize?: number;
  /** Weight penalty 'none' | 'l1' | 'l2' (default: the model's `regularization`). */
  regularization?: Regularization;
  /** Penalty strength λ (default: the model's `lambda`). */
  lambda?: number;
  /** @deprecated Use `lambda` (warns once; removed in the next minor version). */
  regularizationRate?: number;
}

/**
 * The resumable state of a {@link PlaygroundTrainer} as plain JSON (from
 * {@link PlaygroundTrainer.state}): what the model's weights do not hold. Per weight layer l:
 * the carried (not yet applied) derivative sums of W and b and the dead-link mask (1 = dead), in
 * the model's weight order; plus the points those sums hold and the epochs completed.
 */
export interface PlaygroundTrainerState {
  readonly type: 'PlaygroundTrainerState';
  readonly version: 1;
  /** The model's layer sizes (checked on restore). */
  readonly layers: number[];
  readonly epochs: number;
  /** Points accumulated in the carry (the trailing partial batch). */
  readonly pending: number;
  readonly carryW: JsonNumber[][];
  readonly carryB: JsonNumber[][];
  readonly dead: (0 | 1)[][];
}

const NONE = 0;
const L1 = 1;
const L2 = 2;
const OPTIONS = ['x', 'y', 'test', 'learningRate', 'batchSize', 'regularization', 'lambda'];

/**
 * Trains an {@link MLP} exactly as the TensorFlow Playground's engine (nn.ts, playground.ts
 * `oneStep`) does, so loss curves match the Playground's statistically.
 *
 * One {@link epoch} visits the training points in their fixed order, accumulating per point
 * ∂E/∂w and ∂E/∂b of E = ½(o − t)²; whenever (i+1) % batchSize = 0 (i = index within the epoch)
 * it updates, with numAcc = points accumulated since the last update:
 * - b ← b − lr·accB / numAcc (biases are never regularised);
 * - for each live weight: r = regDer(w_old) (L1: sign(w), 0 at 0; L2: w; none: 0),
 *   w ← w − (lr/numAcc)·accW, w′ = w − lr·λ·r; with L1, if w·w′ < 0 the weight becomes 0 and its
 *   link is DEAD (never updated again, still in the forward pass with weight 0); else w ← w′.
 *
 * A trailing partial batch is not applied: its derivatives carry over into the next epoch's first
 * update (numAcc counts them). Points are processed per segment as one batch through the MLP's
 * fused kernels — the sum of per-point derivatives equals the summed batch gradient, so the result
 * matches the per-point loop up to float rounding. Learning rate, batch size and regularisation
 * can be changed between epochs without resetting anything. The model's own optimizer and penalty
 * are not used.
 *
 * Model requirements: one output, squared-error loss, tanh (classification, labels ±1) or linear
 * (regression) output; build it with `init: 'playground'` for the Playground's U(−0.5, 0.5)
 * weights and 0.1 biases.
 *
 * @throws {ModelError} on an incompatible model, bad data or invalid options.
 * @example
 * ```ts
 * const d = playgroundDataset('circle', { seed: 1, noise: 0 });          // @termgrad/datasets
 * const x = d.x.toArray(), y = d.y.toArray();
 * const net = new MLP({ layers: [2, 4, 2, 1], activation: 'tanh', outputActivation: 'tanh', init: 'playground', seed: 1 });
 * const pg = new PlaygroundTrainer(net, { x: x.slice(0, 250), y: y.slice(0, 250), test: { x: x.slice(250), y: y.slice(250) } });
 * for (let e = 0; e < 100; e++) pg.epoch();
 * console.log(pg.epochCount, pg.lossTrain().toFixed(4), pg.lossTest().toFixed(4)); // 100 0.0076 0.0109
 * ```
 */
export class PlaygroundTrainer {
  /** The trained model (its parameter buffers are updated in place). */
  readonly model: MLP;
  /** Number of training points. */
  readonly trainSize: number;
  /** Number of test points (0 without a test set). */
  readonly testSize: number;
  /** The model's core, looked up once (the hot loop calls it every batch). */
  private readonly core: MlpCore;
  private lr = 0.03;
  private bs = 10;
  private regKind = NONE;
  private regRate = 0;
  private epochs = 0;
  /** Points whose derivatives are accumulated in the carry buffers but not applied yet. */
  private pending = 0;
  private deadCount = 0;
  private readonly X: Buf;
  private readonly T: Buf;
  private readonly testX: Buf | null;
  private readonly testT: Buf | null;
  private readonly W: Buf[] = [];
  private readonly b: Buf[] = [];
  private readonly gW: Buf[] = [];
  private readonly gb: Buf[] = [];
  private readonly carryW: Float64Array[] = [];
  private readonly carryB: Float64Array[] = [];
  private readonly dead: Uint8Array[] = [];
  /** Per layer W, b, carryW, carryB, dead — the state saved before each epoch (restored on divergence). */
  private readonly snapshot: Float64Array[] = [];
  private readonly saved = [0, 0];

  /** @throws {ModelError} on an incompatible model, mismatched or non-finite data, or invalid options. */
  constructor(model: MLP, options: PlaygroundTrainerOptions) {
    const op = 'PlaygroundTrainer';
    if (!(model instanceof MLP))
      throw new ModelError(
        op,
        `model must be an MLP; got ${model === null ? 'null' : typeof model}`,
      );
    if (options === null || typeof options !== 'object')
      throw new ModelError(op, `options must be an object; got ${String(options)}`);
    options = renameDeprecated(op, options, { regularizationRate: 'lambda' }, ModelError);
    check.optionKeys(op, options, OPTIONS);
    const outputs = model.layers[model.layers.length - 1] as number;
    if (outputs !== 1)
      throw new ModelError(
        op,
        `the Playground's network has one output; expected layers ending in 1, got ${outputs}`,
      );
    if (model.lossType !== 'squaredError')
      throw new ModelError(
        op,
        `the Playground's error is ½(o − t)²; expected loss 'squaredError', got ${JSON.stringify(model.lossType)}`,
      );
    if (model.outputActivation !== 'tanh' && model.outputActivation !== 'linear') {
      throw new ModelError(
        op,
        `the Playground's output is tanh (classification) or linear (regression); expected one of those, got ${JSON.stringify(model.outputActivation)}`,
      );
    }
    this.model = model;
    this.core = coreOf(model);
    const d = model.layers[0] as number;
    const load = (x: MLPInput, y: MLPTarget, what: string): [Buf, Buf, number] => {
      const xv = viewMatrix(op, x, `${what} x`, d);
      const tv = viewTargets(op, y, xv.rows, 1, SQUARED_ERROR, model.outputActivation);
      const X =
        model.dtype === 'float64' ? new Float64Array(xv.rows * d) : new Float32Array(xv.rows * d);
      const T = model.dtype === 'float64' ? new Float64Array(xv.rows) : new Float32Array(xv.rows);
      copyRows(op, `${what} x`, xv, 0, xv.rows, X);
      copyTargets(op, tv, 0, xv.rows, 1, T);
      return [X, T, xv.rows];
    };
    [this.X, this.T, this.trainSize] = load(options.x, options.y, 'training');
    if (options.test !== undefined) {
      if (options.test === null || typeof options.test !== 'object')
        throw new ModelError(op, `test must be { x, y }; got ${String(options.test)}`);
      const [X, T, n] = load(options.test.x, options.test.y, 'test');
      this.testX = X;
      this.testT = T;
      this.testSize = n;
    } else {
      this.testX = null;
      this.testT = null;
      this.testSize = 0;
    }
    const params = model.parameters();
    const grads = model.gradients();
    for (let l = 0; l < model.depth; l++) {
      const w = params[2 * l] as Buf;
      const bias = params[2 * l + 1] as Buf;
      this.W.push(w);
      this.b.push(bias);
      this.gW.push(grads[2 * l] as Buf);
      this.gb.push(grads[2 * l + 1] as Buf);
      this.carryW.push(new Float64Array(w.length));
      this.carryB.push(new Float64Array(bias.length));
      this.dead.push(new Uint8Array(w.length));
      this.snapshot.push(
        new Float64Array(w.length),
        new Float64Array(bias.length),
        new Float64Array(w.length),
        new Float64Array(bias.length),
        new Float64Array(w.length),
      );
    }
    this.learningRate = options.learningRate ?? 0.03;
    this.batchSize = options.batchSize ?? 10;
    this.setRegularization(
      options.regularization ?? model.regularization,
      options.lambda ?? model.lambda,
    );
  }

  /** Learning rate; settable between epochs (the Playground applies a new rate without resetting). */
  get learningRate(): number {
    return this.lr;
  }

  /** @throws {ModelError} unless a finite number ≥ 0. */
  set learningRate(value: number) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new ModelError(
        'PlaygroundTrainer.learningRate',
        `learning rate must be a finite number ≥ 0; got ${String(value)}`,
      );
    this.lr = value;
  }

  /** Points per update; settable between epochs (accumulated derivatives are kept). */
  get batchSize(): number {
    return this.bs;
  }

  /** @throws {ModelError} unless an integer ≥ 1. */
  set batchSize(value: number) {
    if (!Number.isInteger(value) || value < 1)
      throw new ModelError(
        'PlaygroundTrainer.batchSize',
        `batch size must be an integer ≥ 1; got ${String(value)}`,
      );
    this.bs = value;
  }

  /** Current weight penalty. */
  get regularization(): Regularization {
    return this.regKind === L1 ? 'l1' : this.regKind === L2 ? 'l2' : 'none';
  }

  /** Current penalty strength λ. */
  get lambda(): number {
    return this.regRate;
  }

  /** @deprecated Use {@link lambda} (warns once; removed in the next minor version). */
  get regularizationRate(): number {
    warnDeprecated(
      'PlaygroundTrainer.regularizationRate',
      "PlaygroundTrainer.regularizationRate is deprecated; use 'lambda' (the alias is removed in the next minor version)",
    );
    return this.regRate;
  }

  /** Changes the penalty between epochs; links that died under L1 stay dead. @throws {ModelError} on an unknown kind or a rate that is not finite ≥ 0. */
  setRegularization(kind: Regularization, lambda: number): void {
    const r = checkRegularization('PlaygroundTrainer.setRegularization', kind, lambda);
    const rate = r.lambda;
    this.regKind = kind === 'l1' ? L1 : kind === 'l2' ? L2 : NONE;
    this.regRate = rate;
  }

  /** Epochs completed (the Playground's `iter`). */
  get epochCount(): number {
    return this.epochs;
  }

  /** Points of the trailing partial batch(es) accumulated but not yet applied (carried into the next update). */
  get pendingCount(): number {
    return this.pending;
  }

  /** Number of links killed by L1 (weight fixed at 0). */
  get deadLinks(): number {
    return this.deadCount;
  }

  /** Whether the link from unit i of layer l to unit j of layer l+1 is dead (l is the weight layer, 0-based). @throws {ModelError} on indices out of range. */
  isDead(l: number, i: number, j: number): boolean {
    const op = 'PlaygroundTrainer.isDead';
    const layers = this.model.layers;
    if (!Number.isInteger(l) || l < 0 || l >= this.model.depth)
      throw new ModelError(
        op,
        `layer index out of range; expected 0..${this.model.depth - 1}, got ${l}`,
      );
    const nIn = layers[l] as number;
    const nOut = layers[l + 1] as number;
    if (!Number.isInteger(i) || i < 0 || i >= nIn || !Number.isInteger(j) || j < 0 || j >= nOut)
      throw new ModelError(
        op,
        `unit index out of range; expected i in 0..${nIn - 1} and j in 0..${nOut - 1}, got ${i}, ${j}`,
      );
    return (this.dead[l] as Uint8Array)[i * nOut + j] === 1;
  }

  /**
   * The resumable state (carried derivative sums, their point count, dead links, epochs) as plain
   * JSON, versioned. Together with the model's `toJSON()` (the weights) and the same data and
   * hyperparameters, {@link restoreState} on a fresh trainer continues bit for bit.
   * @example
   * ```ts
   * const saved = JSON.stringify({ model: pg.model.toJSON(), trainer: pg.state() });
   * const { model, trainer } = JSON.parse(saved);
   * const pg2 = new PlaygroundTrainer(MLP.fromJSON(model), { x, y });
   * pg2.restoreState(trainer); // pg2.epoch() now does what pg.epoch() would
   * ```
   */
  state(): PlaygroundTrainerState {
    return {
      type: 'PlaygroundTrainerState',
      version: 1,
      layers: [...this.model.layers],
      epochs: this.epochs,
      pending: this.pending,
      carryW: this.carryW.map((c) => encodeNumbers(c)),
      carryB: this.carryB.map((c) => encodeNumbers(c)),
      dead: this.dead.map((d) => Array.from(d, (v) => (v === 1 ? 1 : 0))),
    };
  }

  /**
   * Restores a state from {@link PlaygroundTrainer.state} (or its JSON text) into this trainer: carried sums,
   * pending count, dead links (their weights are set to 0, as when they died) and the epoch count.
   * The weights themselves come from the model. Nothing changes when the state is invalid.
   * @throws {ModelError} not a PlaygroundTrainerState, an unknown version, layer sizes other than
   * the model's, arrays of the wrong length, or numbers that are not finite.
   */
  restoreState(state: unknown): void {
    const op = 'PlaygroundTrainer.restoreState';
    let doc = state;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc) as unknown;
      } catch (error) {
        throw new ModelError(
          op,
          `state is not valid JSON; expected a PlaygroundTrainerState, got ${(error as Error).message}`,
        );
      }
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      throw new ModelError(
        op,
        `expected a PlaygroundTrainerState object; got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}`,
      );
    const r = doc as Record<string, unknown>;
    if (r['type'] !== 'PlaygroundTrainerState')
      throw new ModelError(
        op,
        `expected type "PlaygroundTrainerState"; got ${JSON.stringify(r['type']) ?? 'undefined'}`,
      );
    if (r['version'] !== 1)
      throw new ModelError(
        op,
        `unsupported state version; expected 1, got ${JSON.stringify(r['version']) ?? 'undefined'}`,
      );
    const layers = this.model.layers;
    const got = r['layers'];
    if (!Array.isArray(got) || got.join() !== layers.join())
      throw new ModelError(
        op,
        `the state is for another network; expected layers [${layers.join(', ')}], got ${JSON.stringify(got) ?? 'undefined'}`,
      );
    const epochs = decodeInt(op, r['epochs'], 'epochs');
    const pending = decodeInt(op, r['pending'], 'pending');
    const list = (name: string): unknown[] => {
      const v = r[name];
      if (!Array.isArray(v) || v.length !== this.W.length)
        throw new ModelError(
          op,
          `malformed state: ${name} must hold one array per weight layer; expected ${this.W.length}, got ${Array.isArray(v) ? v.length : typeof v}`,
        );
      return v;
    };
    const cw = list('carryW').map((v, l) =>
      decodeNumbers(op, v, `carryW[${l}]`, (this.W[l] as Buf).length),
    );
    const cb = list('carryB').map((v, l) =>
      decodeNumbers(op, v, `carryB[${l}]`, (this.b[l] as Buf).length),
    );
    const dead = list('dead').map((v, l) => {
      const n = (this.W[l] as Buf).length;
      if (!Array.isArray(v) || v.length !== n)
        throw new ModelError(
          op,
          `malformed state: dead[${l}] has the wrong length; expected ${n}, got ${Array.isArray(v) ? v.length : typeof v}`,
        );
      return Uint8Array.from(v, (x: unknown, k) => {
        if (x !== 0 && x !== 1)
          throw new ModelError(
            op,
            `malformed state: dead[${l}][${k}] must be 0 or 1; got ${JSON.stringify(x) ?? String(x)}`,
          );
        return x;
      });
    });
    let deadCount = 0;
    for (let l = 0; l < this.W.length; l++) {
      (this.carryW[l] as Float64Array).set(cw[l] as Float64Array);
      (this.carryB[l] as Float64Array).set(cb[l] as Float64Array);
      const d = dead[l] as Uint8Array;
      (this.dead[l] as Uint8Array).set(d);
      const w = this.W[l] as Buf;
      for (let k = 0; k < d.length; k++) {
        if (d[k] === 1) {
          w[k] = 0;
          deadCount++;
        }
      }
    }
    this.pending = pending;
    this.epochs = epochs;
    this.deadCount = deadCount;
  }

  /**
   * One Playground epoch (`oneStep`): every training point in order, an update after each full
   * batch counted from the start of the epoch, the trailing partial batch carried over.
   * @throws {ModelError} if a weight becomes NaN or infinite (training diverged); the whole state
   * (weights, carried derivatives, dead links, counters) is first restored to before this epoch.
   */
  epoch(): void {
    const n = this.trainSize;
    const bs = this.bs;
    this.save();
    let start = 0;
    const core = this.core;
    for (; start + bs <= n; start += bs) {
      sumGradientRowsCore(core, this.X, this.T, start, bs, false);
      if (this.pending === 0 && this.regKind === NONE && this.deadCount === 0) this.plainUpdate(bs);
      else this.update(bs);
    }
    if (start < n) {
      sumGradientRowsCore(core, this.X, this.T, start, n - start, false);
      this.accumulate(n - start);
    }
    if (!this.finite()) {
      this.restore();
      throw new ModelError(
        'PlaygroundTrainer.epoch',
        `training diverged in epoch ${this.epochs + 1}: a weight became NaN or infinite; expected finite weights (state restored to before this epoch; lower the learning rate)`,
      );
    }
    this.epochs++;
  }

  /** Mean over the training points of ½(o − t)² (the Playground's "Training loss"). */
  lossTrain(): number {
    return evaluateRows(this.model, this.X, this.T, this.trainSize).loss;
  }

  /** Mean over the test points of ½(o − t)² (the Playground's "Test loss"). @throws {ModelError} without a test set. */
  lossTest(): number {
    if (this.testX === null || this.testT === null)
      throw new ModelError(
        'PlaygroundTrainer.lossTest',
        'no test set; expected the test option { x, y }, got none',
      );
    return evaluateRows(this.model, this.testX, this.testT, this.testSize).loss;
  }

  /** Adds the summed derivatives of `count` points (in the model's gradient buffers) to the carry. */
  private accumulate(count: number): void {
    for (let l = 0; l < this.W.length; l++) {
      const g = this.gW[l] as Buf;
      const c = this.carryW[l] as Float64Array;
      for (let k = 0; k < c.length; k++) c[k] = (c[k] as number) + (g[k] as number);
      const gb = this.gb[l] as Buf;
      const cb = this.carryB[l] as Float64Array;
      for (let k = 0; k < cb.length; k++) cb[k] = (cb[k] as number) + (gb[k] as number);
    }
    this.pending += count;
  }

  /**
   * {@link update} when nothing is carried, there is no penalty and no link is dead: the same
   * arithmetic (with regDer = 0 the general rule's w′ = v − 0 is v, bit for bit) without the
   * per-weight branches.
   */
  private plainUpdate(count: number): void {
    const lr = this.lr;
    const step = lr / count;
    for (let l = 0; l < this.W.length; l++) {
      const b = this.b[l] as Buf;
      const gb = this.gb[l] as Buf;
      for (let j = 0; j < b.length; j++) b[j] = (b[j] as number) - (lr * (gb[j] as number)) / count;
      const w = this.W[l] as Buf;
      const g = this.gW[l] as Buf;
      for (let k = 0; k < w.length; k++) w[k] = (w[k] as number) - step * (g[k] as number);
    }
  }

  /** The Playground's updateWeights with the model's gradient buffers (+ carry) as the accumulators. */
  private update(count: number): void {
    const carry = this.pending > 0;
    const num = this.pending + count;
    const lr = this.lr;
    const step = lr / num;
    const decay = lr * this.regRate;
    const kind = this.regKind;
    for (let l = 0; l < this.W.length; l++) {
      const b = this.b[l] as Buf;
      const gb = this.gb[l] as Buf;
      const cb = this.carryB[l] as Float64Array;
      for (let j = 0; j < b.length; j++) {
        const acc = carry ? (gb[j] as number) + (cb[j] as number) : (gb[j] as number);
        b[j] = (b[j] as number) - (lr * acc) / num;
      }
      const w = this.W[l] as Buf;
      const g = this.gW[l] as Buf;
      const cw = this.carryW[l] as Float64Array;
      const dead = this.dead[l] as Uint8Array;
      for (let k = 0; k < w.length; k++) {
        if (dead[k] === 1) continue;
        const old = w[k] as number;
        const regulDer = kind === L1 ? (old < 0 ? -1 : old > 0 ? 1 : 0) : kind === L2 ? old : 0;
        const acc = carry ? (g[k] as number) + (cw[k] as number) : (g[k] as number);
        const v = old - step * acc;
        const next = v - decay * regulDer;
        if (kind === L1 && v * next < 0) {
          w[k] = 0;
          dead[k] = 1;
          this.deadCount++;
        } else {
          w[k] = next;
        }
      }
      if (carry) {
        cw.fill(0);
        cb.fill(0);
      }
    }
    this.pending = 0;
  }

  /** Copies the whole training state (parameters, carry, dead links, counters) aside. */
  private save(): void {
    const snap = this.snapshot;
    let k = 0;
    for (let l = 0; l < this.W.length; l++) {
      (snap[k++] as Float64Array).set(this.W[l] as Buf);
      (snap[k++] as Float64Array).set(this.b[l] as Buf);
      (snap[k++] as Float64Array).set(this.carryW[l] as Float64Array);
      (snap[k++] as Float64Array).set(this.carryB[l] as Float64Array);
      (snap[k++] as Float64Array).set(this.dead[l] as Uint8Array);
    }
    this.saved[0] = this.pending;
    this.saved[1] = this.deadCount;
  }

  private restore(): void {
    const snap = this.snapshot;
    let k = 0;
    for (let l = 0; l < this.W.length; l++) {
      (this.W[l] as Buf).set(snap[k++] as Float64Array);
      (this.b[l] as Buf).set(snap[k++] as Float64Array);
      (this.carryW[l] as Float64Array).set(snap[k++] as Float64Array);
      (this.carryB[l] as Float64Array).set(snap[k++] as Float64Array);
      (this.dead[l] as Uint8Array).set(snap[k++] as Float64Array);
    }
    this.pending = this.saved[0] as number;
    this.deadCount = this.saved[1] as number;
  }

  private finite(): boolean {
    let s = 0;
    for (let l = 0; l < this.W.length; l++) {
      const w = this.W[l] as Buf;
      const b = this.b[l] as Buf;
      for (let k = 0; k < w.length; k++) s += (w[k] as number) * 0;
      for (let k = 0; k < b.length; k++) s += (b[k] as number) * 0;
    }
    return s === 0;
  }
}
