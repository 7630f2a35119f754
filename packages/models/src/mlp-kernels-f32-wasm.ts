// The float32 dense-layer kernels with the three matrix products routed through @termgrad/tensor's
// kernel interface: WebAssembly SIMD (`gemmF32`) when `useWasmKernels` picks it for the size, the
// fused JavaScript loops of mlp-kernels-f32.ts otherwise (small networks such as the Playground's
// 2-8-8-1, runtimes without SIMD, or TERMGRAD_KERNELS=js). The element-wise kernels are shared.
import { gemmF32, useWasmKernels } from '@termgrad/tensor';
import * as K32 from './mlp-kernels-f32.js';

export { activate, columnSums, gatherRows, multiplyDerivative } from './mlp-kernels-f32.js';

/** C[m,n] = A[m,k]·B[k,n] + bias[n] (all row-major, contiguous). */
export function denseForward(
  A: Float32Array,
  B: Float32Array,
  bias: Float32Array,
  C: Float32Array,
  m: number,
  k: number,
  n: number,
): void {
  if (useWasmKernels(m, n, k)) gemmF32(m, n, k, A, 0, k, 1, B, 0, n, 1, C, 0, n, 'bias', bias);
  else K32.denseForward(A, B, bias, C, m, k, n);
}

/** C[m,k] = D[m,n]·B[k,n]ᵀ — the back-propagated sums Σⱼ δⱼ wⱼᵢ for every sample. */
export function backInput(
  D: Float32Array,
  B: Float32Array,
  C: Float32Array,
  m: number,
  k: number,
  n: number,
): void {
  if (useWasmKernels(m, k, n)) gemmF32(m, k, n, D, 0, n, 1, B, 0, 1, n, C, 0, k);
  else K32.backInput(D, B, C, m, k, n);
}

/** G[k,n] = A[m,k]ᵀ·D[m,n] — ∂E/∂wⱼᵢ = Σ over the batch of δⱼ yᵢ (overwrites G). */
export function backWeights(
  A: Float32Array,
  D: Float32Array,
  G: Float32Array,
  m: number,
  k: number,
  n: number,
): void {
  if (useWasmKernels(k, n, m)) gemmF32(k, n, m, A, 0, 1, k, D, 0, n, 1, G, 0, n);
  else K32.backWeights(A, D, G, m, k, n);
}
