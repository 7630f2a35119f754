// Core type and constructors
export { Tensor, type DType, type NestedArray, type TypedArray } from './tensor.js';
export type { Shape } from './shape.js';
export { arange, eye, fromRows, full, linspace, ones, tensor, zeros, type DTypeOptions } from './creation.js';

// Errors and validation
export { TensorError, TermgradError, formatShape } from './errors.js';
export {
  describeValue, renameDeprecated, validators, warnDeprecated,
  type NumberRule, type TermgradErrorClass, type Validators,
} from './checks.js';
export { assertFinite } from './validate.js';

// Element-wise
export { abs, add, div, exp, log, map, maximum, minimum, mul, neg, pow, relu, sigmoid, sqrt, square, sub, tanh } from './elementwise.js';

// Reductions
export { argmax, argmin, max, mean, min, sum } from './reduce.js';
export { pairwiseSum } from './pairwise-sum.js';
export { allClose, type AllCloseOptions } from './all-close.js';

// Products
export { dot, matmul } from './matmul.js';

// Shape manipulation
export { astype, broadcastTo, concat, contiguous, reshape, slice, stack, take, transpose } from './manipulation.js';

// Linear algebra
export { cholesky } from './linalg/cholesky.js';
export { det, logdet } from './linalg/det.js';
export { eigh } from './linalg/eigh.js';
export { inv } from './linalg/inv.js';
export { lstsq, type LstsqOptions, type LstsqResult } from './linalg/lstsq.js';
export { lu } from './linalg/lu.js';
export { norm } from './linalg/norm.js';
export { qr, type QrOptions } from './linalg/qr.js';
export { solve } from './linalg/solve.js';
export { solveTriangular, type SolveTriangularOptions } from './linalg/solve-triangular.js';
export { cond, svd } from './linalg/svd.js';

// Random
export { Random, type RandomState } from './random.js';
export { randomNormal, randomUniform } from './random-tensor.js';

// Kernel selection (WebAssembly SIMD / JavaScript) and the float32 product models build on
export { THREAD_MIN_WORK, WASM_MIN_WORK, gemmF32, kernelInfo, setKernelMode, setKernelThreads, stopKernelThreads, useWasmKernels, type GemmCombine, type KernelInfo, type KernelMode } from './kernels.js';
