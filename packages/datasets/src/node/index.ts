// Node-only surface of @termgrad/datasets (`@termgrad/datasets/node`): loaders that read files.
// The main entry stays free of Node built-ins so it bundles for the browser.

export { type Digits, type DigitsOptions, loadDigits } from './digits.js';
export { loadCsv } from './load-csv.js';
export { loadIdxImages, loadImageCsv } from './load-images.js';
