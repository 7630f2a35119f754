import type { Random } from '@termgrad/tensor';
import type { Dataset, SeedOptions } from './dataset.js';
import { check, makeDataset, resolveRng, shuffleRows } from './dataset.js';
import { DatasetError } from './errors.js';

/** Options shared by the TensorFlow Playground generators. */
export interface PlaygroundOptions extends SeedOptions {
  /** Number of points. Default 500 for classification sets, 1200 for regression sets (the Playground's counts). */
  readonly numSamples?: number;
  /** Noise in percent, 0..100 (the Playground's slider offers 0..50). Default 0. */
  readonly noise?: number;
  /** Shuffle the points after generating them, as the Playground does. Default true. */
  readonly shuffle?: boolean;
}

/** Names accepted by {@link playgroundDataset}: the Playground's `dataset` and `regDataset` keys. */
export type PlaygroundName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'reg-plane' | 'reg-gauss';

/** The Playground's point counts: 500 for classification, 1200 for regression (playground.ts). */
export const PLAYGROUND_SAMPLES = { classification: 500, regression: 1200 } as const;

const FEATURES = ['x1', 'x2'] as const;
const BINARY = {
  task: 'classification',
  numClasses: 2,
  labelValues: [-1, 1],
  classNames: ['negative', 'positive'],
  featureNames: FEATURES,
} as const;
const REGRESSION = { task: 'regression', featureNames: FEATURES } as const;

type PointFn = (rng: Random, noise: number, i: number, n: number, out: Float64Array) => number;

/**
 * Runs a point generator n times: `point` writes (x1, x2) into a 2-slot buffer and returns the label.
 * Noise is converted from percent to the Playground's fraction (noise / 100).
 */
function generate(
  op: string,
  options: PlaygroundOptions,
  defaultN: number,
  meta: Omit<Dataset, 'x' | 'y'>,
  point: PointFn,
): Dataset {
  check.optionKeys(op, options, ['numSamples', 'noise', 'shuffle', 'seed', 'rng']);
  const n = check.integer(op, 'numSamples', options.numSamples ?? defaultN, { min: 0 });
  const noise = check.number(op, 'noise', options.noise ?? 0, { min: 0, max: 100 }) / 100;
  const rng = resolveRng(op, options);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const p = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    y[i] = point(rng, noise, i, n, p);
    x[2 * i] = p[0] as number;
    x[2 * i + 1] = p[1] as number;
  }
  if (options.shuffle ?? true) shuffleRows(rng, x, y, n, 2);
  return makeDataset(x, n, 2, y, meta);
}

/** Number of points of the first (positive) half: ceil(n/2), so the counts add up to n exactly. */
const half = (n: number): number => Math.ceil(n / 2);

/**
 * The Playground's "Circle": half the points at radius r ~ U(0, 2.5), half at r ~ U(3.5, 5), angle
 * ~ U(0, 2π). The label is +1 when the point, displaced by noise (each coordinate + U(−5, 5)·noise),
 * lies within radius 2.5 of the origin, else −1; the stored point is the undisplaced one.
 * With noise 0 the labels are exactly ceil(n/2) × +1 (inner disc) and floor(n/2) × −1 (ring).
 *
 * @param options numSamples (500), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2] within radius 5, y ∈ {−1, +1}.
 * @throws {DatasetError} on a negative count or noise outside [0, 100].
 * @example
 * ```ts
 * circle({ seed: 1 }).x.shape; // [500, 2]
 * ```
 */
export function circle(options: PlaygroundOptions = {}): Dataset {
  const radius = 5;
  return generate(
    'circle',
    options,
    PLAYGROUND_SAMPLES.classification,
    BINARY,
    (rng, noise, i, n, p) => {
      const r = i < half(n) ? rng.uniform(0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = x + rng.uniform(-radius, radius) * noise;
      const ny = y + rng.uniform(-radius, radius) * noise;
      p[0] = x;
      p[1] = y;
      return Math.hypot(nx, ny) < radius * 0.5 ? 1 : -1;
    },
  );
}

/**
 * The Playground's "Exclusive or": x1, x2 ~ U(−5, 5), each pushed 0.3 away from 0 (so |xᵢ| ≥ 0.3);
 * label +1 when (x1 + ε1)(x2 + ε2) ≥ 0 with εᵢ ~ U(−5, 5)·noise, else −1.
 *
 * @param options numSamples (500), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2] in [−5.3, 5.3]², y ∈ {−1, +1}.
 * @example
 * ```ts
 * xor({ seed: 1, noise: 10 }).y.shape; // [500]
 * ```
 */
export function xor(options: PlaygroundOptions = {}): Dataset {
  const padding = 0.3;
  return generate(
    'xor',
    options,
    PLAYGROUND_SAMPLES.classification,
    BINARY,
    (rng, noise, _i, _n, p) => {
      let x = rng.uniform(-5, 5);
      x += x > 0 ? padding : -padding;
      let y = rng.uniform(-5, 5);
      y += y > 0 ? padding : -padding;
      const nx = x + rng.uniform(-5, 5) * noise;
      const ny = y + rng.uniform(-5, 5) * noise;
      p[0] = x;
      p[1] = y;
      return nx * ny >= 0 ? 1 : -1;
    },
  );
}

/**
 * The Playground's "Gaussian": two isotropic Gaussians, ceil(n/2) points labelled +1 around (2, 2) and
 * floor(n/2) labelled −1 around (−2, −2). The variance grows linearly with noise: σ² = 0.5 + 7·noise
 * (0.5 at 0 %, 4 at 50 %), i.e. the Playground's d3 scale from [0, 0.5] to [0.5, 4].
 *
 * @param options numSamples (500), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2], y ∈ {−1, +1}.
 * @example
 * ```ts
 * gauss({ seed: 1 }).numClasses; // 2
 * ```
 */
export function gauss(options: PlaygroundOptions = {}): Dataset {
  return generate(
    'gauss',
    options,
    PLAYGROUND_SAMPLES.classification,
    BINARY,
    (rng, noise, i, n, p) => {
      const std = Math.sqrt(0.5 + 7 * noise);
      const positive = i < half(n);
      const c = positive ? 2 : -2;
      p[0] = rng.normal(c, std);
      p[1] = rng.normal(c, std);
      return positive ? 1 : -1;
    },
  );
}

/**
 * The Playground's "Spiral": two interleaved arms of m = n/2 points each. Point i of an arm has
 * radius r = 5·i/m and angle t = 1.75·2π·i/m + δ (δ = 0 for the +1 arm, π for the −1 arm), position
 * (r sin t + U(−1, 1)·noise, r cos t + U(−1, 1)·noise). The +1 arm gets ceil(n/2) points.
 *
 * @param options numSamples (500), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2] within radius 5 + noise·√2, y ∈ {−1, +1}.
 * @example
 * ```ts
 * spiral({ seed: 1, noise: 20 }).x.shape; // [500, 2]
 * ```
 */
export function spiral(options: PlaygroundOptions = {}): Dataset {
  return generate(
    'spiral',
    options,
    PLAYGROUND_SAMPLES.classification,
    BINARY,
    (rng, noise, i, n, p) => {
      const nPos = half(n);
      const positive = i < nPos;
      const j = positive ? i : i - nPos;
      const m = positive ? nPos : n - nPos;
      const r = (j / m) * 5;
      const t = ((1.75 * j) / m) * 2 * Math.PI + (positive ? 0 : Math.PI);
      p[0] = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
      p[1] = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
      return positive ? 1 : -1;
    },
  );
}

/**
 * The Playground's regression "Plane" (`reg-plane`): x1, x2 ~ U(−6, 6), target
 * (x1 + ε1 + x2 + ε2) / 10 with εᵢ ~ U(−6, 6)·noise (the d3 scale [−10, 10] → [−1, 1], unclamped).
 *
 * @param options numSamples (1200), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2] in [−6, 6]², y in [−1.2, 1.2] at noise 0.
 * @example
 * ```ts
 * plane({ seed: 1 }).task; // 'regression'
 * ```
 */
export function plane(options: PlaygroundOptions = {}): Dataset {
  const radius = 6;
  return generate(
    'plane',
    options,
    PLAYGROUND_SAMPLES.regression,
    REGRESSION,
    (rng, noise, _i, _n, p) => {
      const x = rng.uniform(-radius, radius);
      const y = rng.uniform(-radius, radius);
      const nx = rng.uniform(-radius, radius) * noise;
      const ny = rng.uniform(-radius, radius) * noise;
      p[0] = x;
      p[1] = y;
      return (x + nx + y + ny) / 10;
    },
  );
}

/** Centres and signs of the six bumps of {@link multiGaussian}. */
const BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * The Playground's regression "Multi Gaussian" (`reg-gauss`): x1, x2 ~ U(−6, 6); six signed bumps
 * at (±4 or 0, ±2.5), each worth sign · clamp(1 − dist/2, 0, 1) at the noisy point (x1 + ε1, x2 + ε2),
 * εᵢ ~ U(−6, 6)·noise; the target is the bump value of largest magnitude (0 far from every bump).
 *
 * @param options numSamples (1200), noise percent (0), shuffle (true), seed (0) or rng.
 * @returns x [n, 2] in [−6, 6]², y in [−1, 1].
 * @example
 * ```ts
 * multiGaussian({ seed: 1 }).y.shape; // [1200]
 * ```
 */
export function multiGaussian(options: PlaygroundOptions = {}): Dataset {
  const radius = 6;
  return generate(
    'multiGaussian',
    options,
    PLAYGROUND_SAMPLES.regression,
    REGRESSION,
    (rng, noise, _i, _n, p) => {
      const x = rng.uniform(-radius, radius);
      const y = rng.uniform(-radius, radius);
      const nx = x + rng.uniform(-radius, radius) * noise;
      const ny = y + rng.uniform(-radius, radius) * noise;
      p[0] = x;
      p[1] = y;
      let label = 0;
      for (const [cx, cy, sign] of BUMPS) {
        const v = sign * Math.min(1, Math.max(0, 1 - Math.hypot(nx - cx, ny - cy) / 2));
        if (Math.abs(v) > Math.abs(label)) label = v;
      }
      return label;
    },
  );
}

const GENERATORS: Readonly<Record<PlaygroundName, (options: PlaygroundOptions) => Dataset>> = {
  circle,
  xor,
  gauss,
  spiral,
  'reg-plane': plane,
  'reg-gauss': multiGaussian,
};

/** The names {@link playgroundDataset} accepts, classification sets first. */
export const PLAYGROUND_NAMES: readonly PlaygroundName[] = [
  'circle',
  'xor',
  'gauss',
  'spiral',
  'reg-plane',
  'reg-gauss',
];

/**
 * A Playground dataset by its URL name (`dataset=` / `regDataset=` keys): `circle`, `xor`, `gauss`,
 * `spiral`, `reg-plane`, `reg-gauss`. `plane` and `multiGaussian` are accepted as aliases.
 *
 * @param name the dataset name.
 * @param options numSamples (500 / 1200), noise percent 0..100 (0), shuffle (true), seed (0) or rng.
 * @throws {DatasetError} for an unknown name, listing the known ones.
 * @example
 * ```ts
 * const d = playgroundDataset('spiral', { numSamples: 200, noise: 10, seed: 3 });
 * d.x.shape; // [200, 2]
 * ```
 */
export function playgroundDataset(
  name: PlaygroundName | 'plane' | 'multiGaussian',
  options: PlaygroundOptions = {},
): Dataset {
  const key = name === 'plane' ? 'reg-plane' : name === 'multiGaussian' ? 'reg-gauss' : name;
  const gen = Object.hasOwn(GENERATORS, key) ? GENERATORS[key as PlaygroundName] : undefined;
  if (gen === undefined) {
    throw new DatasetError(
      'playgroundDataset',
      `unknown dataset ${JSON.stringify(name)}; expected one of ${PLAYGROUND_NAMES.join(', ')}`,
    );
  }
  return gen(options);
}
