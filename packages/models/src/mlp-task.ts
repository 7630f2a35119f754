import { minibatches, type TrainEvaluation, type TrainTask } from '@termgrad/optim';
import { Random } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import type { MLP } from './mlp.js';
import {
  copyRows,
  copyTargets,
  type MLPInput,
  type MLPTarget,
  viewMatrix,
  viewTargets,
} from './mlp-input.js';
import { applyGradients, applyPenalty, evaluateRows, trainRows } from './mlp-internal.js';
import { GradientWorkers } from './mlp-workers.js';

/** Options of {@link createMlpTask}. */
export interface MLPTaskOptions {
  /** Training inputs [n, inputs]. */
  x: MLPInput;
  /** Training targets [n] or [n, outputs]. */
  y: MLPTarget;
  /** Validation set (takes precedence over validationSplit). */
  validation?: { x: MLPInput; y: MLPTarget };
  /** Fraction of (x, y) held out for validation by a seeded shuffle (default 0). */
  validationSplit?: number;
  /** Samples per step (default 32). */
  batchSize?: number;
  /** Seed of the shuffles and the split (default 0). */
  seed?: number;
  /** Reshuffle every epoch (default true). */
  shuffle?: boolean;
  /** Skip the last partial batch of every epoch (default false: it is trained as a smaller batch). */
  dropLast?: boolean;
  /**
   * Threads that share every mini-batch (default 1: this thread only). With n > 1, n − 1
   * worker_threads start once and each computes the gradient of a fixed share of every batch; the
   * shares are summed in a fixed order, so a run is reproducible for a given n. Node only.
   */
  workers?: number;
}

/** A ready {@link TrainTask} for an MLP: data copied once into contiguous buffers of the model's dtype. */
export interface MLPTask extends TrainTask {
  readonly model: MLP;
  readonly trainSize: number;
  readonly validationSize: number;
  /** Stops the task's worker threads, if any (idempotent; training after close throws). */
  close(): void;
}

type Buf = Float64Array | Float32Array;

/**
 * Wraps an MLP and a data set into a {@link TrainTask} for the @termgrad/optim driver (`train`,
 * `Trainer`): each step trains one reshuffled mini-batch with `model.trainBatch` semantics,
 * `evaluate()` reports mean losses and accuracies (`accuracy`, `valAccuracy`), and
 * getParams/setParams let the driver restore the best or last good weights.
 *
 * @throws {ModelError} on shape mismatches, NaN data or invalid options.
 * @example
 * ```ts
 * const task = createMlpTask(net, { x, y, validationSplit: 0.2, batchSize: 10, seed: 1 });
 * for await (const e of train(task, { maxEpochs: 50, sliceMs: 16 })) draw(e.snapshot);
 * ```
 */
export function createMlpTask(model: MLP, options: MLPTaskOptions): MLPTask {
  const op = 'createMlpTask';
  const allowed = [
    'x',
    'y',
    'validation',
    'validationSplit',
    'batchSize',
    'seed',
    'shuffle',
    'dropLast',
    'workers',
  ];
  for (const key of Object.keys(options))
    if (!allowed.includes(key))
      throw new ModelError(
        op,
        `unknown option ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`,
      );
  const d = model.layers[0] as number;
  const K = model.layers[model.layers.length - 1] as number;
  const alloc = (n: number): Buf =>
    model.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const load = (x: MLPInput, y: MLPTarget, what: string): { X: Buf; T: Buf; n: number } => {
    const xv = viewMatrix(op, x, `${what} x`, d);
    const tv = viewTargets(op, y, xv.rows, K, lossCode(model));
    const X = alloc(xv.rows * d);
    const T = alloc(xv.rows * K);
    copyRows(op, `${what} x`, xv, 0, xv.rows, X);
    copyTargets(op, tv, 0, xv.rows, K, T);
    return { X, T, n: xv.rows };
  };
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ModelError(op, `batchSize must be an integer ≥ 1; got ${String(batchSize)}`);
  const split = options.validationSplit ?? 0;
  if (typeof split !== 'number' || !(split >= 0 && split < 1))
    throw new ModelError(op, `validationSplit must be in [0, 1); got ${String(split)}`);
  const rng = new Random(options.seed ?? 0);
  let train = load(options.x, options.y, 'training');
  let val: { X: Buf; T: Buf; n: number } | null = null;
  if (options.validation !== undefined) {
    val = load(options.validation.x, options.validation.y, 'validation');
  } else if (split > 0) {
    const nVal = Math.round(train.n * split);
    if (nVal < 1 || nVal >= train.n)
      throw new ModelError(
        op,
        `validationSplit ${split} of ${train.n} samples leaves an empty set; expected 1..${train.n - 1} validation samples, got ${nVal}`,
      );
    const perm = rng.permutation(train.n);
    const take = (from: number, count: number): { X: Buf; T: Buf; n: number } => {
      const X = alloc(count * d);
      const T = alloc(count * K);
      for (let r = 0; r < count; r++) {
        const s = perm[from + r] as number;
        X.set(train.X.subarray(s * d, s * d + d), r * d);
        T.set(train.T.subarray(s * K, s * K + K), r * K);
      }
      return { X, T, n: count };
    };
    val = take(train.n - nVal, nVal);
    train = take(0, train.n - nVal);
  }
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new ModelError(op, `workers must be an integer in 1..64; got ${String(workers)}`);
  const shuffle = options.shuffle ?? true;
  const dropLast = options.dropLast ?? false;
  const stepsPerEpoch =
    dropLast && train.n >= batchSize
      ? Math.floor(train.n / batchSize)
      : Math.ceil(train.n / batchSize);
  let batches: Int32Array[] = [];
  let cursor = 0;
  const { X, T, n } = train;
  const pool = workers > 1 ? new GradientWorkers(model, X, T, workers, batchSize) : null;
  return {
    model,
    trainSize: n,
    validationSize: val?.n ?? 0,
    stepsPerEpoch,
    batchSize,
    onEpochStart() {
      batches = minibatches(n, batchSize, shuffle ? rng : null, { dropLast, shuffle });
      cursor = 0;
    },
    trainStep(): number {
      if (cursor >= batches.length) {
        batches = minibatches(n, batchSize, shuffle ? rng : null, { dropLast, shuffle });
        cursor = 0;
      }
      const batch = batches[cursor++] as Int32Array;
      if (pool === null) return trainRows(model, X, T, batch);
      const loss = pool.step(batch);
      if (pool.updatedParameters) applyPenalty(model, pool.learningRate);
      else applyGradients(model);
      return loss;
    },
    evaluate(): TrainEvaluation {
      const tr = evaluateRows(model, X, T, n);
      const metrics: Record<string, number> = {};
      if (!Number.isNaN(tr.accuracy)) metrics['accuracy'] = tr.accuracy;
      if (val === null) return { trainLoss: tr.loss, metrics };
      const v = evaluateRows(model, val.X, val.T, val.n);
      if (!Number.isNaN(v.accuracy)) metrics['valAccuracy'] = v.accuracy;
      return { trainLoss: tr.loss, valLoss: v.loss, metrics };
    },
    close: () => void pool?.close(),
    getParams: () => model.parameters(),
    setParams: (params) => model.setParameters(params),
  };
}

function lossCode(model: MLP): number {
  return model.lossType === 'categoricalCrossEntropy'
    ? 2
    : model.lossType === 'binaryCrossEntropy'
      ? 1
      : 0;
}
