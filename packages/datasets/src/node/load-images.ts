import { readFileSync } from 'node:fs';
import { DatasetError } from '../errors.js';
import {
  type ImageCsvOptions,
  type ImageDataset,
  imagesFromIdx,
  parseImageCsv,
} from '../image-formats.js';

function read(op: string, path: string): Buffer {
  if (typeof path !== 'string' || path === '')
    throw new DatasetError(op, `path must be a non-empty string, got ${String(path)}`);
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : e instanceof Error
            ? e.message
            : String(e);
    throw new DatasetError(op, `cannot read ${path}: ${why}`);
  }
}

/**
 * Reads a CSV file of images, one per row (pixels then a label); see `parseImageCsv`.
 * @throws {DatasetError} when the file cannot be read, or as `parseImageCsv` (the message names the file).
 * @example
 * ```ts
 * const { dataset, imageShape } = loadImageCsv('digits.csv'); // imageShape [8, 8] for 64 pixel columns
 * ```
 */
export function loadImageCsv(path: string, options: ImageCsvOptions = {}): ImageDataset {
  const text = read('loadImageCsv', path).toString('utf8');
  try {
    return parseImageCsv(text, options);
  } catch (e) {
    if (e instanceof DatasetError)
      throw new DatasetError('loadImageCsv', `${path}: ${e.message.replace(/^parse\w+: /, '')}`);
    throw e;
  }
}

/**
 * Reads an IDX image file [n, h, w] and its IDX label file [n] (the MNIST distribution's format,
 * uncompressed); see `imagesFromIdx`.
 * @throws {DatasetError} when a file cannot be read or is malformed (the message names the file).
 * @example
 * ```ts
 * const { dataset } = loadIdxImages('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
 * ```
 */
export function loadIdxImages(imagesPath: string, labelsPath: string): ImageDataset {
  const op = 'loadIdxImages';
  const images = read(op, imagesPath);
  const labels = read(op, labelsPath);
  return imagesFromIdx(images, labels, { images: imagesPath, labels: labelsPath });
}
