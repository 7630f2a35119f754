import type { CsvOptions } from './csv.js';
import { parseCsv } from './csv.js';
import type { Dataset } from './dataset.js';
import { check, makeDataset } from './dataset.js';
import { DatasetError } from './errors.js';

/** A labelled image set: the images as rows of x, and the image height and width. */
export interface ImageDataset {
  /** x [n, h·w] with row-major pixels in [0, 1]; y ∈ {0..K−1}. */
  readonly dataset: Dataset;
  /** [h, w]. */
  readonly imageShape: readonly [number, number];
}

/** An n-d array read from an IDX file. */
export interface IdxArray {
  /** The element type named by the file's third magic byte. */
  readonly dtype: 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Elements in row-major order. */
  readonly data: Float64Array;
}

const IDX_TYPES: Record<number, { dtype: IdxArray['dtype']; size: number }> = {
  8: { dtype: 'uint8', size: 1 },
  9: { dtype: 'int8', size: 1 },
  11: { dtype: 'int16', size: 2 },
  12: { dtype: 'int32', size: 4 },
  13: { dtype: 'float32', size: 4 },
  14: { dtype: 'float64', size: 8 },
};

/**
 * Parses the IDX format of the MNIST files (LeCun et al.): two zero bytes, a type byte (0x08 uint8,
 * 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, each
 * dimension as a big-endian uint32, then the elements big-endian in row-major order.
 *
 * @param bytes the whole file (not gzip-compressed).
 * @param name how errors name the input (a file path, say).
 * @throws {DatasetError} for a wrong magic number, an unknown type, or a length that does not match
 *   the dimensions.
 * @example
 * ```ts
 * parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9)); // { dtype: 'uint8', shape: [2], data: [7, 9] }
 * ```
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  const op = 'parseIdx';
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(
      op,
      `${name} is not an IDX file; expected the magic bytes 00 00 <type> <ndim>`,
    );
  }
  const type = IDX_TYPES[bytes[2] as number];
  if (type === undefined) {
    const hex = (bytes[2] as number).toString(16).padStart(2, '0');
    throw new DatasetError(
      op,
      `${name} has element type 0x${hex}; expected 08, 09, 0b, 0c, 0d or 0e`,
    );
  }
  const ndim = bytes[3] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * ndim;
  if (ndim === 0 || bytes.length < header)
    throw new DatasetError(op, `${name} ends inside its header of ${ndim} dimensions`);
  const shape: number[] = [];
  for (let k = 0; k < ndim; k++) shape.push(view.getUint32(4 + 4 * k, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = header + count * type.size;
  if (bytes.length !== expected) {
    throw new DatasetError(
      op,
      `${name} holds ${bytes.length} bytes; expected ${expected} for shape [${shape.join(', ')}] of ${type.dtype}`,
    );
  }
  const data = new Float64Array(count);
  for (let i = 0, p = header; i < count; i++, p += type.size) {
    switch (type.dtype) {
      case 'uint8':
        data[i] = bytes[p] as number;
        break;
      case 'int8':
        data[i] = view.getInt8(p);
        break;
      case 'int16':
        data[i] = view.getInt16(p, false);
        break;
      case 'int32':
        data[i] = view.getInt32(p, false);
        break;
      case 'float32':
        data[i] = view.getFloat32(p, false);
        break;
      case 'float64':
        data[i] = view.getFloat64(p, false);
        break;
    }
  }
  return { dtype: type.dtype, shape, data };
}

/**
 * Builds an image set from an IDX image file ([n, h, w]) and an IDX label file ([n]), as the MNIST
 * distribution ships them. 8-bit pixels are divided by 255; other element types must already lie in
 * [0, 1]. Labels must be integers 0..K−1 (K ≤ 256).
 *
 * @throws {DatasetError} when the images are not 3-D, the counts differ, a pixel or label is out of
 *   range, or either file is malformed (see {@link parseIdx}).
 * @example
 * ```ts
 * const { dataset, imageShape } = imagesFromIdx(imageBytes, labelBytes); // imageShape [28, 28]
 * ```
 */
export function imagesFromIdx(
  images: Uint8Array,
  labels: Uint8Array,
  names = { images: 'images', labels: 'labels' },
): ImageDataset {
  const op = 'imagesFromIdx';
  const img = parseIdx(images, names.images);
  const lab = parseIdx(labels, names.labels);
  if (img.shape.length !== 3) {
    throw new DatasetError(
      op,
      `${names.images} has shape [${img.shape.join(', ')}]; expected 3 dimensions [n, height, width]`,
    );
  }
  const [n, h, w] = img.shape as [number, number, number];
  if (lab.shape.length !== 1 || lab.shape[0] !== n) {
    throw new DatasetError(
      op,
      `${names.labels} has shape [${lab.shape.join(', ')}]; expected [${n}], one label per image`,
    );
  }
  if (n === 0 || h === 0 || w === 0)
    throw new DatasetError(op, `${names.images} holds no pixels (shape [${n}, ${h}, ${w}])`);
  const scale = img.dtype === 'uint8' ? 255 : 1;
  const x = img.data;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) / scale;
    if (!(v >= 0 && v <= 1)) {
      const r = Math.floor(i / (h * w));
      throw new DatasetError(
        op,
        `${names.images}: image ${r}, pixel ${i - r * h * w} is ${x[i]}; expected a value in [0, ${scale}]`,
      );
    }
    x[i] = v;
  }
  return { dataset: labelled(op, x, n, h * w, lab.data, names.labels), imageShape: [h, w] };
}

/** Options of {@link parseImageCsv}: those of {@link parseCsv} plus the image size. */
export interface ImageCsvOptions extends Omit<CsvOptions, 'task'> {
  /** Image width in pixels. Default: the square root of the number of pixel columns. */
  readonly width?: number;
  /** Image height in pixels. Default: the pixel count divided by the width. */
  readonly height?: number;
  /**
   * The largest pixel value, mapped to 1. Default: 1 when every pixel is ≤ 1, 16 when they are
   * integers ≤ 16 (the 8 × 8 optical digits), 255 when they are ≤ 255; anything larger is an error.
   */
  readonly maxValue?: number;
}

/**
 * Parses a CSV of images, one per row: the pixel columns (row-major) and a label column (by default
 * the last; see {@link CsvOptions.labelColumn}). Labels are encoded as classes 0..K−1 in sorted order.
 * Ragged rows and non-numeric cells are errors naming the line and column (as {@link parseCsv}).
 *
 * @throws {DatasetError} when the pixel columns do not form a width × height image, a pixel is
 *   negative or above maxValue, or there is a single class.
 * @example
 * ```ts
 * const { imageShape } = parseImageCsv('p0,p1,p2,p3,label\n0,1,1,0,7\n1,0,0,1,3\n', { maxValue: 1 });
 * imageShape; // [2, 2]
 * ```
 */
export function parseImageCsv(text: string, options: ImageCsvOptions = {}): ImageDataset {
  const op = 'parseImageCsv';
  check.optionKeys(op, options, [
    'header',
    'labelColumn',
    'delimiter',
    'comment',
    'width',
    'height',
    'maxValue',
  ]);
  const { width, height, maxValue, ...csv } = options;
  const data = parseCsv(text, { ...csv, task: 'classification' });
  const [n, d] = data.x.shape as [number, number];
  const [h, w] = imageSize(op, d, width, height);
  const x = Float64Array.from(data.x.data as Float64Array);
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v < 0)
      throw new DatasetError(
        op,
        `row ${Math.floor(i / d) + 1}, pixel ${i % d} is ${v}; expected a pixel value >= 0`,
      );
    if (v > max) max = v;
  }
  const scale = maxValue ?? inferMax(op, x, max);
  if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale))
    throw new DatasetError(op, `maxValue must be a positive number, got ${String(scale)}`);
  if (max > scale)
    throw new DatasetError(op, `a pixel is ${max}; expected values in [0, ${scale}] (maxValue)`);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / scale;
  if ((data.numClasses ?? 0) < 2)
    throw new DatasetError(
      op,
      `the label column holds ${data.numClasses ?? 0} class; expected at least 2 classes`,
    );
  const { x: _x, y, ...meta } = data;
  return {
    dataset: makeDataset(x, n, d, Float64Array.from(y.data as Float64Array), meta),
    imageShape: [h, w],
  };
}

function inferMax(op: string, x: Float64Array, max: number): number {
  if (max <= 1) return 1;
  if (max <= 16 && x.every(Number.isInteger)) return 16;
  if (max <= 255) return 255;
  throw new DatasetError(
    op,
    `a pixel is ${max}; expected values in [0, 1], [0, 16] or [0, 255], or pass maxValue`,
  );
}

function imageSize(op: string, d: number, width?: number, height?: number): [number, number] {
  for (const [k, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 1))
      throw new DatasetError(op, `${k} must be a positive integer, got ${String(v)}`);
  }
  const w = width ?? (height !== undefined ? d / height : Math.round(Math.sqrt(d)));
  const h = height ?? d / w;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w * h !== d) {
    const hint =
      width === undefined && height === undefined ? ' (not a square); pass width and height' : '';
    throw new DatasetError(
      op,
      `${d} pixel columns do not form a ${width ?? '?'}×${height ?? '?'} image${hint}; expected width × height = ${d}`,
    );
  }
  return [h, w];
}

function labelled(
  op: string,
  x: Float64Array,
  n: number,
  d: number,
  labels: Float64Array,
  name: string,
): Dataset {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > 255)
      throw new DatasetError(op, `${name}: label ${i} is ${v}; expected an integer class 0..255`);
    if (v + 1 > k) k = v + 1;
  }
  if (k < 2)
    throw new DatasetError(op, `${name} holds a single class; expected at least 2 classes`);
  const values = Array.from({ length: k }, (_, c) => c);
  return makeDataset(x, n, d, Float64Array.from(labels), {
    task: 'classification',
    numClasses: k,
    labelValues: values,
    classNames: values.map(String),
  });
}
