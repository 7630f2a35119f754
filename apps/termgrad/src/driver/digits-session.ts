import { LinearClassifier, MLP } from '@termgrad/models';
import { Random, Tensor } from '@termgrad/tensor';
import type { DigitsSettings } from '../settings/digits-settings.js';
import type { DigitsData } from './digits-data.js';
import {
  collapseLinear,
  digitsNetwork,
  digitsOptimizer,
  fitLeastSquares,
  matchingNetwork,
} from './digits-model.js';
import type { DigitsSnapshot, FrozenDigits, WeightImage, WrongImage } from './digits-snapshot.js';
import { FOREVER } from './network-model.js';
import type { Session } from './snapshots.js';
import { stepLoop } from './step-loop.js';

/** Options of {@link digitsSession}. */
export interface DigitsSessionOptions {
  /** A saved model (`--load`): an MLP of the same layers continues training from it. */
  readonly initialModel?: unknown;
  /** The epoch the saved run had reached (the count continues from it). */
  readonly initialEpoch?: number;
  readonly now?: () => number;
}

/** Most wrong test images kept in a snapshot. */
const WRONG_KEPT = 16;
/** Hidden units of an MLP drawn as weight images. */
const UNITS_SHOWN = 10;

/** Test metrics from the model's outputs [n, K]: loss, accuracy, confusion matrix and the worst mistakes. */
function testMetrics(
  out: ArrayLike<number>,
  labels: Int32Array,
  k: number,
  probabilistic: boolean,
): { loss: number; accuracy: number; confusion: Int32Array; wrong: WrongImage[] } {
  const n = labels.length;
  const confusion = new Int32Array(k * k);
  const wrong: WrongImage[] = [];
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const t = labels[i] ?? 0;
    let best = 0;
    for (let c = 1; c < k; c++)
      if ((out[i * k + c] ?? -Infinity) > (out[i * k + best] ?? -Infinity)) best = c;
    if (probabilistic) loss -= Math.log(Math.max(out[i * k + t] ?? 0, 1e-300));
    else for (let c = 0; c < k; c++) loss += 0.5 * ((out[i * k + c] ?? 0) - (c === t ? 1 : 0)) ** 2;
    confusion[t * k + best] = (confusion[t * k + best] ?? 0) + 1;
    if (best === t) correct++;
    else wrong.push({ index: i, truth: t, predicted: best, p: out[i * k + best] ?? NaN });
  }
  wrong.sort((a, b) => b.p - a.p || a.index - b.index);
  return {
    loss: n === 0 ? NaN : loss / n,
    accuracy: n === 0 ? NaN : correct / n,
    confusion,
    wrong: wrong.slice(0, WRONG_KEPT),
  };
}

/** Column j of a [rows, cols] row-major matrix. */
function column(m: ArrayLike<number>, rows: number, cols: number, j: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = m[i * cols + j] ?? 0;
  return out;
}

/** A frozen copy of an MLP: its probabilities, weight images (rows of A, C = BA, or the strongest hidden units) and JSON. */
function freezeNetwork(model: MLP, s: DigitsSettings, data: DigitsData): FrozenDigits {
  const json = model.toJSON();
  const copy = MLP.fromJSON(json);
  const d = data.pixels;
  const k = data.classes;
  const W0 = copy.getWeights(0).toTypedArray();
  let weightImages: WeightImage[];
  let collapse: FrozenDigits['collapse'];
  if (s.model === 'softmax') {
    weightImages = Array.from({ length: k }, (_, c) => ({
      label: `A${c}`,
      w: column(W0, d, k, c),
    }));
  } else if (s.model === 'linear2') {
    const c = collapseLinear(copy, data.test.x, data.test.labels, data.test.n);
    const C = c.single.weights.toTypedArray();
    weightImages = Array.from({ length: k }, (_, r) => ({
      label: `C${r}`,
      w: Float64Array.from(C.subarray(r * d, (r + 1) * d)),
    }));
    collapse = { agree: c.agree, total: c.total, accuracy: c.accuracy, maxDiff: c.maxDiff };
  } else {
    // The strongest hidden units: largest ‖input weights‖ · ‖output weights‖.
    const h = s.hidden;
    const W1 = copy.getWeights(1).toTypedArray();
    const strength = Array.from({ length: h }, (_, j) => {
      let a = 0;
      for (let i = 0; i < d; i++) a += (W0[i * h + j] ?? 0) ** 2;
      let b = 0;
      for (let c = 0; c < k; c++) b += (W1[j * k + c] ?? 0) ** 2;
      return { j, v: Math.sqrt(a * b) };
    });
    strength.sort((p, q) => q.v - p.v || p.j - q.j);
    weightImages = strength
      .slice(0, UNITS_SHOWN)
      .map(({ j }) => ({ label: `h${j}`, w: column(W0, d, h, j) }));
  }
  return {
    proba: (x, n) => Float64Array.from(copy.forward(new Tensor(x, [n, d])).toTypedArray()),
    probabilistic: true,
    weightImages,
    ...(collapse !== undefined ? { collapse } : {}),
    toJSON: () => json,
  };
}

/** A frozen least-squares classifier. */
function freezeLinear(model: LinearClassifier, data: DigitsData): FrozenDigits {
  const json = model.toJSON();
  const d = data.pixels;
  const A = model.weights.toTypedArray();
  return {
    proba: (x, n) => Float64Array.from(model.scores(new Tensor(x, [n, d])).toTypedArray()),
    probabilistic: false,
    weightImages: Array.from({ length: data.classes }, (_, c) => ({
      label: `A${c}`,
      w: Float64Array.from(A.subarray(c * d, (c + 1) * d)),
    })),
    toJSON: () => json,
  };
}

/**
 * The digits lab's run on loaded data: epoch 0 (the untrained model) first, then one epoch per
 * `next()`: a pass over shuffled mini-batches (seeded) for softmax / linear2 / mlp, or the one
 * closed-form least-squares fit. Every snapshot carries train and test loss and accuracy, the test
 * confusion matrix and the most confidently wrong test images; captures add a frozen model.
 * `next({ settings })` takes a new learning rate, optimizer, λ or batch size without a reset
 * (least squares refits with the new λ).
 */
export async function* digitsSessionOn(
  data: DigitsData,
  settings: DigitsSettings,
  options: DigitsSessionOptions = {},
): Session<DigitsSnapshot, DigitsSettings> {
  const now = options.now ?? (() => performance.now());
  const d = data.pixels;
  const k = data.classes;
  const trainX = new Tensor(data.train.x, [data.train.n, d]);
  const testX = data.test.n > 0 ? new Tensor(data.test.x, [data.test.n, d]) : null;
  const trainY = Float64Array.from(data.train.labels);
  const maxEpochs = settings.maxEpochs > 0 ? settings.maxEpochs : FOREVER;
  let current = settings;
  let epoch = 0;
  let done = false;
  let rate = 0;

  if (settings.model === 'leastSquares') {
    let model = new LinearClassifier({
      weights: Array.from({ length: k }, () => new Array<number>(d).fill(0)),
      bias: new Array<number>(k).fill(0),
    });
    let rank: number | undefined;
    const fit = (s: DigitsSettings): void => {
      const t0 = now();
      const r = fitLeastSquares(data.train.x, data.train.labels, data.train.n, d, k, s.lambda);
      model = r.model;
      rank = r.rank;
      rate = data.train.n / Math.max(1e-3, (now() - t0) / 1000);
    };
    const snapshot = (capture: boolean): DigitsSnapshot => {
      const train = testMetrics(model.scores(trainX).toTypedArray(), data.train.labels, k, false);
      const test =
        testX !== null
          ? testMetrics(model.scores(testX).toTypedArray(), data.test.labels, k, false)
          : { loss: NaN, accuracy: NaN, confusion: new Int32Array(k * k), wrong: [] };
      return {
        settings: current,
        data,
        epoch,
        trainLoss: train.loss,
        testLoss: test.loss,
        trainAccuracy: train.accuracy,
        testAccuracy: test.accuracy,
        samplesPerSecond: rate,
        confusion: test.confusion,
        wrong: test.wrong,
        ...(rank !== undefined ? { rank } : {}),
        done,
        ...(capture ? { model: freezeLinear(model, data) } : {}),
      };
    };
    const apply = (s: DigitsSettings): void => {
      const refit = s.lambda !== current.lambda && epoch > 0;
      current = s;
      if (refit) fit(s);
    };
    yield* stepLoop({
      snapshot,
      apply,
      done: () => done,
      epoch: () => {
        fit(current);
        epoch = 1;
        done = true;
      },
    });
    return;
  }

  const loaded = matchingNetwork(options.initialModel, settings, d, k);
  const model = loaded ?? digitsNetwork(settings, d, k);
  epoch = loaded !== null ? (options.initialEpoch ?? 0) : 0;
  const startEpoch = epoch;
  const rng = new Random(settings.seed + epoch);
  // Batch buffers, reused: one per batch size met (the full size and the last, shorter batch).
  const buffers = new Map<number, { x: Float64Array; t: Tensor; y: Float64Array }>();
  const batch = (b: number): { x: Float64Array; t: Tensor; y: Float64Array } => {
    let buf = buffers.get(b);
    if (buf === undefined) {
      const x = new Float64Array(b * d);
      buf = { x, t: new Tensor(x, [b, d]), y: new Float64Array(b) };
      buffers.set(b, buf);
    }
    return buf;
  };
  const measure = (): {
    train: { loss: number; accuracy: number };
    test: ReturnType<typeof testMetrics>;
  } => {
    const train = model.evaluate(trainX, trainY);
    const test =
      testX !== null
        ? testMetrics(model.forward(testX).toTypedArray(), data.test.labels, k, true)
        : { loss: NaN, accuracy: NaN, confusion: new Int32Array(k * k), wrong: [] };
    return { train, test };
  };
  let metrics = measure();
  const snapshot = (capture: boolean): DigitsSnapshot => ({
    settings: current,
    data,
    epoch,
    trainLoss: metrics.train.loss,
    testLoss: metrics.test.loss,
    trainAccuracy: metrics.train.accuracy,
    testAccuracy: metrics.test.accuracy,
    samplesPerSecond: rate,
    confusion: metrics.test.confusion,
    wrong: metrics.test.wrong,
    done,
    ...(capture ? { model: freezeNetwork(model, current, data) } : {}),
  });
  const apply = (s: DigitsSettings): void => {
    if (s.optimizer !== current.optimizer) model.optimizer = digitsOptimizer(s);
    else if (s.learningRate !== current.learningRate)
      model.optimizer.setLearningRate(s.learningRate);
    if (s.lambda !== current.lambda)
      model.setRegularization(s.lambda > 0 ? 'l2' : 'none', s.lambda);
    current = s;
  };
  const trainEpoch = (): void => {
    const t0 = now();
    const n = data.train.n;
    const order = rng.permutation(n);
    const size = Math.min(current.batchSize, n);
    for (let start = 0; start < n; start += size) {
      const b = Math.min(size, n - start);
      const buf = batch(b);
      for (let i = 0; i < b; i++) {
        const r = order[start + i] ?? 0;
        buf.x.set(data.train.x.subarray(r * d, (r + 1) * d), i * d);
        buf.y[i] = data.train.labels[r] ?? 0;
      }
      const loss = model.trainBatch(buf.t, buf.y);
      if (!Number.isFinite(loss))
        throw new Error(
          `digits: training diverged in epoch ${epoch + 1} (loss ${loss}); lower the learning rate (now ${current.learningRate})`,
        );
    }
    epoch++;
    rate = n / Math.max(1e-3, (now() - t0) / 1000);
    metrics = measure();
    if (epoch - startEpoch >= maxEpochs) done = true;
  };
  yield* stepLoop({ snapshot, apply, done: () => done, epoch: trainEpoch });
}

/**
 * The digits lab's run: loads the settings' images (the embedded set at once; a file or MNIST on
 * the first `next()`), then {@link digitsSessionOn}.
 * @throws the loader's error (one clear line) on the first `next()`.
 */
export async function* digitsSession(
  settings: DigitsSettings,
  options: DigitsSessionOptions & { readonly header?: boolean } = {},
): Session<DigitsSnapshot, DigitsSettings> {
  const { loadDigitsData } = await import('./digits-data.js');
  const data = await loadDigitsData(settings, options.header ?? true);
  yield* digitsSessionOn(data, settings, options);
}
