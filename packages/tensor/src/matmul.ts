import { formatShape, TensorError } from './errors.js';
import { activeWasmKernels, threadsFor, useWasmKernels } from './kernels.js';
import { gemm } from './matmul-kernel.js';
import { broadcastShapes, sameShape, sizeOf } from './shape.js';
import { allocate, type DType, Tensor } from './tensor.js';
import { assertTensor } from './validate.js';
import { GEMM_SET, wasmGemm } from './wasm/gemm-wasm.js';
import { threadedGemm } from './wasm/threads.js';

/**
 * Matrix product with NumPy `matmul` semantics.
 *
 * - 2-D: `[m, k] × [k, n] → [m, n]`, C_ij = Σ_p A_ip B_pj.
 * - 1-D operands are promoted (`[k]` as a row on the left, as a column on the right) and the
 *   added axis removed: `[k] × [k, n] → [n]`, `[m, k] × [k] → [m]`, `[k] × [k] → []`.
 * - Batched: `[..., m, k] × [..., k, n] → [..., m, n]` with the batch axes broadcast.
 *
 * Transposed and sliced views are read through their strides without a copy. The result is
 * float32 only when both inputs are float32. Float32 products big enough for SIMD to pay off run
 * on the WebAssembly kernels (float32 accumulation, see {@link setKernelMode}); everything else
 * runs in JavaScript with float64 accumulation.
 *
 * @param out optional destination with exactly the result shape; written and returned. It may
 *   not be a broadcast view; if it shares memory with an input the product goes through a temporary.
 * @throws {TensorError} `matmul: inner dimensions must match, got [2,3] and [4,5]`.
 * @example
 * ```ts
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray(); // [[17], [39]]
 * ```
 */
export function matmul(a: Tensor, b: Tensor, out?: Tensor): Tensor {
  assertTensor('matmul', a);
  assertTensor('matmul', b, 'b');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new TensorError(
      'matmul',
      `operands must have at least 1 dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  // Promote vectors to matrices.
  const aShape = a.ndim === 1 ? [1, a.shape[0] as number] : Array.from(a.shape);
  const aStrides = a.ndim === 1 ? [0, a.strides[0] as number] : Array.from(a.strides);
  const bShape = b.ndim === 1 ? [b.shape[0] as number, 1] : Array.from(b.shape);
  const bStrides = b.ndim === 1 ? [b.strides[0] as number, 0] : Array.from(b.strides);
  const m = aShape[aShape.length - 2] as number;
  const k = aShape[aShape.length - 1] as number;
  const k2 = bShape[bShape.length - 2] as number;
  const n = bShape[bShape.length - 1] as number;
  if (k !== k2) {
    throw new TensorError(
      'matmul',
      `inner dimensions must match, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', aBatch, bBatch);
  } catch {
    throw new TensorError(
      'matmul',
      `batch dimensions cannot be broadcast together, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const resultShape: number[] = [...batch];
  if (a.ndim > 1) resultShape.push(m);
  if (b.ndim > 1) resultShape.push(n);
  const dtype: DType = a.dtype === 'float32' && b.dtype === 'float32' ? 'float32' : 'float64';

  if (out !== undefined) {
    assertTensor('matmul', out, 'out');
    if (!sameShape(out.shape, resultShape)) {
      throw new TensorError(
        'matmul',
        `out must have shape ${formatShape(resultShape)}, got ${formatShape(out.shape)}`,
      );
    }
  }
  const direct =
    out !== undefined && out.isContiguous() && out.data !== a.data && out.data !== b.data;
  const target = direct
    ? (out as Tensor)
    : new Tensor(allocate(out?.dtype ?? dtype, sizeOf(resultShape)), resultShape);
  const c = target.data;
  const cOff = target.offset;

  const nb = sizeOf(batch);
  const nThreads = threadsFor(m, n, k);
  const wasm =
    c instanceof Float32Array &&
    a.data instanceof Float32Array &&
    b.data instanceof Float32Array &&
    useWasmKernels(m, n, k)
      ? activeWasmKernels()
      : null;
  const batchIdx = new Array<number>(batch.length).fill(0);
  const aLead = batch.length - aBatch.length;
  const bLead = batch.length - bBatch.length;
  for (let t = 0; t < nb; t++) {
    let ao = a.offset;
    let bo = b.offset;
    for (let ax = 0; ax < batch.length; ax++) {
      const i = batchIdx[ax] as number;
      if (ax >= aLead && (aBatch[ax - aLead] as number) !== 1)
        ao += i * (aStrides[ax - aLead] as number);
      if (ax >= bLead && (bBatch[ax - bLead] as number) !== 1)
        bo += i * (bStrides[ax - bLead] as number);
    }
    if (wasm !== null) {
      const aRs = aStrides[aStrides.length - 2] as number;
      const aCs = aStrides[aStrides.length - 1] as number;
      const bRs = bStrides[bStrides.length - 2] as number;
      const bCs = bStrides[bStrides.length - 1] as number;
      if (nThreads > 1)
        threadedGemm(
          wasm,
          nThreads,
          m,
          n,
          k,
          a.data,
          ao,
          aRs,
          aCs,
          b.data,
          bo,
          bRs,
          bCs,
          c as Float32Array,
          cOff + t * m * n,
        );
      else
        wasmGemm(
          wasm,
          m,
          n,
          k,
          a.data,
          ao,
          aRs,
          aCs,
          b.data,
          bo,
          bRs,
          bCs,
          c as Float32Array,
          cOff + t * m * n,
          n,
          GEMM_SET,
        );
    } else
      gemm(
        m,
        n,
        k,
        a.data,
        ao,
        aStrides[aStrides.length - 2] as number,
        aStrides[aStrides.length - 1] as number,
        b.data,
        bo,
        bStrides[bStrides.length - 2] as number,
        bStrides[bStrides.length - 1] as number,
        c,
        cOff + t * m * n,
      );
    for (let ax = batch.length - 1; ax >= 0; ax--) {
      batchIdx[ax] = (batchIdx[ax] as number) + 1;
      if ((batchIdx[ax] as number) < (batch[ax] as number)) break;
      batchIdx[ax] = 0;
    }
  }
  if (out === undefined || direct) return target;
  // Scatter through out's strides (non-contiguous or aliased destination).
  scatter(target, out);
  return out;
}

/** Copies the contiguous `src` into `dst` (same shape, any strides). @internal */
export function scatter(src: Tensor, dst: Tensor): void {
  const flat = src.toTypedArray();
  const nd = dst.ndim;
  const n = dst.size;
  if (n === 0) return;
  if (nd === 0) {
    dst.data[dst.offset] = flat[0] as number;
    return;
  }
  // Walk dst in row-major order.
  const idx = new Array<number>(nd).fill(0);
  let o = dst.offset;
  for (let i = 0; i < n; i++) {
    dst.data[o] = flat[i] as number;
    for (let ax = nd - 1; ax >= 0; ax--) {
      idx[ax] = (idx[ax] as number) + 1;
      o += dst.strides[ax] as number;
      if ((idx[ax] as number) < (dst.shape[ax] as number)) break;
      o -= (dst.strides[ax] as number) * (dst.shape[ax] as number);
      idx[ax] = 0;
    }
  }
}

/**
 * Inner product of two 1-D tensors of equal length: Σ_i a_i b_i.
 * @throws {TensorError} when the inputs are not 1-D or lengths differ.
 * @example
 * ```ts
 * dot(tensor([1, 2, 3]), tensor([4, 5, 6])); // 32
 * ```
 */
export function dot(a: Tensor, b: Tensor): number {
  assertTensor('dot', a);
  assertTensor('dot', b, 'b');
  if (a.ndim !== 1 || b.ndim !== 1 || a.shape[0] !== b.shape[0]) {
    throw new TensorError(
      'dot',
      `expected two 1-D tensors of equal length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const n = a.shape[0] as number;
  const sa = a.strides[0] as number;
  const sb = b.strides[0] as number;
  let s = 0;
  for (let i = 0; i < n; i++)
    s += (a.data[a.offset + i * sa] as number) * (b.data[b.offset + i * sb] as number);
  return s;
}
