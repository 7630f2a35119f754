import type { MLPJSON } from '@termgrad/models';
import { composeLinear, LinearClassifier, MLP } from '@termgrad/models';
import { adam, sgd } from '@termgrad/optim';
import { lstsq, Tensor } from '@termgrad/tensor';
import type { DigitsSettings } from '../settings/digits-settings.js';

/** The optimizer of the settings (Adam, SGD, or SGD with momentum 0.9). */
export function digitsOptimizer(s: DigitsSettings) {
  if (s.optimizer === 'sgd') return sgd({ learningRate: s.learningRate });
  if (s.optimizer === 'momentum') return sgd({ learningRate: s.learningRate, momentum: 0.9 });
  return adam({ learningRate: s.learningRate });
}

/** Layer sizes of the gradient-trained models: [d, K] (softmax) or [d, H, K] (linear2, mlp). */
export function digitsLayers(s: DigitsSettings, d: number, k: number): number[] {
  return s.model === 'softmax' ? [d, k] : [d, s.hidden, k];
}

/**
 * The network of a gradient-trained model: softmax output with cross-entropy after no hidden layer
 * (softmax regression), a linear hidden layer (linear2) or a σ hidden layer (mlp); L2 penalty λ.
 */
export function digitsNetwork(s: DigitsSettings, d: number, k: number): MLP {
  const activation = s.model === 'linear2' ? 'linear' : s.activation;
  return new MLP({
    layers: digitsLayers(s, d, k),
    activation,
    outputActivation: 'softmax',
    loss: 'categoricalCrossEntropy',
    init: activation === 'relu' ? 'he' : 'glorot',
    seed: s.seed,
    regularization: s.lambda > 0 ? 'l2' : 'none',
    lambda: s.lambda,
    optimizer: digitsOptimizer(s),
  });
}

/** A saved MLP document whose layer sizes and activations fit the settings, or null. */
export function matchingNetwork(doc: unknown, s: DigitsSettings, d: number, k: number): MLP | null {
  const j = doc as Partial<MLPJSON> | null | undefined;
  if (
    j === null ||
    j === undefined ||
    j.type !== 'MLP' ||
    !Array.isArray(j.layers) ||
    j.layers.join() !== digitsLayers(s, d, k).join()
  )
    return null;
  const activation = s.model === 'linear2' ? 'linear' : s.activation;
  if (s.model !== 'softmax' && j.activations?.[0] !== activation) return null;
  const m = MLP.fromJSON(j);
  m.optimizer = digitsOptimizer(s);
  return m;
}

/** The least-squares fit with its numerical rank. */
export interface LeastSquaresFit {
  readonly model: LinearClassifier;
  /** Rank of the design [x, 1] (below d + 1: constant pixels; the minimum-norm solution is used). */
  readonly rank: number;
}

/**
 * The lecture's least-squares classifier: A, a minimise ½Σₙ‖Axₙ + a − tₙ‖² + (λ/2)‖A‖² over
 * one-hot targets tₙ, by QR (`lstsq`) on the design [x, 1] (with λ > 0, √λ·I rows appended under
 * the pixel columns: ridge, the bias unpenalised). Pixels that never vary (the corners of the 8×8
 * digits are always 0) make the design rank deficient; lstsq then returns the minimum-norm
 * solution, which gives them weight 0.
 * @param x [n, d] row-major. @param labels [n] in 0..K−1.
 */
export function fitLeastSquares(
  x: Float64Array,
  labels: Int32Array,
  n: number,
  d: number,
  k: number,
  lambda: number,
): LeastSquaresFit {
  const p = d + 1;
  const extra = lambda > 0 ? d : 0;
  const rows = n + extra;
  const X = new Float64Array(rows * p);
  const T = new Float64Array(rows * k);
  for (let i = 0; i < n; i++) {
    X.set(x.subarray(i * d, (i + 1) * d), i * p);
    X[i * p + d] = 1;
    T[i * k + (labels[i] ?? 0)] = 1;
  }
  const r = Math.sqrt(lambda);
  for (let j = 0; j < extra; j++) X[(n + j) * p + j] = r;
  const sol = lstsq(new Tensor(X, [rows, p]), new Tensor(T, [rows, k]));
  const B = sol.x.toTypedArray(); // [p, K]
  const A: number[][] = [];
  const a: number[] = [];
  for (let c = 0; c < k; c++) {
    const row = new Array<number>(d);
    for (let j = 0; j < d; j++) row[j] = B[j * k + c] ?? 0;
    A.push(row);
    a.push(B[d * k + c] ?? 0);
  }
  return { model: new LinearClassifier({ weights: A, bias: a }), rank: sol.rank };
}

/** The lecture's collapse of a linear hidden layer: h = Ax + a, y = Bh + b is y = Cx + c. */
export interface Collapse {
  /** C = BA, c = Ba + b as one linear classifier. */
  readonly single: LinearClassifier;
  /** Test images on which argmax(Cx + c) equals the network's prediction, of `total`. */
  readonly agree: number;
  readonly total: number;
  /** Test accuracy of the collapsed map (equal to the network's). */
  readonly accuracy: number;
  /** Largest |(Cx + c) − (B(Ax + a) + b)| over the test images (rounding only). */
  readonly maxDiff: number;
}

/** A [nIn, nOut] MLP weight matrix as the lecture's [nOut, nIn] map. */
function transposed(w: Tensor): number[][] {
  const [nIn, nOut] = w.shape as [number, number];
  const data = w.toTypedArray();
  return Array.from({ length: nOut }, (_, j) =>
    Array.from({ length: nIn }, (_, i) => data[i * nOut + j] ?? 0),
  );
}

/**
 * Collapses a two-layer linear network ([d, H, K], linear hidden activation) to C = BA, c = Ba + b
 * with `composeLinear`, and checks it on the test images: the collapsed map's scores equal the
 * network's pre-softmax outputs, so its argmax, and hence its accuracy, are the network's.
 * @throws Error when the network is not [d, H, K] with a linear hidden layer.
 */
export function collapseLinear(net: MLP, x: Float64Array, labels: Int32Array, n: number): Collapse {
  const json = net.toJSON();
  if (json.layers.length !== 3 || json.activations[0] !== 'linear')
    throw new Error(
      `collapseLinear: expected a [d, H, K] network with a linear hidden layer, got layers [${json.layers.join(', ')}] (${json.activations.join(', ')})`,
    );
  const single = composeLinear(
    { weights: transposed(net.getWeights(0)), bias: net.getBias(0) },
    { weights: transposed(net.getWeights(1)), bias: net.getBias(1) },
  );
  const d = json.layers[0] ?? 0;
  const X = new Tensor(x.subarray(0, n * d), [n, d]);
  const scores = single.scores(X).toTypedArray();
  const predicted = single.predict(X).toTypedArray();
  const netPred = net.predict(X).toTypedArray();
  // The network's pre-softmax outputs, from its hidden activations (linear): B h + b.
  const hidden = net.activations(X)[0]?.toTypedArray() ?? new Float64Array(0);
  const [h, k] = [json.layers[1] ?? 0, json.layers[2] ?? 0];
  const W1 = net.getWeights(1).toTypedArray();
  const b1 = net.getBias(1).toTypedArray();
  let agree = 0;
  let correct = 0;
  let maxDiff = 0;
  for (let i = 0; i < n; i++) {
    if (predicted[i] === netPred[i]) agree++;
    if (predicted[i] === labels[i]) correct++;
    for (let c = 0; c < k; c++) {
      let z = b1[c] ?? 0;
      for (let j = 0; j < h; j++) z += (hidden[i * h + j] ?? 0) * (W1[j * k + c] ?? 0);
      maxDiff = Math.max(maxDiff, Math.abs(z - (scores[i * k + c] ?? 0)));
    }
  }
  return { single, agree, total: n, accuracy: n === 0 ? NaN : correct / n, maxDiff };
}
