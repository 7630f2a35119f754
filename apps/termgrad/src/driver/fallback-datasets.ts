import { Random } from '@termgrad/tensor';
import type { DatasetLike } from './lib-datasets.js';

/*
 * TEMPORARY stand-ins used only while @termgrad/datasets does not export these names yet (it is
 * being written in parallel). They follow the same definitions (the Playground's dataset.ts and
 * Bishop's sin curve) in their simplest form; delete this file once the library exports them.
 */

function ds(x: number[], y: number[], d: number, numClasses?: number): DatasetLike {
  const X = Float64Array.from(x);
  const Y = Float64Array.from(y);
  return {
    x: { shape: [Y.length, d], toTypedArray: () => X },
    y: { toTypedArray: () => Y },
    ...(numClasses !== undefined ? { numClasses } : {}),
  };
}

function shuffled(rng: Random, x: number[], y: number[]): DatasetLike {
  const idx = Array.from(rng.permutation(y.length));
  return ds(idx.flatMap((i) => [x[2 * i] ?? 0, x[2 * i + 1] ?? 0]), idx.map((i) => y[i] ?? 0), 2, 2);
}

type Opts = { numSamples?: number; noise?: number; seed?: number };

const generators: Record<string, (o: Opts) => DatasetLike> = {
  circle: ({ numSamples = 500, noise = 0, seed = 0 }) => {
    const rng = new Random(seed);
    const x: number[] = [];
    const y: number[] = [];
    const nz = noise / 100;
    for (let i = 0; i < numSamples; i++) {
      const inner = i < numSamples / 2;
      const r = inner ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
      const a = rng.uniform(0, 2 * Math.PI);
      const px = r * Math.sin(a);
      const py = r * Math.cos(a);
      const nx = rng.uniform(-5, 5) * nz;
      const ny = rng.uniform(-5, 5) * nz;
      x.push(px, py);
      y.push(Math.hypot(px + nx, py + ny) < 2.5 ? 1 : -1);
    }
    return shuffled(rng, x, y);
  },
  xor: ({ numSamples = 500, noise = 0, seed = 0 }) => {
    const rng = new Random(seed);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < numSamples; i++) {
      let px = rng.uniform(-5, 5);
      px += px > 0 ? 0.3 : -0.3;
      let py = rng.uniform(-5, 5);
      py += py > 0 ? 0.3 : -0.3;
      const nx = rng.uniform(-5, 5) * (noise / 100);
      const ny = rng.uniform(-5, 5) * (noise / 100);
      x.push(px, py);
      y.push((px + nx) * (py + ny) >= 0 ? 1 : -1);
    }
    return shuffled(rng, x, y);
  },
  gauss: ({ numSamples = 500, noise = 0, seed = 0 }) => {
    const rng = new Random(seed);
    const x: number[] = [];
    const y: number[] = [];
    const std = 0.5 + (noise / 100) * 3.5;
    for (let i = 0; i < numSamples; i++) {
      const pos = i < numSamples / 2;
      x.push(rng.normal(pos ? 2 : -2, std), rng.normal(pos ? 2 : -2, std));
      y.push(pos ? 1 : -1);
    }
    return shuffled(rng, x, y);
  },
  spiral: ({ numSamples = 500, noise = 0, seed = 0 }) => {
    const rng = new Random(seed);
    const x: number[] = [];
    const y: number[] = [];
    const half = numSamples / 2;
    for (const [delta, label] of [[0, 1], [Math.PI, -1]] as const) {
      for (let i = 0; i < half; i++) {
        const r = (i / half) * 5;
        const t = (1.75 * i / half) * 2 * Math.PI + delta;
        x.push(r * Math.sin(t) + rng.uniform(-1, 1) * noise / 100, r * Math.cos(t) + rng.uniform(-1, 1) * noise / 100);
        y.push(label);
      }
    }
    return shuffled(rng, x, y);
  },
  blobs: (o: Opts & { n?: number; k?: number; std?: number; centerBox?: readonly [number, number] }) => {
    const rng = new Random(o.seed ?? 0);
    const k = o.k ?? 3;
    const [lo, hi] = o.centerBox ?? [-10, 10];
    const centers = Array.from({ length: k }, () => [rng.uniform(lo, hi), rng.uniform(lo, hi)] as const);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < (o.n ?? 300); i++) {
      const c = i % k;
      x.push(rng.normal(centers[c]?.[0] ?? 0, o.std ?? 1), rng.normal(centers[c]?.[1] ?? 0, o.std ?? 1));
      y.push(c);
    }
    const idx = Array.from(rng.permutation(y.length));
    return ds(idx.flatMap((i) => [x[2 * i] ?? 0, x[2 * i + 1] ?? 0]), idx.map((i) => y[i] ?? 0), 2, k);
  },
};

function sinCurve(o: { n: number; noise: number; testN: number; seed: number }): { train: DatasetLike; test: DatasetLike } {
  const rng = new Random(o.seed);
  const make = (n: number, r: Random): DatasetLike => {
    const x = Array.from({ length: n }, (_, i) => (n === 1 ? 0 : i / (n - 1)));
    return ds(x, x.map((v) => Math.sin(2 * Math.PI * v) + r.normal(0, o.noise)), 1);
  };
  const testRng = rng.split();
  return { train: make(o.n, rng), test: make(o.testN, testRng) };
}

/** The stand-in for a missing @termgrad/datasets export, or undefined. */
export function fallbackDataset(name: string): unknown {
  if (name === 'sinCurve') return sinCurve;
  return generators[name];
}
