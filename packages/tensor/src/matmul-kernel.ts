import type { TypedArray } from './tensor.js';

// Blocking (GotoBLAS style): a KC×NC panel of B and an MC×KC block of A are packed into float64
// scratch buffers; a 4×4 register-tiled micro-kernel then sweeps them. 4×256 doubles = 8 KB per
// micro-panel, so one A and one B micro-panel sit in L1 while the A block (128 KB) stays in L2.
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

const packA = new Float64Array(MC * KC);
const packB = new Float64Array(KC * NC);
let scratchC = new Float64Array(0);

/**
 * C[m×n] = A[m×k] · B[k×n] for strided A and B (any dtype), writing a contiguous row-major block of
 * C (row stride n) at `cOff`. Accumulation is in float64. @internal
 */
export function gemm(
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
  c: TypedArray,
  cOff: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, cOff, cOff + m * n);
    return;
  }
  // Matrix-vector products: plain dot products beat packing. Everything else (even 8×8×8) is
  // faster through the packed kernel, whose scratch buffers are reused across calls.
  if (m === 1 || n === 1) {
    if (c instanceof Float64Array)
      gemmSmall64(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff);
    else gemmSmall32(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff);
    return;
  }
  if (c instanceof Float64Array) {
    gemmBlocked(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff);
    return;
  }
  // float32 output: compute into a float64 scratch block, round once at the end.
  if (scratchC.length < m * n) scratchC = new Float64Array(m * n);
  gemmBlocked(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, scratchC, 0);
  for (let i = 0; i < m * n; i++) c[cOff + i] = scratchC[i] as number;
}

/** Direct i-j-k product with a local accumulator (small sizes; no allocation), float64 output. */
function gemmSmall64(
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
  c: Float64Array,
  cOff: number,
): void {
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * aRs;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let pa = ai;
      let pb = bOff + j * bCs;
      for (let p = 0; p < k; p++) {
        s += (a[pa] as number) * (b[pb] as number);
        pa += aCs;
        pb += bRs;
      }
      c[cOff + i * n + j] = s;
    }
  }
}

/** Same as {@link gemmSmall64} for float32 output (a separate copy keeps both monomorphic). */
function gemmSmall32(
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
): void {
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * aRs;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let pa = ai;
      let pb = bOff + j * bCs;
      for (let p = 0; p < k; p++) {
        s += (a[pa] as number) * (b[pb] as number);
        pa += aCs;
        pb += bRs;
      }
      c[cOff + i * n + j] = s;
    }
  }
}

function gemmBlocked(
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
  c: Float64Array,
  cOff: number,
): void {
  for (let jc = 0; jc < n; jc += NC) {
    const nb = Math.min(NC, n - jc);
    const nPanels = Math.ceil(nb / NR);
    for (let pc = 0; pc < k; pc += KC) {
      const kb = Math.min(KC, k - pc);
      const first = pc === 0;
      packPanelB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kb, nb, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mb = Math.min(MC, m - ic);
        const mPanels = Math.ceil(mb / MR);
        packPanelA(a, aOff + ic * aRs + pc * aCs, aRs, aCs, mb, kb, packA);
        for (let jp = 0; jp < nPanels; jp++) {
          const j0 = jp * NR;
          const cols = Math.min(NR, nb - j0);
          for (let ip = 0; ip < mPanels; ip++) {
            const i0 = ip * MR;
            const rows = Math.min(MR, mb - i0);
            kernel4x4(
              kb,
              packA,
              ip * MR * kb,
              packB,
              jp * NR * kb,
              c,
              cOff + (ic + i0) * n + jc + j0,
              n,
              rows,
              cols,
              first,
            );
          }
        }
      }
    }
  }
}

/** Packs an mb×kb block of A as MR-row micro-panels: dst[panel·MR·kb + p·MR + r] = A[r, p] (zero padded). */
function packPanelA(
  a: TypedArray,
  off: number,
  rs: number,
  cs: number,
  mb: number,
  kb: number,
  dst: Float64Array,
): void {
  let d = 0;
  for (let i0 = 0; i0 < mb; i0 += MR) {
    const rows = Math.min(MR, mb - i0);
    const r0 = off + i0 * rs;
    if (rows === MR) {
      for (let p = 0; p < kb; p++) {
        const q = r0 + p * cs;
        dst[d] = a[q] as number;
        dst[d + 1] = a[q + rs] as number;
        dst[d + 2] = a[q + 2 * rs] as number;
        dst[d + 3] = a[q + 3 * rs] as number;
        d += MR;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let r = 0; r < MR; r++)
          dst[d + r] = r < rows ? (a[r0 + r * rs + p * cs] as number) : 0;
        d += MR;
      }
    }
  }
}

/** Packs a kb×nb block of B as NR-column micro-panels: dst[panel·NR·kb + p·NR + c] = B[p, c] (zero padded). */
function packPanelB(
  b: TypedArray,
  off: number,
  rs: number,
  cs: number,
  kb: number,
  nb: number,
  dst: Float64Array,
): void {
  let d = 0;
  for (let j0 = 0; j0 < nb; j0 += NR) {
    const cols = Math.min(NR, nb - j0);
    const c0 = off + j0 * cs;
    if (cols === NR) {
      for (let p = 0; p < kb; p++) {
        const q = c0 + p * rs;
        dst[d] = b[q] as number;
        dst[d + 1] = b[q + cs] as number;
        dst[d + 2] = b[q + 2 * cs] as number;
        dst[d + 3] = b[q + 3 * cs] as number;
        d += NR;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let cc = 0; cc < NR; cc++)
          dst[d + cc] = cc < cols ? (b[c0 + cc * cs + p * rs] as number) : 0;
        d += NR;
      }
    }
  }
}

/** 4×4 register tile: C[0:rows, 0:cols] (=|+=) Σ_p Apanel[p, :] ⊗ Bpanel[p, :]. */
function kernel4x4(
  kb: number,
  pa: Float64Array,
  ao: number,
  pb: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  ldc: number,
  rows: number,
  cols: number,
  first: boolean,
): void {
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
  let ia = ao;
  let ib = bo;
  for (let p = 0; p < kb; p++) {
    const a0 = pa[ia] as number;
    const a1 = pa[ia + 1] as number;
    const a2 = pa[ia + 2] as number;
    const a3 = pa[ia + 3] as number;
    const b0 = pb[ib] as number;
    const b1 = pb[ib + 1] as number;
    const b2 = pb[ib + 2] as number;
    const b3 = pb[ib + 3] as number;
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
    ia += 4;
    ib += 4;
  }
  if (rows === 4 && cols === 4) {
    const r1 = co + ldc;
    const r2 = r1 + ldc;
    const r3 = r2 + ldc;
    if (first) {
      c[co] = c00;
      c[co + 1] = c01;
      c[co + 2] = c02;
      c[co + 3] = c03;
      c[r1] = c10;
      c[r1 + 1] = c11;
      c[r1 + 2] = c12;
      c[r1 + 3] = c13;
      c[r2] = c20;
      c[r2 + 1] = c21;
      c[r2 + 2] = c22;
      c[r2 + 3] = c23;
      c[r3] = c30;
      c[r3 + 1] = c31;
      c[r3 + 2] = c32;
      c[r3 + 3] = c33;
    } else {
      c[co] = (c[co] as number) + c00;
      c[co + 1] = (c[co + 1] as number) + c01;
      c[co + 2] = (c[co + 2] as number) + c02;
      c[co + 3] = (c[co + 3] as number) + c03;
      c[r1] = (c[r1] as number) + c10;
      c[r1 + 1] = (c[r1 + 1] as number) + c11;
      c[r1 + 2] = (c[r1 + 2] as number) + c12;
      c[r1 + 3] = (c[r1 + 3] as number) + c13;
      c[r2] = (c[r2] as number) + c20;
      c[r2 + 1] = (c[r2 + 1] as number) + c21;
      c[r2 + 2] = (c[r2 + 2] as number) + c22;
      c[r2 + 3] = (c[r2 + 3] as number) + c23;
      c[r3] = (c[r3] as number) + c30;
      c[r3 + 1] = (c[r3 + 1] as number) + c31;
      c[r3 + 2] = (c[r3 + 2] as number) + c32;
      c[r3 + 3] = (c[r3 + 3] as number) + c33;
    }
    return;
  }
  // Edge tile: store only the valid rows and columns (no allocation).
  storeRow(c, co, cols, first, c00, c01, c02, c03);
  if (rows > 1) storeRow(c, co + ldc, cols, first, c10, c11, c12, c13);
  if (rows > 2) storeRow(c, co + 2 * ldc, cols, first, c20, c21, c22, c23);
  if (rows > 3) storeRow(c, co + 3 * ldc, cols, first, c30, c31, c32, c33);
}

function storeRow(
  c: Float64Array,
  at: number,
  cols: number,
  first: boolean,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
  if (first) {
    c[at] = v0;
    if (cols > 1) c[at + 1] = v1;
    if (cols > 2) c[at + 2] = v2;
    if (cols > 3) c[at + 3] = v3;
  } else {
    c[at] = (c[at] as number) + v0;
    if (cols > 1) c[at + 1] = (c[at + 1] as number) + v1;
    if (cols > 2) c[at + 2] = (c[at + 2] as number) + v2;
    if (cols > 3) c[at + 3] = (c[at + 3] as number) + v3;
  }
}
