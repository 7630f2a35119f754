import { sinCurve } from '@termgrad/datasets';
import type { Points1d } from './snapshots.js';

/** The lecture's data from `sinCurve` of @termgrad/datasets: N evenly spaced x, t = sin(2πx) + N(0, σ²). */
export function sinData(
  n: number,
  testN: number,
  noise: number,
  seed: number,
): { train: Points1d; test: Points1d } {
  const d = sinCurve({ n, noise, testN, seed });
  const points = (s: typeof d.train): Points1d => ({
    x: Array.from(s.x.data),
    t: Array.from(s.y.data),
  });
  return { train: points(d.train), test: points(d.test) };
}
