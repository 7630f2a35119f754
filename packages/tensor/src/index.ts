export { TensorError, formatShape } from './errors.js';
export { Random, type RandomState } from './random.js';
