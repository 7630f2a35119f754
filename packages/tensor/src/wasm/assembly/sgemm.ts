// AssemblyScript source of termgrad's WebAssembly SIMD float32 kernels (compiled by
// `scripts/build-wasm.mjs` during the package build; not part of the TypeScript program).
//
// C[m×n] (=, +=, or = bias +) A[m×k] · B[k×n], with A and B read through arbitrary element strides
// (so transposed operands cost nothing extra) and C row-major with leading dimension ldc.
// GotoBLAS-style blocking: a KC×NC block of B is packed into NR-column micro-panels and an MC×KC
// block of A into MR-row micro-panels; a 4×8 register tile (8 v128 accumulators) sweeps them.
// 4×256 and 256×8 floats = 4 KB + 8 KB micro-panels sit in L1, the 128 KB A block in L2.
// Plain SIMD128 only (f32x4 mul + add; no relaxed-SIMD fused multiply-add).

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 128;
const NC: i32 = 2048;

let packA: usize = 0;
let packB: usize = 0;
let tile: usize = 0;

/** Bytes of scratch the kernels need (packed A block, packed B block, one edge tile). */
export function workspaceBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

/** First free byte after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** Places the scratch area (workspaceBytes() bytes, 16-byte aligned) at `ptr`. */
export function setWorkspace(ptr: usize): void {
  packA = ptr;
  packB = ptr + <usize>(MC * KC * 4);
  tile = packB + <usize>(KC * NC * 4);
}

/** Packs an mb×kb block of A (element strides rs, cs) as MR-row micro-panels, zero padded. */
function packPanelA(a: usize, rs: i32, cs: i32, mb: i32, kb: i32): void {
  let d = packA;
  for (let i0 = 0; i0 < mb; i0 += MR) {
    const rows = min(MR, mb - i0);
    const r0 = a + (<usize>(i0 * rs) << 2);
    if (rows == MR && rs == 1) {
      // transposed A: the 4 rows at one p are adjacent
      for (let p = 0; p < kb; p++) {
        v128.store(d, v128.load(r0 + (<usize>(p * cs) << 2)));
        d += 16;
      }
    } else if (rows == MR) {
      const s = <usize>rs << 2;
      for (let p = 0; p < kb; p++) {
        const q = r0 + (<usize>(p * cs) << 2);
        store<f32>(d, load<f32>(q));
        store<f32>(d, load<f32>(q + s), 4);
        store<f32>(d, load<f32>(q + 2 * s), 8);
        store<f32>(d, load<f32>(q + 3 * s), 12);
        d += 16;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let r = 0; r < MR; r++) {
          store<f32>(d + (<usize>r << 2), r < rows ? load<f32>(r0 + (<usize>(r * rs + p * cs) << 2)) : 0);
        }
        d += 16;
      }
    }
  }
}

/** Packs a kb×nb block of B (element strides rs, cs) as NR-column micro-panels, zero padded. */
function packPanelB(b: usize, rs: i32, cs: i32, kb: i32, nb: i32): void {
  let d = packB;
  for (let j0 = 0; j0 < nb; j0 += NR) {
    const cols = min(NR, nb - j0);
    const c0 = b + (<usize>(j0 * cs) << 2);
    if (cols == NR && cs == 1) {
      for (let p = 0; p < kb; p++) {
        const q = c0 + (<usize>(p * rs) << 2);
        v128.store(d, v128.load(q));
        v128.store(d, v128.load(q, 16), 16);
        d += 32;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let c = 0; c < NR; c++) {
          store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(c0 + (<usize>(c * cs + p * rs) << 2)) : 0);
        }
        d += 32;
      }
    }
  }
}

/** Writes one output row segment of the tile: mode 0 (=), 1 (+=), 2 (= bias +). */
// @ts-ignore: decorator
@inline
function storeRow(dst: usize, lo: v128, hi: v128, mode: i32, bias: usize): void {
  if (mode == 1) {
    lo = f32x4.add(lo, v128.load(dst));
    hi = f32x4.add(hi, v128.load(dst, 16));
  } else if (mode == 2) {
    lo = f32x4.add(lo, v128.load(bias));
    hi = f32x4.add(hi, v128.load(bias, 16));
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}

/** 4×8 micro-kernel over packed panels; stores rows×cols of the tile at c (row stride ldc bytes). */
function microKernel(kb: i32, pa: usize, pb: usize, c: usize, ldc: usize, rows: i32, cols: i32, mode: i32, bias: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kb; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    const a1 = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    const a2 = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a2, b0));
    c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    const a3 = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    pa += 16;
    pb += 32;
  }
  if (rows == MR && cols == NR) {
    storeRow(c, c00, c01, mode, bias);
    storeRow(c + ldc, c10, c11, mode, bias);
    storeRow(c + 2 * ldc, c20, c21, mode, bias);
    storeRow(c + 3 * ldc, c30, c31, mode, bias);
    return;
  }
  // Edge tile: spill to scratch, then write only the valid rows and columns.
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  for (let r = 0; r < rows; r++) {
    const src = tile + (<usize>(r * NR) << 2);
    const dst = c + <usize>r * ldc;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      let v = load<f32>(src + o);
      if (mode == 1) v += load<f32>(dst + o);
      else if (mode == 2) v += load<f32>(bias + o);
      store<f32>(dst + o, v);
    }
  }
}

/**
 * C = A·B (mode 0), C += A·B (mode 1) or C = A·B + bias (mode 2, bias a row of n floats).
 * A is m×k with element strides (aRs, aCs), B is k×n with (bRs, bCs), C is row-major with leading
 * dimension ldc (elements). Pointers are byte addresses; setWorkspace() must have been called.
 */
export function sgemm(
  m: i32, n: i32, k: i32,
  a: usize, aRs: i32, aCs: i32,
  b: usize, bRs: i32, bCs: i32,
  c: usize, ldc: i32,
  mode: i32, bias: usize,
): void {
  const ldcB = <usize>ldc << 2;
  if (k == 0) {
    for (let i = 0; i < m; i++) {
      const row = c + <usize>i * ldcB;
      for (let j = 0; j < n; j++) {
        const o = <usize>j << 2;
        if (mode == 0) store<f32>(row + o, 0);
        else if (mode == 2) store<f32>(row + o, load<f32>(bias + o));
      }
    }
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc);
      const blockMode = pc == 0 ? mode : 1;
      packPanelB(b + (<usize>(pc * bRs + jc * bCs) << 2), bRs, bCs, kb, nb);
      for (let ic = 0; ic < m; ic += MC) {
        const mb = min(MC, m - ic);
        packPanelA(a + (<usize>(ic * aRs + pc * aCs) << 2), aRs, aCs, mb, kb);
        for (let j0 = 0; j0 < nb; j0 += NR) {
          const cols = min(NR, nb - j0);
          const pb = packB + (<usize>(j0 * kb) << 2);
          const biasJ = bias + (<usize>(jc + j0) << 2);
          for (let i0 = 0; i0 < mb; i0 += MR) {
            const rows = min(MR, mb - i0);
            const cTile = c + <usize>(ic + i0) * ldcB + (<usize>(jc + j0) << 2);
            microKernel(kb, packA + (<usize>(i0 * kb) << 2), pb, cTile, ldcB, rows, cols, blockMode, biasJ);
          }
        }
      }
    }
  }
}
