import type { Dataset, SeedOptions } from './dataset.js';
import { check, makeDataset, resolveRng } from './dataset.js';
import { OPTDIGITS_IMAGES, OPTDIGITS_LABELS } from './optdigits-data.js';
import { stratifiedIndices } from './stratify.js';

/** Images in the embedded set. */
export const OPTDIGITS_COUNT = 1797;
/** Largest pixel value of the embedded set: each pixel counts set pixels in a 4 × 4 block. */
export const OPTDIGITS_MAX = 16;

const DIGIT_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A labelled image set split into training and test images. */
export interface ImageSplit {
  /** Training images: x [n, h·w] (row-major pixels in [0, 1]), y ∈ {0..K−1}. */
  readonly train: Dataset;
  /** Test images, disjoint from the training images. */
  readonly test: Dataset;
  /** Image height and width, [h, w]. */
  readonly imageShape: readonly [number, number];
  /** Images per class before the split, index = class. */
  readonly countsPerDigit: readonly number[];
}

/** Options of {@link loadOptDigits}. */
export interface OptDigitsOptions extends SeedOptions {
  /** Fraction of each digit's images that go to the training set (stratified). Default 0.75. */
  readonly trainFraction?: number;
}

/**
 * The UCI optical digits, embedded (no download, no optional package): 1 797 handwritten digits of
 * 8 × 8 pixels with labels 0..9 — the set scikit-learn ships as `load_digits`. Each pixel is the
 * count 0..16 of set pixels in a 4 × 4 block of the original 32 × 32 bitmap; x holds count / 16, in
 * [0, 1]. The split is seeded and stratified (each digit split in the same proportion).
 *
 * Data: E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine
 * Learning Repository (1998), doi:10.24432/C50P49, CC BY 4.0.
 *
 * @param options trainFraction (0.75), seed (0) or rng.
 * @returns `{ train, test, imageShape: [8, 8], countsPerDigit }`.
 * @throws {DatasetError} for unknown options or a trainFraction outside [0, 1].
 * @example
 * ```ts
 * const { train, test } = loadOptDigits({ seed: 1 });
 * train.x.shape; // [1348, 64]
 * test.x.shape;  // [449, 64]
 * ```
 */
export function loadOptDigits(options: OptDigitsOptions = {}): ImageSplit {
  const op = 'loadOptDigits';
  check.optionKeys(op, options, ['trainFraction', 'seed', 'rng']);
  const trainFraction = check.number(op, 'trainFraction', options.trainFraction ?? 0.75, {
    min: 0,
    max: 1,
  });
  const rng = resolveRng(op, options);
  const all = optDigitsAll();
  const labels = all.y.data as Float64Array;
  const counts = new Array<number>(10).fill(0);
  for (const v of labels) counts[v] = (counts[v] as number) + 1;
  const { train, test } = stratifiedIndices(labels, 10, trainFraction, rng);
  return {
    train: rows(all, train),
    test: rows(all, test),
    imageShape: [8, 8],
    countsPerDigit: counts,
  };
}

/**
 * All 1 797 embedded optical digits in the published order (no split): x [1797, 64] with pixel
 * count / 16 in [0, 1], y ∈ {0..9}. Use {@link loadOptDigits} for a seeded train/test split.
 * @example
 * ```ts
 * optDigitsAll().y.data[0]; // 0 — the first image is a zero
 * ```
 */
export function optDigitsAll(): Dataset {
  const n = OPTDIGITS_IMAGES.length;
  const x = new Float64Array(n * 64);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = OPTDIGITS_IMAGES[i] as string;
    for (let p = 0; p < 64; p++)
      x[i * 64 + p] = Number.parseInt(s[p] as string, 17) / OPTDIGITS_MAX;
    y[i] = OPTDIGITS_LABELS.charCodeAt(i) - 48;
  }
  return makeDataset(x, n, 64, y, digitMeta(64));
}

function digitMeta(d: number): Omit<Dataset, 'x' | 'y'> {
  return {
    task: 'classification',
    numClasses: 10,
    labelValues: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    classNames: [...DIGIT_NAMES],
    featureNames: Array.from({ length: d }, (_, p) => `px${p}`),
  };
}

function rows(all: Dataset, indices: readonly number[]): Dataset {
  const d = all.x.shape[1] as number;
  const src = all.x.data as Float64Array;
  const ys = all.y.data as Float64Array;
  const x = new Float64Array(indices.length * d);
  const y = new Float64Array(indices.length);
  indices.forEach((i, r) => {
    x.set(src.subarray(i * d, (i + 1) * d), r * d);
    y[r] = ys[i] as number;
  });
  return makeDataset(x, indices.length, d, y, digitMeta(d));
}
