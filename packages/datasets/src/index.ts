// Public surface of @termgrad/datasets (every export listed by name).

// Dataset type and errors
export { subset, type Dataset, type DatasetTask, type SeedOptions } from './dataset.js';
export { DatasetError } from './errors.js';
export { TermgradError } from '@termgrad/tensor';

// Generators
export { blobs, spiralK, type BlobsOptions, type SpiralKOptions } from './blobs.js';
export {
  PLAYGROUND_NAMES,
  PLAYGROUND_SAMPLES,
  circle,
  gauss,
  multiGaussian,
  plane,
  playgroundDataset,
  spiral,
  xor,
  type PlaygroundName,
  type PlaygroundOptions,
} from './playground.js';
export { sinCurve, type SinCurve, type SinCurveOptions } from './sin-curve.js';

// Real data (file loaders — loadCsv, loadDigits — are in '@termgrad/datasets/node')
export { IRIS_CLASSES, IRIS_FEATURES, loadIris } from './iris.js';
export { parseCsv, type CsvOptions } from './csv.js';

// Splits and preprocessing
export { kFold, trainTestSplit, type Fold, type SplitIndices, type TrainTestSplitOptions } from './split.js';
export { Standardizer, type StandardizerJSON } from './standardizer.js';

// Images
export {
  OPTDIGITS_COUNT,
  OPTDIGITS_MAX,
  loadOptDigits,
  optDigitsAll,
  type ImageSplit,
  type OptDigitsOptions,
} from './optdigits.js';
export {
  imagesFromIdx,
  parseIdx,
  parseImageCsv,
  type IdxArray,
  type ImageCsvOptions,
  type ImageDataset,
} from './image-formats.js';
