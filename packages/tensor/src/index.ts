// Core type and constructors

export { type AllCloseOptions, allClose } from './all-close.js';
export {
  describeValue,
  type MatrixData,
  type MatrixRule,
  type NumberRule,
  renameDeprecated,
  type TermgradErrorClass,
  type Validators,
  type VectorRule,
  validators,
  warnDeprecated,
} from './checks.js';
export {
  arange,
  type DTypeOptions,
  eye,
  fromRows,
  full,
  linspace,
  ones,
  tensor,
  zeros,
} from './creation.js';
// Element-wise
export {
  abs,
  add,
  div,
  exp,
  log,
  map,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sqrt,
  square,
  sub,
  tanh,
} from './elementwise.js';
// Errors and validation
export { formatShape, TensorError, TermgradError } from './errors.js';
// Kernel selection (WebAssembly SIMD / JavaScript) and the float32 product models build on
export {
  type GemmCombine,
  gemmF32,
  type KernelInfo,
  type KernelMode,
  kernelInfo,
  setKernelMode,
  setKernelThreads,
  stopKernelThreads,
  THREAD_MIN_WORK,
  useWasmKernels,
  WASM_MIN_WORK,
} from './kernels.js';
// Linear algebra
export { cholesky } from './linalg/cholesky.js';
export { det, logdet } from './linalg/det.js';
export { eigh } from './linalg/eigh.js';
export { inv } from './linalg/inv.js';
export { type LstsqOptions, type LstsqResult, lstsq } from './linalg/lstsq.js';
export { lu } from './linalg/lu.js';
export { norm } from './linalg/norm.js';
export { type QrOptions, qr } from './linalg/qr.js';
export { solve } from './linalg/solve.js';
export { type SolveTriangularOptions, solveTriangular } from './linalg/solve-triangular.js';
export { cond, svd } from './linalg/svd.js';
// Shape manipulation
export {
  astype,
  broadcastTo,
  concat,
  contiguous,
  reshape,
  slice,
  stack,
  take,
  transpose,
} from './manipulation.js';
// Products
export { dot, matmul } from './matmul.js';
export { pairwiseSum } from './pairwise-sum.js';
// Random
export { Random, type RandomState } from './random.js';
export { randomNormal, randomUniform } from './random-tensor.js';
// Reductions
export { argmax, argmin, max, mean, min, sum } from './reduce.js';
export type { Shape } from './shape.js';
export { type DType, type NestedArray, Tensor, type TypedArray } from './tensor.js';
export { assertFinite } from './validate.js';
