import {
  GaussianGenerativeClassifier,
  gaussianBasis,
  LogisticRegression,
  Perceptron,
  SoftmaxRegression,
} from '@termgrad/models';
import { Tensor } from '@termgrad/tensor';
import type { ClassifySettings } from '../settings/classify-settings.js';
import { UsageError } from '../settings/errors.js';
import { DEFAULT_NETWORK_SETTINGS } from '../settings/network-settings.js';
import { networkData } from './network-data.js';
import type { ClassifySnapshot, Points2d, Session } from './snapshots.js';
import type { UserData } from './user-data.js';

/**
 * The classification lab's points (all of them are training points): the built-in 2-D sets, or the
 * user's CSV (standardised columns, any number of them; `dims` says how many).
 */
export function classifyData(
  s: ClassifySettings,
  user?: UserData,
): Points2d & { readonly dims: number } {
  if (user !== undefined) {
    if (user.task !== 'classification')
      throw new Error(
        `classify: ${user.source} has a numeric target; expected class labels (text or at most 10 distinct integers)`,
      );
    const labels = new Int32Array(user.n);
    for (let i = 0; i < user.n; i++) labels[i] = Math.round(user.y[i] ?? 0);
    return { x: user.x, labels, n: user.n, dims: user.d };
  }
  if (s.dataset === 'csv')
    throw new Error(
      'classify: data set csv needs --data file.csv (numeric feature columns and a class label column)',
    );
  const d = networkData({
    ...DEFAULT_NETWORK_SETTINGS,
    dataset: s.dataset,
    classes: s.dataset === 'blobs' ? s.classes : 2,
    samples: s.samples,
    noise: s.noise,
    trainRatio: 90,
    seed: s.seed,
  });
  const x = new Float64Array(2 * (d.train.n + d.test.n));
  x.set(d.train.x);
  x.set(d.test.x, 2 * d.train.n);
  const labels = new Int32Array(d.train.n + d.test.n);
  labels.set(d.train.labels);
  labels.set(d.test.labels, d.train.n);
  return { x, labels, n: labels.length, dims: 2 };
}

function accuracyOf(pred: ArrayLike<number>, labels: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (Math.round(pred[i] ?? -1) === labels[i]) ok++;
  return labels.length === 0 ? NaN : ok / labels.length;
}

/** p(c|x) rows [n, K] from a binary p(c₁|x) vector. */
function binaryRows(p1: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p1.length * 2);
  for (let i = 0; i < p1.length; i++) {
    out[2 * i] = 1 - (p1[i] ?? 0);
    out[2 * i + 1] = p1[i] ?? 0;
  }
  return out;
}

/**
 * The classification lab's run. Generative: one closed-form fit (epoch 0). Logistic / softmax
 * regression: epoch k is the k-th gradient-descent iteration (a warm-started one-iteration fit, so
 * the run costs O(k) iterations, not O(k²)). Perceptron: one
 * snapshot per epoch of the perceptron algorithm (its updates animated), until no mistakes.
 * `initialModel` (a saved model document, `--load`) is where logistic / softmax regression and the
 * perceptron start (their epochs then count on from `startEpoch`, the saved epoch, and `s.maxEpochs`
 * more are run); the generative fit is closed form, so it is rebuilt from the settings. A saved
 * perceptron continues exactly as the uninterrupted run would (it visits the points cyclically).
 */
export async function* classifySession(
  s: ClassifySettings,
  user?: UserData,
  initialModel?: unknown,
  startEpoch = 0,
): Session<ClassifySnapshot> {
  const data = classifyData(s, user);
  const dims = data.dims;
  const matrix = (x: Float64Array, n: number): Tensor => new Tensor(x, [n, dims]);
  let classes = 0;
  for (const l of data.labels) classes = Math.max(classes, l + 1);
  const X = matrix(data.x, data.n);
  const T = Float64Array.from(data.labels);
  const names = user !== undefined ? user.featureNames : ['x₁', 'x₂'];
  const base = { settings: s, classes, data, dims, inputs: names };
  if (s.model === 'generative') {
    let m: GaussianGenerativeClassifier;
    try {
      m = new GaussianGenerativeClassifier().fit(X, T);
    } catch (error) {
      // The library's remedy ({ lambda }) is an API option; name what a user of the app can do.
      if (!/singular/.test((error as Error).message)) throw error;
      throw new UsageError(
        `classify --model generative: the shared covariance of ${user?.source ?? 'the data'} is singular (a feature is constant, or a multiple or sum of others); remove that column from the file, or use --model logistic`,
      );
    }
    const disc = m.discriminant();
    const W = disc.weights.toArray() as number[][];
    const binary = classes === 2 ? m.binaryDiscriminant() : null;
    yield {
      ...base,
      epoch: 0,
      done: true,
      accuracy: accuracyOf(m.predict(X).toTypedArray(), data.labels),
      loss: NaN,
      proba: (x, n) => Float64Array.from(m.predictProba(matrix(x, n)).toTypedArray()),
      w: binary !== null ? [Array.from(binary.w)] : W,
      w0: binary !== null ? [binary.w0] : Array.from(disc.biases),
      toJSON: () => m.toJSON(),
    };
    return;
  }
  if (s.model === 'perceptron') {
    if (classes !== 2)
      throw new Error('the perceptron separates two classes; choose a two-class data set or K = 2');
    const saved =
      typeOf(initialModel) === 'Perceptron' ? Perceptron.fromJSON(initialModel) : undefined;
    const resume = saved !== undefined && saved.weights.length === dims;
    const offset = resume ? startEpoch : 0;
    const p = new Perceptron({
      learningRate: s.learningRate,
      maxEpochs: s.maxEpochs,
      seed: s.seed,
    });
    const fitOptions = resume
      ? { initialWeights: { weights: saved.weights, bias: saved.bias } }
      : {};
    const gen = p.epochs(X, T, fitOptions);
    const snap = (
      w: number[],
      b: number,
      epoch: number,
      done: boolean,
      mistakes: number,
      converged: boolean,
      doc: unknown,
    ): ClassifySnapshot => {
      const score = (x: Float64Array, n: number): Float64Array => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let a = b;
          for (let j = 0; j < dims; j++) a += (w[j] ?? 0) * (x[dims * i + j] ?? 0);
          out[i] = 1 / (1 + Math.exp(-4 * a));
        }
        return out;
      };
      const pred = score(data.x, data.n);
      return {
        ...base,
        epoch,
        done,
        accuracy: accuracyOf(
          Array.from(pred, (v) => (v > 0.5 ? 1 : 0)),
          data.labels,
        ),
        loss: mistakes,
        // The perceptron has no probabilities: a steep logistic of its decision value shows the boundary.
        proba: (x, n) => binaryRows(score(x, n)),
        w: [w],
        w0: [b],
        updates: mistakes,
        converged,
        // Taken now: the perceptron trains on after this snapshot.
        toJSON: () => doc,
      };
    };
    // One snapshot per epoch; the epoch that converges or reaches the cap is marked done (the
    // generator's return value repeats that epoch, so it is not shown again).
    for (;;) {
      const r = gen.next();
      if (r.done) return;
      const e = r.value;
      const last = e.mistakes === 0 || e.epoch >= s.maxEpochs;
      yield snap(
        Array.from(e.weights),
        e.bias,
        offset + e.epoch,
        last,
        e.mistakes,
        e.mistakes === 0,
        p.toJSON(),
      );
      if (last) return;
    }
  }
  // Logistic (two classes) or softmax (K classes) regression by gradient descent, one more
  // iteration per epoch: each fit continues from the previous weights (warm start).
  if (s.basis && dims > 3)
    throw new Error(
      `classify --basis: a grid of basis functions needs at most 3 features; ${user?.source ?? 'the data'} has ${dims}`,
    );
  const features = s.basis
    ? gaussianBasis({ count: Array.from({ length: dims }, () => s.basisPerAxis), data: X })
    : undefined;
  const inputs =
    features !== undefined
      ? Array.from({ length: features.outputDim }, (_, j) => `φ${j + 1}`)
      : base.inputs;
  const options = {
    lambda: s.lambda,
    solver: 'gd' as const,
    learningRate: s.learningRate,
    lineSearch: 'fixed' as const,
    maxIterations: 1,
    tolerance: 0,
    ...(features !== undefined ? { features } : {}),
  };
  const binary = classes === 2;
  const step = binary
    ? logisticStep(X, T, options, initialModel)
    : softmaxStep(X, T, options, initialModel);
  // A loaded model continues its epoch count; s.maxEpochs more iterations are run.
  const offset =
    initialModel !== undefined &&
    typeOf(initialModel) === (binary ? 'LogisticRegression' : 'SoftmaxRegression')
      ? startEpoch
      : 0;
  for (let epoch = offset + 1; epoch <= offset + s.maxEpochs; epoch++) {
    const m = step();
    yield {
      ...base,
      inputs,
      epoch,
      done: epoch === offset + s.maxEpochs,
      accuracy: accuracyOf(m.predict(X).toTypedArray(), data.labels),
      loss: m.loss(X, T),
      proba: (x, n) => m.proba(matrix(x, n)),
      w: m.w,
      w0: m.w0,
      toJSON: () => m.toJSON(),
    };
  }
}

/** A frozen copy of a logistic or softmax model after one more iteration, as the snapshot shows it. */
interface RegressionState {
  predict(x: Tensor): Tensor;
  loss(x: Tensor, t: Float64Array): number;
  /** p(c|x) rows [n, K]. */
  proba(x: Tensor): Float64Array;
  readonly w: number[][];
  readonly w0: number[];
  toJSON(): unknown;
}

type RegressionOptions = ConstructorParameters<typeof SoftmaxRegression>[0];

/** The `type` of a saved model document (a model of another kind is not a start). */
function typeOf(doc: unknown): unknown {
  return typeof doc === 'object' && doc !== null ? (doc as { type?: unknown }).type : undefined;
}

/**
 * One gradient-descent iteration of logistic regression per call, warm-started from the previous
 * one; the first continues from `initialModel` (a saved LogisticRegression document) when given.
 */
function logisticStep(
  X: Tensor,
  T: Float64Array,
  options: RegressionOptions,
  initialModel: unknown,
): () => RegressionState {
  const model = new LogisticRegression({ ...options, onSeparable: 'warn' });
  const start =
    typeOf(initialModel) === 'LogisticRegression'
      ? LogisticRegression.fromJSON(initialModel)
      : undefined;
  let first = true;
  return () => {
    model.fit(
      X,
      T,
      first && start !== undefined
        ? { initialWeights: { weights: start.weights, bias: start.bias } }
        : { warmStart: true },
    );
    first = false;
    // A frozen copy: the snapshot must not change when training continues.
    const m = LogisticRegression.fromJSON(model.toJSON());
    return {
      predict: (x) => m.predict(x),
      loss: (x, t) => m.loss(x, t),
      proba: (x) => binaryRows(m.predictProba(x).toTypedArray()),
      w: [Array.from(m.weights)],
      w0: [m.bias],
      toJSON: () => m.toJSON(),
    };
  };
}

/** As {@link logisticStep}, for softmax regression (K classes). */
function softmaxStep(
  X: Tensor,
  T: Float64Array,
  options: RegressionOptions,
  initialModel: unknown,
): () => RegressionState {
  const model = new SoftmaxRegression(options);
  const start =
    typeOf(initialModel) === 'SoftmaxRegression'
      ? SoftmaxRegression.fromJSON(initialModel)
      : undefined;
  let first = true;
  return () => {
    model.fit(
      X,
      T,
      first && start !== undefined
        ? { initialWeights: { weights: start.weights, bias: start.bias } }
        : { warmStart: true },
    );
    first = false;
    const m = SoftmaxRegression.fromJSON(model.toJSON());
    return {
      predict: (x) => m.predict(x),
      loss: (x, t) => m.loss(x, t),
      proba: (x) => Float64Array.from(m.predictProba(x).toTypedArray()),
      w: m.weights.toArray() as number[][],
      w0: Array.from(m.bias),
      toJSON: () => m.toJSON(),
    };
  };
}
