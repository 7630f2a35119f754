import type { Dataset } from './dataset.js';
import { makeDataset } from './dataset.js';
import { IRIS_ROWS } from './iris-data.js';

/** Feature names of {@link loadIris}, in column order (centimetres). */
export const IRIS_FEATURES = [
  'sepal length',
  'sepal width',
  'petal length',
  'petal width',
] as const;
/** Class names of {@link loadIris}: label 0, 1, 2. */
export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'] as const;

/**
 * Fisher's Iris data (Fisher 1936, UCI): 150 flowers × 4 measurements in cm, 3 classes of 50.
 *
 * Rows come in the published order (50 setosa, 50 versicolor, 50 virginica); shuffle or split
 * with {@link trainTestSplit}. Values are R's corrected `iris` table (the UCI file has two
 * transcription errors in samples 35 and 38). Every call returns fresh tensors.
 *
 * @returns x [150, 4], y ∈ {0, 1, 2} (setosa, versicolor, virginica), numClasses 3.
 * @example
 * ```ts
 * const iris = loadIris();
 * iris.x.shape;       // [150, 4]
 * iris.classNames;    // ['setosa', 'versicolor', 'virginica']
 * ```
 */
export function loadIris(): Dataset {
  const n = IRIS_ROWS.length;
  const x = new Float64Array(n * 4);
  const y = new Float64Array(n);
  IRIS_ROWS.forEach((row, i) => {
    x.set(row, i * 4);
    y[i] = Math.floor(i / 50);
  });
  return makeDataset(x, n, 4, y, {
    task: 'classification',
    featureNames: [...IRIS_FEATURES],
    classNames: [...IRIS_CLASSES],
    numClasses: 3,
    labelValues: [0, 1, 2],
  });
}
