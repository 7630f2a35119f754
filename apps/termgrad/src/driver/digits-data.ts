import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Dataset, ImageDataset } from '@termgrad/datasets';
import { loadOptDigits, trainTestSplit } from '@termgrad/datasets';
import { loadDigits, loadIdxImages, loadImageCsv } from '@termgrad/datasets/node';
import type { DigitsSettings } from '../settings/digits-settings.js';
import { UsageError } from '../settings/errors.js';

/** Labelled images: row-major pixels in [0, 1]. */
export interface ImageRows {
  /** [n, h·w] row-major. */
  readonly x: Float64Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/** The digits lab's data: train and test images of one size, K classes. */
export interface DigitsData {
  readonly train: ImageRows;
  readonly test: ImageRows;
  /** [h, w]. */
  readonly imageShape: readonly [number, number];
  /** Pixels per image, h·w. */
  readonly pixels: number;
  readonly classes: number;
  /** Names of the classes (digits '0'..'9', or a file's labels). */
  readonly classNames: readonly string[];
  /** Where the images came from (for titles and errors). */
  readonly source: string;
}

function rowsOf(d: Dataset): ImageRows {
  const n = d.x.shape[0] ?? 0;
  return {
    x: Float64Array.from(d.x.data as Float64Array),
    labels: Int32Array.from(d.y.data as Float64Array),
    n,
  };
}

/** True when the bytes start like an IDX file (two zero bytes, a known type, 1–4 dimensions). */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0 &&
    bytes[1] === 0 &&
    [0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e].includes(bytes[2] ?? -1) &&
    (bytes[3] ?? 0) >= 1 &&
    (bytes[3] ?? 0) <= 4
  );
}

/** The IDX label file that goes with an image file by MNIST's naming (images-idx3 → labels-idx1), or null. */
export function idxLabelsPathFor(imagesPath: string): string | null {
  const name = basename(imagesPath);
  const guess = name.replace(/images-idx3/, 'labels-idx1').replace(/images/, 'labels');
  return guess === name ? null : join(dirname(imagesPath), guess);
}

/** True when the first non-empty line of a CSV text is all numbers (then it has no header row). */
function firstLineNumeric(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  return first.split(',').every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
}

/** Reads `--data`: a CSV of pixel rows (label last, or `labelColumn`) or an IDX image file with its label file. */
function readImageFile(s: DigitsSettings, header: boolean): ImageDataset {
  const path = s.dataPath;
  if (path === null)
    throw new UsageError('digits --dataset file: needs --data <images.csv | images-idx3-ubyte>');
  let head: Uint8Array;
  try {
    head = readFileSync(path).subarray(0, 4);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `digits --data: cannot read ${path} (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`,
    );
  }
  if (looksLikeIdx(head)) {
    const labels = s.labelsPath ?? idxLabelsPathFor(path);
    if (labels === null)
      throw new UsageError(
        `digits --data ${path}: an IDX image file needs its label file; pass --idx-labels <labels-idx1-ubyte>`,
      );
    return loadIdxImages(path, labels);
  }
  const text = readFileSync(path, 'utf8');
  try {
    return loadImageCsv(path, {
      header: header && !firstLineNumeric(text),
      ...(s.labelColumn !== null ? { labelColumn: s.labelColumn } : {}),
      ...(s.imageWidth !== null ? { width: s.imageWidth } : {}),
    });
  } catch (error) {
    // The reader's advice names its option; the command line's is a flag.
    if (error instanceof Error && error.message.includes('pass width and height'))
      throw new UsageError(error.message.replace('pass width and height', 'pass --image-width'));
    throw error;
  }
}

/** Images read from files, by path (a reset or a new seed splits them again without reading). */
const fileCache = new Map<string, ImageDataset>();

/**
 * The images of the settings' data set, split into train and test (seeded, stratified by class):
 * the embedded 8×8 optical digits, MNIST from the optional `mnist` package, or the user's file.
 * @param header with a CSV: false when `--no-header` was given (a first row of numbers is never a header).
 * @throws UsageError / DatasetError naming the problem (a missing package, a ragged row, a size that is no image).
 */
export async function loadDigitsData(s: DigitsSettings, header = true): Promise<DigitsData> {
  const trainFraction = s.trainRatio / 100;
  const digitNames = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  if (s.dataset === 'optdigits') {
    const split = loadOptDigits({ seed: s.seed, trainFraction });
    return {
      train: rowsOf(split.train),
      test: rowsOf(split.test),
      imageShape: split.imageShape,
      pixels: 64,
      classes: 10,
      classNames: digitNames,
      source: 'UCI optical digits (8×8, embedded)',
    };
  }
  if (s.dataset === 'mnist') {
    const d = await loadDigits({ seed: s.seed, trainFraction, limit: Math.min(s.samples, 10_000) });
    return {
      train: rowsOf(d.train),
      test: rowsOf(d.test),
      imageShape: d.imageShape,
      pixels: 784,
      classes: 10,
      classNames: digitNames,
      source: 'MNIST (mnist package, 28×28)',
    };
  }
  const key = JSON.stringify([s.dataPath, s.labelsPath, s.labelColumn, s.imageWidth, header]);
  let images = fileCache.get(key);
  if (images === undefined) {
    images = readImageFile(s, header);
    fileCache.set(key, images);
  }
  const { dataset, imageShape } = images;
  const n = dataset.x.shape[0] ?? 0;
  if (n < 4)
    throw new UsageError(
      `digits --data ${s.dataPath ?? ''}: ${n} images; expected at least 4 (some to train on, some to test)`,
    );
  const split = trainTestSplit(dataset, {
    testFraction: 1 - trainFraction,
    stratify: true,
    seed: s.seed,
  });
  const classes = dataset.numClasses ?? 2;
  const names = dataset.classNames ?? Array.from({ length: classes }, (_, k) => String(k));
  return {
    train: rowsOf(split.train),
    test: rowsOf(split.test),
    imageShape,
    pixels: imageShape[0] * imageShape[1],
    classes,
    classNames: names,
    source: basename(s.dataPath ?? 'file'),
  };
}
