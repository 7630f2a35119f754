import type { NetworkSettings } from '../settings/network-settings.js';
import { datasetFn } from './lib-datasets.js';
import type { DatasetLike } from './lib-datasets.js';
import type { NetworkData, Points2d } from './snapshots.js';

type PlaygroundFn = (options: { numSamples?: number; noise?: number; seed?: number }) => DatasetLike;
type BlobsFn = (options: { n?: number; k?: number; std?: number; centerBox?: readonly [number, number]; seed?: number }) => DatasetLike;

/** User data (`--data`): 2-D points with labels (classification) or targets (regression). */
export interface UserData {
  /** [n, 2] row-major. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly n: number;
  readonly task: 'classification' | 'regression';
  readonly classes: number;
}

const GENERATORS: Record<string, string> = { circle: 'circle', xor: 'xor', gauss: 'gauss', spiral: 'spiral', plane: 'plane', 'multi-gauss': 'multiGaussian' };

function rows(x: Float64Array, y: Float64Array, from: number, to: number, labelOf: (v: number) => number): { pts: Points2d; targets: Float64Array } {
  const n = Math.max(0, to - from);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = labelOf(y[from + i] ?? 0);
  return { pts: { x: x.slice(2 * from, 2 * to), labels, n }, targets: y.slice(from, to) };
}

/**
 * The lab's points split into train (the first trainRatio %, as the Playground does on its shuffled
 * points) and test. Labels: ±1 sets become classes 0 (−1) and 1 (+1); blobs keep 0..K−1.
 * @throws when a generator is missing or the user's data is not 2-D.
 */
export function networkData(s: NetworkSettings, user?: UserData): NetworkData {
  let x: Float64Array;
  let y: Float64Array;
  let n: number;
  let classes: number;
  let regression = s.problem === 'regression';
  let domain: [number, number] = [-6, 6];
  if (s.dataset === 'csv') {
    if (user === undefined) throw new Error('network: data set csv needs --data file.csv');
    ({ x, y, n, classes } = user);
    regression = user.task === 'regression';
    let m = 0;
    for (const v of x) m = Math.max(m, Math.abs(v));
    domain = [-m * 1.1 || -1, m * 1.1 || 1];
  } else if (s.dataset === 'blobs') {
    const d = datasetFn<BlobsFn>('blobs')({ n: s.samples, k: s.classes, std: 0.8 + s.noise / 20, centerBox: [-4, 4], seed: s.seed });
    x = Float64Array.from(d.x.toTypedArray());
    y = Float64Array.from(d.y.toTypedArray());
    n = y.length;
    classes = s.classes;
  } else {
    const name = GENERATORS[s.dataset] ?? s.dataset;
    const d = datasetFn<PlaygroundFn>(name)({ numSamples: s.samples, noise: s.noise, seed: s.seed });
    x = Float64Array.from(d.x.toTypedArray());
    y = Float64Array.from(d.y.toTypedArray());
    n = y.length;
    classes = regression ? 1 : 2;
  }
  const nTrain = Math.max(1, Math.min(n - 1, Math.round((n * s.trainRatio) / 100)));
  const labelOf = classes === 2 ? (v: number) => (v > 0 ? 1 : 0) : (v: number) => Math.round(v);
  const train = rows(x, y, 0, nTrain, labelOf);
  const test = rows(x, y, nTrain, n, labelOf);
  return {
    train: train.pts,
    test: test.pts,
    ...(regression ? { trainTargets: train.targets, testTargets: test.targets } : {}),
    classes: regression ? 1 : classes,
    domain,
    axes: ['x₁', 'x₂'],
  };
}
