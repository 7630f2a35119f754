// Public surface of @termgrad/datasets (every export listed by name).

export { TermgradError } from '@termgrad/tensor';
// Generators
export { type BlobsOptions, blobs, type SpiralKOptions, spiralK } from './blobs.js';
export { type CsvOptions, parseCsv } from './csv.js';
// Dataset type and errors
export { type Dataset, type DatasetTask, type SeedOptions, subset } from './dataset.js';
export { DatasetError } from './errors.js';
export {
  type IdxArray,
  type ImageCsvOptions,
  type ImageDataset,
  imagesFromIdx,
  parseIdx,
  parseImageCsv,
} from './image-formats.js';

// Real data (file loaders — loadCsv, loadDigits — are in '@termgrad/datasets/node')
export { IRIS_CLASSES, IRIS_FEATURES, loadIris } from './iris.js';
// Images
export {
  type ImageSplit,
  loadOptDigits,
  OPTDIGITS_COUNT,
  OPTDIGITS_MAX,
  type OptDigitsOptions,
  optDigitsAll,
} from './optdigits.js';
export {
  circle,
  gauss,
  multiGaussian,
  PLAYGROUND_NAMES,
  PLAYGROUND_SAMPLES,
  type PlaygroundName,
  type PlaygroundOptions,
  plane,
  playgroundDataset,
  spiral,
  xor,
} from './playground.js';
export { type SinCurve, type SinCurveOptions, sinCurve } from './sin-curve.js';
// Splits and preprocessing
export {
  type Fold,
  kFold,
  type SplitIndices,
  type TrainTestSplitOptions,
  trainTestSplit,
} from './split.js';
export { Standardizer, type StandardizerJSON } from './standardizer.js';
