import { Random, Tensor, warnDeprecated } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { check, type Mat, type MatrixLike, toMatrix, toVector, type VectorLike } from './input.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** State after one pass over the training data. */
export interface PerceptronEpoch {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Updates (misclassified points) during this epoch. */
  readonly mistakes: number;
  /** w after the epoch (a copy). */
  readonly weights: Float64Array;
  /** w₀ after the epoch. */
  readonly bias: number;
}

/** Outcome of {@link Perceptron.fit}. */
export interface PerceptronFitInfo {
  /** True when an epoch made no mistake (the data are separated). */
  readonly converged: boolean;
  /** Epochs run (including the final mistake-free one when converged). */
  readonly epochs: number;
  /** Total updates over all epochs (Novikoff: ≤ (R/γ)² on separable data, from w = 0). */
  readonly updates: number;
  /** Per-epoch states (empty with `recordHistory: false`). */
  readonly history: readonly PerceptronEpoch[];
  /** Set when maxEpochs was reached without convergence (e.g. non-separable data). */
  readonly warning?: string;
}

/** Options of {@link Perceptron}. */
export interface PerceptronOptions {
  /** η > 0. Default 1 (from w = 0 the learning rate only rescales w). */
  readonly learningRate?: number;
  /** Epoch cap. Default 1000. */
  readonly maxEpochs?: number;
  /** Visit points in a seeded random order each epoch (true) or cyclically (false, default). */
  readonly shuffle?: boolean;
  /** Seed for `shuffle`. Default 0. */
  readonly seed?: number;
  /** Keep per-epoch weights in `fitInfo.history`. Default true. */
  readonly recordHistory?: boolean;
  /** Called after each epoch (for animation); return false to stop. */
  readonly onEpoch?: (epoch: PerceptronEpoch) => void | boolean;
  /**
   * Start from these weights instead of w = 0, w₀ = 0 (e.g. a perceptron saved mid-run, from
   * `toJSON()`): `weights` is w [d] (its length must match the columns of x at fit), `bias` is
   * w₀; all finite. With `shuffle: false` (cyclic order) a fit from the weights after k epochs of
   * an earlier fit continues exactly as the uninterrupted run would, epoch for epoch (epoch numbers
   * restart at 1). With `shuffle: true` the order is drawn from `seed` again, not continued.
   * @deprecated Pass `initialWeights` to `fit(x, y, { initialWeights })` (warns once; the
   * constructor option is removed in the next minor version).
   */
  readonly initialWeights?: { readonly weights: ArrayLike<number>; readonly bias: number };
}

/** JSON document of a fitted {@link Perceptron}. */
export interface PerceptronJSON {
  readonly type: 'Perceptron';
  readonly version: number;
  readonly weights: JsonNumber[];
  readonly bias: JsonNumber;
}

const OP = 'Perceptron';

/** Options of one {@link Perceptron.fit} call. */
export interface PerceptronFitOptions {
  /**
   * Start from these weights instead of w = 0 (finite, length d) — a run saved after k epochs
   * continues epoch for epoch as the uninterrupted run in cyclic order.
   */
  readonly initialWeights?: { readonly weights: ArrayLike<number>; readonly bias: number };
}

/** Validates the initialWeights option: a non-empty list of finite numbers and a finite bias. */
function readInitialWeights(init: unknown): { weights: Float64Array; bias: number } {
  const name = 'option initialWeights';
  if (init === null || typeof init !== 'object')
    throw new ModelError(
      OP,
      `${name} must be { weights, bias }; got ${init === null ? 'null' : typeof init}`,
    );
  const { weights, bias } = init as { weights?: unknown; bias?: unknown };
  return {
    weights: check.vector(OP, `${name}.weights`, weights),
    bias: check.number(OP, `${name}.bias`, bias),
  };
}

/**
 * Rosenblatt's perceptron f(x) = 1 if wᵀx + w₀ > 0 else 0, trained by the perceptron algorithm
 * (Bishop p. 193) on targets tₙ ∈ {0, 1}: for each point in turn, w ← w + η(tₙ − f(xₙ))xₙ and
 * w₀ ← w₀ + η(tₙ − f(xₙ)) — i.e. an update only on a mistake. Starts at w = 0, w₀ = 0, or at
 * `initialWeights` (to continue a saved run).
 *
 * It converges (an epoch with no mistake) iff the data are linearly separable, after at most
 * (R/γ)² updates (Novikoff), R = maxₙ‖(xₙ, 1)‖ and γ the margin of a unit separating vector in
 * the augmented space. Otherwise it stops at `maxEpochs` and says so in `fitInfo.warning`.
 * Progress per epoch is available through `onEpoch` or the generator {@link Perceptron.epochs}.
 *
 * @example
 * ```ts
 * const p = new Perceptron().fit([[0], [1], [3], [4]], [0, 0, 1, 1]);
 * p.fitInfo?.converged; // true
 * p.predict([[-1], [5]]).toArray(); // [0, 1]
 * ```
 */
export class Perceptron {
  readonly learningRate: number;
  readonly maxEpochs: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly recordHistory: boolean;
  private readonly onEpoch: PerceptronOptions['onEpoch'];
  private readonly w0: { readonly weights: Float64Array; readonly bias: number } | null;
  private w: Float64Array | null = null;
  private b = 0;
  private info: PerceptronFitInfo | null = null;

  /** @throws {ModelError} unknown or invalid options (including initialWeights that are empty, not numbers, or not finite). */
  constructor(options: PerceptronOptions = {}) {
    check.optionKeys(OP, options, [
      'learningRate',
      'maxEpochs',
      'shuffle',
      'seed',
      'recordHistory',
      'onEpoch',
      'initialWeights',
    ]);
    this.learningRate = check.number(OP, 'learningRate', options.learningRate ?? 1, {
      min: 0,
      minExclusive: true,
    });
    this.maxEpochs = check.number(OP, 'maxEpochs', options.maxEpochs ?? 1000, {
      min: 1,
      integer: true,
    });
    this.seed = check.number(OP, 'seed', options.seed ?? 0);
    this.shuffle = options.shuffle ?? false;
    this.recordHistory = options.recordHistory ?? true;
    if (typeof this.shuffle !== 'boolean')
      throw new ModelError(OP, `option shuffle must be a boolean; got ${String(options.shuffle)}`);
    if (options.onEpoch !== undefined && typeof options.onEpoch !== 'function')
      throw new ModelError(OP, 'option onEpoch must be a function');
    this.onEpoch = options.onEpoch;
    if (options.initialWeights !== undefined) {
      warnDeprecated(
        'Perceptron:initialWeights',
        "Perceptron: the constructor option 'initialWeights' is deprecated; pass it to fit(x, y, { initialWeights }) (the constructor option is removed in the next minor version)",
      );
    }
    this.w0 =
      options.initialWeights === undefined ? null : readInitialWeights(options.initialWeights);
  }

  /** w (a copy). @throws {ModelError} before fit. */
  get weights(): Float64Array {
    return Float64Array.from(this.fitted('weights'));
  }
  /** w₀. @throws {ModelError} before fit. */
  get bias(): number {
    this.fitted('bias');
    return this.b;
  }
  /** Outcome of the last fit (null before fit or after fromJSON). */
  get fitInfo(): PerceptronFitInfo | null {
    return this.info;
  }

  /**
   * Runs the perceptron algorithm from w = 0 (or the fit option `initialWeights`) until an epoch without mistakes or `maxEpochs`.
   * @param x [N, d]. @param y targets [N] in {0, 1} (map ±1 labels with {@link plusMinusOneToIndices}).
   * @param options `initialWeights: { weights, bias }` to continue a saved run.
   * @throws {ModelError} bad input.
   */
  fit(x: MatrixLike, y: VectorLike, options: PerceptronFitOptions = {}): this {
    const gen = this.epochs(x, y, options);
    for (;;) {
      const r = gen.next();
      if (r.done) break;
      if (this.onEpoch && this.onEpoch(r.value) === false) {
        gen.return(undefined as never);
        break;
      }
    }
    return this;
  }

  /**
   * The same training as {@link Perceptron.fit}, one epoch per `next()` (for a UI that animates
   * the updates). The model's weights and `fitInfo` are updated after every epoch; the generator's
   * return value is the final fitInfo.
   * @param x [N, d]. @param y targets [N] in {0, 1}.
   * @throws {ModelError} bad input (on the first `next()`).
   */
  *epochs(
    x: MatrixLike,
    y: VectorLike,
    options: PerceptronFitOptions = {},
  ): Generator<PerceptronEpoch, PerceptronFitInfo, void> {
    const op = `${OP}.fit`;
    check.optionKeys(op, options, ['initialWeights']);
    const start =
      options.initialWeights === undefined ? this.w0 : readInitialWeights(options.initialWeights);
    const X: Mat = toMatrix(op, x, 'x');
    const ts = toVector(op, y, 'y', X.rows);
    for (let i = 0; i < ts.length; i++)
      if (ts[i] !== 0 && ts[i] !== 1)
        throw new ModelError(
          op,
          `y must hold targets 0 or 1; expected 0 or 1 at index ${i}, got ${ts[i]}${ts[i] === -1 ? ' (±1 labels: map them with plusMinusOneToIndices)' : ''}`,
        );
    const { data, rows: n, cols: d } = X;
    if (start !== null && start.weights.length !== d) {
      throw new ModelError(
        op,
        `initialWeights.weights has the wrong length; expected ${d} (the columns of x), got ${start.weights.length}`,
      );
    }
    const w = start !== null ? Float64Array.from(start.weights) : new Float64Array(d);
    let b = start !== null ? start.bias : 0;
    const eta = this.learningRate;
    const rng = new Random(this.seed);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const history: PerceptronEpoch[] = [];
    let updates = 0;
    let converged = false;
    let epoch = 0;
    this.w = Float64Array.from(w);
    this.b = b;
    const snapshot = (): PerceptronFitInfo => ({
      converged,
      epochs: epoch,
      updates,
      history,
      ...(converged
        ? {}
        : {
            warning: `no separating weights found in ${epoch} epochs (maxEpochs ${this.maxEpochs}): the data may not be linearly separable`,
          }),
    });
    this.info = null;
    while (epoch < this.maxEpochs) {
      epoch++;
      const idx = this.shuffle ? rng.permutation(n) : order;
      let mistakes = 0;
      for (let r = 0; r < n; r++) {
        const i = idx[r]!;
        let a = b;
        for (let j = 0; j < d; j++) a += w[j]! * data[i * d + j]!;
        const err = ts[i]! - (a > 0 ? 1 : 0);
        if (err !== 0) {
          mistakes++;
          const s = eta * err;
          for (let j = 0; j < d; j++) w[j] = w[j]! + s * data[i * d + j]!;
          b += s;
        }
      }
      updates += mistakes;
      converged = mistakes === 0;
      const state: PerceptronEpoch = { epoch, mistakes, weights: Float64Array.from(w), bias: b };
      if (this.recordHistory) history.push(state);
      this.w = Float64Array.from(w);
      this.b = b;
      this.info = snapshot();
      yield state;
      if (converged) break;
    }
    this.info = snapshot();
    return this.info;
  }

  /** wᵀxₙ + w₀. @returns Tensor [N]. */
  decisionFunction(x: MatrixLike): Tensor {
    const w = this.fitted('decisionFunction');
    const { data, rows } = toMatrix(`${OP}.decisionFunction`, x, 'x', w.length);
    const d = w.length;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let a = this.b;
      for (let j = 0; j < d; j++) a += w[j]! * data[i * d + j]!;
      out[i] = a;
    }
    return new Tensor(out, [rows]);
  }

  /** f(xₙ) = 1 if wᵀxₙ + w₀ > 0 else 0. @returns Tensor [N]. */
  predict(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    for (let i = 0; i < a.data.length; i++) a.data[i] = a.data[i]! > 0 ? 1 : 0;
    return a;
  }

  /** Plain-data document; {@link Perceptron.fromJSON} restores it bit for bit. */
  toJSON(): PerceptronJSON {
    const w = this.fitted('toJSON');
    return {
      type: 'Perceptron',
      version: MODEL_SCHEMA_VERSION,
      weights: encodeNumbers(w),
      bias: encodeNumber(this.b),
    };
  }

  /** Restores a perceptron from `toJSON` output. @throws {ModelError} malformed document, wrong type, future version. */
  static fromJSON(doc: unknown): Perceptron {
    const op = `${OP}.fromJSON`;
    const r = readDocument(op, doc, 'Perceptron');
    const p = new Perceptron();
    p.w = decodeNumbers(op, r.weights, 'weights');
    if (p.w.length === 0) throw new ModelError(op, 'malformed document: weights must not be empty');
    p.b = decodeNumber(op, r.bias, 'bias');
    return p;
  }

  private fitted(name: string): Float64Array {
    if (this.w === null)
      throw new ModelError(`${OP}.${name}`, 'model is not fitted; call fit(x, y) first');
    return this.w;
  }
}
