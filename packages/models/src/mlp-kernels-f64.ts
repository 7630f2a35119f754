// Fused dense-layer kernels for Float64Array buffers. mlp-kernels-f32.ts is the same code for
// Float32Array, generated from this file by scripts/gen-f32-kernels.mjs (a test checks it is in
// sync). One copy per dtype keeps every kernel
// monomorphic in V8 (PERFORMANCE.md: a shared kernel fed both types ran up to 2× slower).
// Matmuls use 4×4 register tiles (16 accumulators; 8 loads per 16 multiply-adds). The input-side
// kernels first list the k-steps (or samples) whose four input values are not all zero and loop
// over that list, so blank MNIST borders and ReLU zeros cost nothing and no branch sits in the
// inner loop (the list is built once per 4-row block and reused by every column tile).
import { LEAKY_RELU, RELU, SIGMOID, SOFTMAX, TANH } from './mlp-activation-codes.js';

/** Scratch list of the active (non-zero) k-steps of a 4-row block; grown on demand, reused. */
let active = new Int32Array(1024);

function activeList(size: number): Int32Array {
  if (active.length < size) active = new Int32Array(size);
  return active;
}

/** C[m,n] = A[m,k]·B[k,n] + bias[n] (all row-major, contiguous). */
export function denseForward(
  A: Float64Array,
  B: Float64Array,
  bias: Float64Array,
  C: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  const n4 = n - (n & 3);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    // k-steps where one of the 4 rows is non-zero, found once and reused by every column tile
    const act = activeList(k);
    let na = 0;
    for (let p = 0; p < k; p++) {
      if (A[r0 + p] !== 0 || A[r1 + p] !== 0 || A[r2 + p] !== 0 || A[r3 + p] !== 0) act[na++] = p;
    }
    for (let j = 0; j < n4; j += 4) {
      const bj0 = bias[j]!,
        bj1 = bias[j + 1]!,
        bj2 = bias[j + 2]!,
        bj3 = bias[j + 3]!;
      let c00 = bj0,
        c01 = bj1,
        c02 = bj2,
        c03 = bj3;
      let c10 = bj0,
        c11 = bj1,
        c12 = bj2,
        c13 = bj3;
      let c20 = bj0,
        c21 = bj1,
        c22 = bj2,
        c23 = bj3;
      let c30 = bj0,
        c31 = bj1,
        c32 = bj2,
        c33 = bj3;
      for (let q = 0; q < na; q++) {
        const p = act[q]!;
        const bp = p * n + j;
        const a0 = A[r0 + p]!,
          a1 = A[r1 + p]!,
          a2 = A[r2 + p]!,
          a3 = A[r3 + p]!;
        const b0 = B[bp]!,
          b1 = B[bp + 1]!,
          b2 = B[bp + 2]!,
          b3 = B[bp + 3]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      C[o0 + j] = c00;
      C[o0 + j + 1] = c01;
      C[o0 + j + 2] = c02;
      C[o0 + j + 3] = c03;
      C[o1 + j] = c10;
      C[o1 + j + 1] = c11;
      C[o1 + j + 2] = c12;
      C[o1 + j + 3] = c13;
      C[o2 + j] = c20;
      C[o2 + j + 1] = c21;
      C[o2 + j + 2] = c22;
      C[o2 + j + 3] = c23;
      C[o3 + j] = c30;
      C[o3 + j + 1] = c31;
      C[o3 + j + 2] = c32;
      C[o3 + j + 3] = c33;
    }
    for (let j = n4; j < n; j++) {
      const bj = bias[j]!;
      let c0 = bj,
        c1 = bj,
        c2 = bj,
        c3 = bj;
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const b = B[bp]!;
        c0 += A[r0 + p]! * b;
        c1 += A[r1 + p]! * b;
        c2 += A[r2 + p]! * b;
        c3 += A[r3 + p]! * b;
      }
      C[o0 + j] = c0;
      C[o1 + j] = c1;
      C[o2 + j] = c2;
      C[o3 + j] = c3;
    }
  }
  for (; i < m; i++) {
    const r = i * k;
    const o = i * n;
    for (let j = 0; j < n; j++) {
      let c = bias[j]!;
      for (let p = 0, bp = j; p < k; p++, bp += n) c += A[r + p]! * B[bp]!;
      C[o + j] = c;
    }
  }
}

/** C[m,k] = D[m,n]·B[k,n]ᵀ — the back-propagated sums Σⱼ δⱼ wⱼᵢ for every sample. */
export function backInput(
  D: Float64Array,
  B: Float64Array,
  C: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  const k4 = k - (k & 3);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const d0 = i * n;
    const d1 = d0 + n;
    const d2 = d1 + n;
    const d3 = d2 + n;
    const o0 = i * k;
    const o1 = o0 + k;
    const o2 = o1 + k;
    const o3 = o2 + k;
    for (let p = 0; p < k4; p += 4) {
      const w0 = p * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let j = 0; j < n; j++) {
        const a0 = D[d0 + j]!,
          a1 = D[d1 + j]!,
          a2 = D[d2 + j]!,
          a3 = D[d3 + j]!;
        const b0 = B[w0 + j]!,
          b1 = B[w1 + j]!,
          b2 = B[w2 + j]!,
          b3 = B[w3 + j]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      C[o0 + p] = c00;
      C[o0 + p + 1] = c01;
      C[o0 + p + 2] = c02;
      C[o0 + p + 3] = c03;
      C[o1 + p] = c10;
      C[o1 + p + 1] = c11;
      C[o1 + p + 2] = c12;
      C[o1 + p + 3] = c13;
      C[o2 + p] = c20;
      C[o2 + p + 1] = c21;
      C[o2 + p + 2] = c22;
      C[o2 + p + 3] = c23;
      C[o3 + p] = c30;
      C[o3 + p + 1] = c31;
      C[o3 + p + 2] = c32;
      C[o3 + p + 3] = c33;
    }
    for (let p = k4; p < k; p++) {
      const w = p * n;
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let j = 0; j < n; j++) {
        const b = B[w + j]!;
        c0 += D[d0 + j]! * b;
        c1 += D[d1 + j]! * b;
        c2 += D[d2 + j]! * b;
        c3 += D[d3 + j]! * b;
      }
      C[o0 + p] = c0;
      C[o1 + p] = c1;
      C[o2 + p] = c2;
      C[o3 + p] = c3;
    }
  }
  for (; i < m; i++) {
    const d = i * n;
    const o = i * k;
    for (let p = 0; p < k; p++) {
      const w = p * n;
      let c = 0;
      for (let j = 0; j < n; j++) c += D[d + j]! * B[w + j]!;
      C[o + p] = c;
    }
  }
}

/** G[k,n] = A[m,k]ᵀ·D[m,n] — ∂E/∂wⱼᵢ = Σ over the batch of δⱼ yᵢ (overwrites G). */
export function backWeights(
  A: Float64Array,
  D: Float64Array,
  G: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  const n4 = n - (n & 3);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const g0 = p * n;
    const g1 = g0 + n;
    const g2 = g1 + n;
    const g3 = g2 + n;
    // samples whose 4 inputs p..p+3 are not all zero, found once and reused by every column tile
    const act = activeList(m);
    let na = 0;
    for (let i = 0, ai = p; i < m; i++, ai += k) {
      if (A[ai] !== 0 || A[ai + 1] !== 0 || A[ai + 2] !== 0 || A[ai + 3] !== 0) act[na++] = i;
    }
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let q = 0; q < na; q++) {
        const i = act[q]!;
        const ai = i * k + p;
        const di = i * n + j;
        const a0 = A[ai]!,
          a1 = A[ai + 1]!,
          a2 = A[ai + 2]!,
          a3 = A[ai + 3]!;
        const b0 = D[di]!,
          b1 = D[di + 1]!,
          b2 = D[di + 2]!,
          b3 = D[di + 3]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      G[g0 + j] = c00;
      G[g0 + j + 1] = c01;
      G[g0 + j + 2] = c02;
      G[g0 + j + 3] = c03;
      G[g1 + j] = c10;
      G[g1 + j + 1] = c11;
      G[g1 + j + 2] = c12;
      G[g1 + j + 3] = c13;
      G[g2 + j] = c20;
      G[g2 + j + 1] = c21;
      G[g2 + j + 2] = c22;
      G[g2 + j + 3] = c23;
      G[g3 + j] = c30;
      G[g3 + j + 1] = c31;
      G[g3 + j + 2] = c32;
      G[g3 + j + 3] = c33;
    }
    for (let j = n4; j < n; j++) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let i = 0, ai = p, di = j; i < m; i++, ai += k, di += n) {
        const b = D[di]!;
        c0 += A[ai]! * b;
        c1 += A[ai + 1]! * b;
        c2 += A[ai + 2]! * b;
        c3 += A[ai + 3]! * b;
      }
      G[g0 + j] = c0;
      G[g1 + j] = c1;
      G[g2 + j] = c2;
      G[g3 + j] = c3;
    }
  }
  for (; p < k; p++) {
    const g = p * n;
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0, ai = p, di = j; i < m; i++, ai += k, di += n) c += A[ai]! * D[di]!;
      G[g + j] = c;
    }
  }
}

/** g[n] = Σᵢ D[i, :] — bias gradients (overwrites g). */
export function columnSums(D: Float64Array, g: Float64Array, m: number, n: number): void {
  g.fill(0);
  for (let i = 0, r = 0; i < m; i++, r += n) for (let j = 0; j < n; j++) g[j] = g[j]! + D[r + j]!;
}

/** Applies an activation in place to the first `len` entries (softmax: row-wise over n columns). */
export function activate(
  kind: number,
  a: Float64Array,
  len: number,
  n: number,
  alpha: number,
): void {
  switch (kind) {
    case SIGMOID:
      for (let i = 0; i < len; i++) {
        const x = a[i]!;
        if (x >= 0) a[i] = 1 / (1 + Math.exp(-x));
        else {
          const e = Math.exp(x);
          a[i] = e / (1 + e);
        }
      }
      return;
    case TANH:
      for (let i = 0; i < len; i++) a[i] = Math.tanh(a[i]!);
      return;
    case RELU:
      for (let i = 0; i < len; i++) if (!(a[i]! > 0)) a[i] = a[i]! === a[i]! ? 0 : a[i]!;
      return;
    case LEAKY_RELU:
      for (let i = 0; i < len; i++) if (a[i]! < 0) a[i] = alpha * a[i]!;
      return;
    case SOFTMAX:
      for (let r = 0; r < len; r += n) {
        let max = -Infinity;
        for (let j = 0; j < n; j++) if (a[r + j]! > max) max = a[r + j]!;
        let s = 0;
        for (let j = 0; j < n; j++) {
          const e = Math.exp(a[r + j]! - max);
          a[r + j] = e;
          s += e;
        }
        const inv = 1 / s;
        for (let j = 0; j < n; j++) a[r + j] = a[r + j]! * inv;
      }
      return;
    default:
      return;
  }
}

/** d[i] ·= f′(xᵢ), written through the activation's output yᵢ = f(xᵢ): σ: y(1−y), tanh: 1−y², ReLU: [y>0]. */
export function multiplyDerivative(
  kind: number,
  y: Float64Array,
  d: Float64Array,
  len: number,
  alpha: number,
): void {
  switch (kind) {
    case SIGMOID:
      for (let i = 0; i < len; i++) {
        const v = y[i]!;
        d[i] = d[i]! * v * (1 - v);
      }
      return;
    case TANH:
      for (let i = 0; i < len; i++) {
        const v = y[i]!;
        d[i] = d[i]! * (1 - v * v);
      }
      return;
    case RELU:
      for (let i = 0; i < len; i++) if (!(y[i]! > 0)) d[i] = 0;
      return;
    case LEAKY_RELU:
      for (let i = 0; i < len; i++) if (!(y[i]! > 0)) d[i] = d[i]! * alpha;
      return;
    default:
      return;
  }
}

/** Copies the selected rows of a row-major [*, d] source into dst [indices.length, d]. */
export function gatherRows(
  src: Float64Array,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  d: number,
  dst: Float64Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = indices[start + r]! * d;
    const o = r * d;
    for (let j = 0; j < d; j++) dst[o + j] = src[s + j]!;
  }
}
