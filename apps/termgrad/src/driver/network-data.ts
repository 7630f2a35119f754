import type { Dataset, PlaygroundOptions } from '@termgrad/datasets';
import { blobs, circle, gauss, multiGaussian, plane, spiral, xor } from '@termgrad/datasets';
import type { NetworkSettings } from '../settings/network-settings.js';
import type { NetworkData, Points2d } from './snapshots.js';
import type { UserData } from './user-data.js';

export type { UserData } from './user-data.js';

/** The Playground generators of @termgrad/datasets by the lab's data set names. */
const GENERATORS: Readonly<Record<string, (o: PlaygroundOptions) => Dataset>> = {
  circle,
  xor,
  gauss,
  spiral,
  plane,
  'multi-gauss': multiGaussian,
};

function rows(
  x: Float64Array,
  y: Float64Array,
  d: number,
  from: number,
  to: number,
  labelOf: (v: number) => number,
): { pts: Points2d; targets: Float64Array } {
  const n = Math.max(0, to - from);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = labelOf(y[from + i] ?? 0);
  return { pts: { x: x.slice(d * from, d * to), labels, n }, targets: y.slice(from, to) };
}

/**
 * The lab's points split into train (the first ⌊n · trainRatio / 100⌋ of the shuffled points, as
 * the Playground does) and test. Labels: ±1 sets become classes 0 (−1) and 1 (+1); blobs and CSV classes keep
 * 0..K−1; regression sets keep their targets. The user's CSV (`dataset: 'csv'`) may have any number
 * of feature columns (`dims`); only 2 give a map.
 * @throws Error when the data set is csv but no file was given.
 */
export function networkData(s: NetworkSettings, user?: UserData): NetworkData {
  let x: Float64Array;
  let y: Float64Array;
  let classes: number;
  let d = 2;
  let regression = s.problem === 'regression';
  let domain: [number, number] = [-6, 6];
  let axes: readonly string[] = ['x₁', 'x₂'];
  if (s.dataset === 'csv') {
    if (user === undefined) throw new Error('network: data set csv needs --data file.csv');
    x = user.x;
    y = user.y;
    d = user.d;
    classes = user.classes;
    regression = user.task === 'regression';
    // Standardised columns: ±3.3 standard deviations hold nearly every point.
    let m = 0;
    for (const v of x) m = Math.max(m, Math.abs(v));
    const r = Math.min(Math.max(1, m * 1.05), 4);
    domain = [-r, r];
    axes = user.featureNames;
  } else if (s.dataset === 'blobs') {
    const ds = blobs({
      n: s.samples,
      k: s.classes,
      std: 0.8 + s.noise / 20,
      centerBox: [-4, 4],
      seed: s.seed,
    });
    x = Float64Array.from(ds.x.data);
    y = Float64Array.from(ds.y.data);
    classes = s.classes;
  } else {
    const gen = GENERATORS[s.dataset];
    if (gen === undefined) throw new Error(`network: unknown data set ${s.dataset}`);
    const ds = gen({ numSamples: s.samples, noise: s.noise, seed: s.seed });
    x = Float64Array.from(ds.x.data);
    y = Float64Array.from(ds.y.data);
    regression = ds.task === 'regression';
    classes = regression ? 1 : 2;
  }
  const n = y.length;
  // The Playground's split: the first ⌊n · trainRatio / 100⌋ of the shuffled points train.
  const nTrain = Math.max(1, Math.min(n - 1, Math.floor((n * s.trainRatio) / 100)));
  // ±1 labels (Playground) and 0/1 labels (CSV) both map to classes 0/1.
  const labelOf = regression
    ? () => 0
    : classes === 2
      ? (v: number) => (v > 0 ? 1 : 0)
      : (v: number) => Math.round(v);
  const train = rows(x, y, d, 0, nTrain, labelOf);
  const test = rows(x, y, d, nTrain, n, labelOf);
  return {
    train: train.pts,
    test: test.pts,
    ...(regression ? { trainTargets: train.targets, testTargets: test.targets } : {}),
    classes: regression ? 1 : classes,
    domain,
    axes,
    dims: d,
  };
}
