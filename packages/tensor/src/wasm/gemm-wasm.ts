import type { TypedArray } from '../tensor.js';
import { align, ensureHeap, type WasmKernels } from './loader.js';

/** How the product is combined with C: overwrite, accumulate, or overwrite with a bias row added. */
export const GEMM_SET = 0;
/** C += A·B. */
export const GEMM_ADD = 1;
/** C = A·B + bias (bias broadcast over rows). */
export const GEMM_BIAS = 2;

/**
 * Copies an r×s strided operand into the heap at float index `at` and returns its strides there.
 * A view whose memory span is compact (a transpose, a row block, a contiguous matrix) is copied as
 * its whole span with one `set` and read through its own strides; a sparse view (a few rows of a
 * huge matrix, negative strides) is gathered element by element so the heap stays small.
 */
function stage(
  f32: Float32Array,
  at: number,
  src: TypedArray,
  off: number,
  r: number,
  s: number,
  rs: number,
  cs: number,
): [number, number, number] {
  if (rs >= 0 && cs >= 0) {
    const span = (r - 1) * rs + (s - 1) * cs + 1;
    if (span <= 2 * r * s + 64) {
      f32.set(src.subarray(off, off + span), at);
      return [span, rs, cs];
    }
  }
  let d = at;
  for (let i = 0; i < r; i++) {
    const row = off + i * rs;
    for (let j = 0; j < s; j++) f32[d++] = src[row + j * cs] as number;
  }
  return [r * s, s, 1];
}

/** Floats the heap needs to stage one operand (see {@link stage}). @internal */
export function stageSize(r: number, s: number, rs: number, cs: number): number {
  if (rs >= 0 && cs >= 0) {
    const span = (r - 1) * rs + (s - 1) * cs + 1;
    if (span <= 2 * r * s + 64) return span;
  }
  return r * s;
}

/**
 * C[m×n] (row stride ldc, at cOff) = / += A·B (+ bias) on the WebAssembly kernels. A and B are
 * read through their element strides; m, n, k ≥ 1. @internal
 */
export function wasmGemm(
  w: WasmKernels,
  m: number,
  n: number,
  k: number,
  a: TypedArray,
  aOff: number,
  aRs: number,
  aCs: number,
  b: TypedArray,
  bOff: number,
  bRs: number,
  bCs: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  mode: number,
  bias?: Float32Array,
  biasOff = 0,
): void {
  // Float offsets in the heap, each operand 16-byte aligned.
  const base = w.heapStart >> 2;
  const aAt = base;
  const bAt = aAt + align(stageSize(m, k, aRs, aCs), 4);
  const biasAt = bAt + align(stageSize(k, n, bRs, bCs), 4);
  const cAt = biasAt + (mode === GEMM_BIAS ? align(n, 4) : 0);
  const end = cAt + m * n;
  ensureHeap(w, (end - base) * 4);
  const f32 = w.f32;
  const [, ars, acs] = stage(f32, aAt, a, aOff, m, k, aRs, aCs);
  const [, brs, bcs] = stage(f32, bAt, b, bOff, k, n, bRs, bCs);
  if (mode === GEMM_BIAS) f32.set((bias as Float32Array).subarray(biasOff, biasOff + n), biasAt);
  const contiguousC = ldc === n;
  if (mode === GEMM_ADD) {
    if (contiguousC) f32.set(c.subarray(cOff, cOff + m * n), cAt);
    else
      for (let i = 0; i < m; i++)
        f32.set(c.subarray(cOff + i * ldc, cOff + i * ldc + n), cAt + i * n);
  }
  w.sgemm(m, n, k, aAt * 4, ars, acs, bAt * 4, brs, bcs, cAt * 4, n, mode, biasAt * 4);
  if (contiguousC) c.set(f32.subarray(cAt, cAt + m * n), cOff);
  else
    for (let i = 0; i < m; i++) c.set(f32.subarray(cAt + i * n, cAt + (i + 1) * n), cOff + i * ldc);
}
