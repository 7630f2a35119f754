import type { Points1d } from './snapshots.js';
import { datasetFn } from './lib-datasets.js';
import type { DatasetLike } from './lib-datasets.js';

type SinCurveFn = (options: { n: number; noise: number; testN: number; seed: number }) => { train: DatasetLike; test: DatasetLike };

const points = (d: DatasetLike): Points1d => ({ x: Array.from(d.x.toTypedArray()), t: Array.from(d.y.toTypedArray()) });

/** The lecture's data from `sinCurve` of @termgrad/datasets: N evenly spaced x, t = sin(2πx) + N(0, σ²). */
export function sinData(n: number, testN: number, noise: number, seed: number): { train: Points1d; test: Points1d } {
  const d = datasetFn<SinCurveFn>('sinCurve')({ n, noise, testN, seed });
  return { train: points(d.train), test: points(d.test) };
}
