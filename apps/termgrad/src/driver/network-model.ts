import { MLP } from '@termgrad/models';
import { Tensor } from '@termgrad/tensor';
import type { NetworkSettings } from '../settings/network-settings.js';
import { featureOrder } from '../settings/network-settings.js';
import { featurize } from './features.js';
import type { FrozenNetwork, NetworkData } from './snapshots.js';

/** Effectively "until paused" for the TUI. */
export const FOREVER = 1_000_000_000;

/** Output layer, loss and target mapping of the network lab. */
export interface Setup {
  readonly outputs: number;
  readonly outputActivation: 'tanh' | 'sigmoid' | 'softmax' | 'linear';
  readonly loss: 'squaredError' | 'binaryCrossEntropy' | 'categoricalCrossEntropy';
  /** Training target of a point (its class label or regression target). */
  readonly target: (label: number, value: number) => number;
}

/** Output layer and loss: Playground (tanh + squared error on ±1), or sigmoid/softmax + cross-entropy. */
export function outputSetup(s: NetworkSettings, data: NetworkData): Setup {
  if (data.classes <= 1)
    return { outputs: 1, outputActivation: 'linear', loss: 'squaredError', target: (_, v) => v };
  if (data.classes > 2)
    return {
      outputs: data.classes,
      outputActivation: 'softmax',
      loss: 'categoricalCrossEntropy',
      target: (l) => l,
    };
  // The Playground: tanh output, squared error, labels ±1.
  if (s.mode === 'playground')
    return {
      outputs: 1,
      outputActivation: 'tanh',
      loss: 'squaredError',
      target: (l) => (l > 0 ? 1 : -1),
    };
  return {
    outputs: 1,
    outputActivation: 'sigmoid',
    loss: 'binaryCrossEntropy',
    target: (l) => (l > 0 ? 1 : 0),
  };
}

/**
 * The Playground's `initZero`: every weight set to 0, the biases left as the initialiser set them
 * (0.1 in playground mode, 0 otherwise). Returns the model.
 */
export function withInitZero(model: MLP, s: Pick<NetworkSettings, 'initZero'>): MLP {
  if (!s.initZero) return model;
  model.setParameters(
    model.parameters().map((p, i) => (i % 2 === 0 ? new Float64Array(p.length) : p)),
  );
  return model;
}

/** The MLP's name of the settings' weight penalty. */
export function regularizationOf(s: NetworkSettings): 'none' | 'l1' | 'l2' {
  return s.regularization;
}

/** The network's inputs for points [n, dims]: the selected Playground features of 2-D points, or a CSV's columns as they are. */
export function networkInputs(
  x: Float64Array,
  n: number,
  dims: number,
  s: NetworkSettings,
): Tensor {
  if (dims !== 2) return new Tensor(x.slice(0, n * dims), [n, dims]);
  const d = featureOrder(s.features).length;
  return new Tensor(featurize(x, n, s.features), [n, d]);
}

/** Input width of the network: the number of selected features (2-D data) or of CSV columns. */
export function inputWidth(data: NetworkData, s: NetworkSettings): number {
  return data.dims === 2 ? featureOrder(s.features).length : data.dims;
}

/** Training targets of points: class labels (±1 in Playground mode) or regression values. */
export function targets(
  setup: Setup,
  labels: Int32Array,
  values: Float64Array | undefined,
): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = setup.target(labels[i] ?? 0, values?.[i] ?? 0);
  return out;
}

/** A frozen copy of the network for drawing (a JSON round trip, so training never changes it). */
export function freeze(model: MLP, s: NetworkSettings, dims = 2): FrozenNetwork {
  const json = model.toJSON();
  const copy = MLP.fromJSON(json);
  const inputs = (x: Float64Array, n: number): Tensor => networkInputs(x, n, dims, s);
  const depth = copy.layers.length - 1;
  const out = copy.getBias(depth - 1).toTypedArray();
  return {
    sizes: copy.layers.slice(1),
    output: (x, n) => Float64Array.from(copy.forward(inputs(x, n)).toTypedArray()),
    neurons: (x, n) => {
      const acts = copy.activations(inputs(x, n)).slice(0, -1);
      return acts.map((t) => {
        const units = t.shape[1] ?? 0;
        const data = t.toTypedArray();
        return Array.from({ length: units }, (_, u) => {
          const col = new Float64Array(n);
          for (let i = 0; i < n; i++) col[i] = data[i * units + u] ?? 0;
          return col;
        });
      });
    },
    outputBias: Array.from(out),
    weights: Array.from({ length: depth }, (_, l) =>
      Float64Array.from(copy.getWeights(l).toTypedArray()),
    ),
    biases: Array.from({ length: depth }, (_, l) =>
      Float64Array.from(copy.getBias(l).toTypedArray()),
    ),
    toJSON: () => json,
  };
}

/**
 * Splits `n` training rows into the rows trained on and `percent` % held out for validation, by a
 * seeded shuffle (mulberry32): the same seed gives the same split. At least one row stays on each
 * side when n ≥ 2; percent 0 holds out nothing.
 * @example
 * holdOut(10, 20, 1).val.length; // 2
 */
export function holdOut(
  n: number,
  percent: number,
  seed: number,
): { fit: number[]; val: number[] } {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (percent <= 0 || n < 2) return { fit: idx, val: [] };
  let a = (seed ^ 0x9e3779b9) >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  const k = Math.min(n - 1, Math.max(1, Math.round((n * percent) / 100)));
  const val = idx.slice(0, k).sort((p, q) => p - q);
  const fit = idx.slice(k).sort((p, q) => p - q);
  return { fit, val };
}

/** Rows `rows` of points [n, dims] with their labels and targets. */
export function pickRows(
  x: Float64Array,
  labels: Int32Array,
  targets: Float64Array | undefined,
  dims: number,
  rows: readonly number[],
): { x: Float64Array; labels: Int32Array; targets: Float64Array | undefined; n: number } {
  const out = new Float64Array(rows.length * dims);
  const lab = new Int32Array(rows.length);
  const tgt = targets !== undefined ? new Float64Array(rows.length) : undefined;
  rows.forEach((r, i) => {
    for (let d = 0; d < dims; d++) out[i * dims + d] = x[r * dims + d] ?? 0;
    lab[i] = labels[r] ?? 0;
    if (tgt !== undefined) tgt[i] = targets?.[r] ?? 0;
  });
  return { x: out, labels: lab, targets: tgt, n: rows.length };
}
