// Node-only surface of @termgrad/datasets (`@termgrad/datasets/node`): loaders that read files.
// The main entry stays free of Node built-ins so it bundles for the browser.

export { loadCsv } from './load-csv.js';
export { loadDigits, type Digits, type DigitsOptions } from './digits.js';
export { loadIdxImages, loadImageCsv } from './load-images.js';
