// Robustness branches of the WebAssembly SIMD float32 kernels and their JavaScript glue (issue 14,
// item 2). Each test names the branch it guards; every one was checked to fail with that branch
// broken (see the commit message). References are float64 triple loops written here: the inputs
// are float32, so each float64 product is exact and the only error is the kernel's float32
// accumulation, bounded by γ_{k+1}·Σ|aᵢₚbₚⱼ| (Higham, Thm 3.5).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  gemmF32,
  kernelInfo,
  matmul,
  Random,
  setKernelMode,
  setKernelThreads,
  slice,
  stopKernelThreads,
  Tensor,
  transpose,
  useWasmKernels,
  zeros,
} from '../src/index.js';
import { activeWasmKernels, setWasmKernelsForTesting, threadsFor } from '../src/kernels.js';
import { GEMM_ADD, GEMM_BIAS, GEMM_SET, wasmGemm } from '../src/wasm/gemm-wasm.js';
import { KERNELS_WASM_BASE64 } from '../src/wasm/kernels-bytes.generated.js';
import { decodeBase64, instantiateKernels, type WasmKernels } from '../src/wasm/loader.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const U = 2 ** -24;

function f32s(rng: Random, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(-1, 1);
  return out;
}

/** |Ĉ − C| ≤ γ_{k+1}·Σₚ|AᵢₚBₚⱼ| (+|extra|) for every entry; C read at c[cOff + i·ldc + j]. */
function expectProduct(
  c: ArrayLike<number>,
  cOff: number,
  ldc: number,
  m: number,
  n: number,
  k: number,
  A: (i: number, p: number) => number,
  B: (p: number, j: number) => number,
  extra?: (i: number, j: number) => number,
): void {
  const g = ((k + 1) * U) / (1 - (k + 1) * U);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = extra ? extra(i, j) : 0;
      let mag = Math.abs(s);
      for (let p = 0; p < k; p++) {
        s += A(i, p) * B(p, j);
        mag += Math.abs(A(i, p) * B(p, j));
      }
      const got = c[cOff + i * ldc + j] as number;
      if (!(Math.abs(got - s) <= g * mag + 1e-30))
        throw new Error(`C[${i},${j}] = ${got}, want ${s} ± ${g * mag}`);
    }
  }
}

function kernels(): WasmKernels {
  const w = instantiateKernels(decodeBase64(KERNELS_WASM_BASE64));
  if (typeof w === 'string') throw new Error(w);
  return w;
}

afterEach(() => {
  setKernelMode('auto');
  setKernelThreads('auto');
});

describe('wasm kernels: sizes the tiles do not divide', () => {
  it('k = 0 in the module itself: = writes zeros, += leaves C, = bias writes the bias (sgemm `k == 0`)', () => {
    // wasmGemm stages nothing for k = 0 and sgemm must still write every entry of C.
    const w = kernels();
    const [m, n, ldc] = [5, 9, 11];
    const bias = Float32Array.from({ length: n }, (_, j) => j - 4.5);
    for (const mode of [GEMM_SET, GEMM_ADD, GEMM_BIAS]) {
      const c = new Float32Array(m * ldc).fill(7);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[i * ldc + j] = Number.NaN;
      if (mode === GEMM_ADD) c.fill(3);
      wasmGemm(
        w,
        m,
        n,
        0,
        new Float32Array(0),
        0,
        0,
        1,
        new Float32Array(0),
        0,
        n,
        1,
        c,
        0,
        ldc,
        mode,
        bias,
      );
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const want = mode === GEMM_SET ? 0 : mode === GEMM_ADD ? 3 : (bias[j] as number);
          expect(c[i * ldc + j]).toBe(want);
        }
        for (let j = n; j < ldc; j++) expect(c[i * ldc + j]).toBe(mode === GEMM_ADD ? 3 : 7); // padding untouched
      }
    }
  });

  it('empty dimensions on the forced wasm path: m = 0, n = 0 give empty results, k = 0 gives zeros (useWasmKernels: m, n, k = 0)', () => {
    setKernelMode('wasm');
    const f = (r: number, c: number) => new Tensor(new Float32Array(r * c).fill(1), [r, c]);
    expect(matmul(f(0, 5), f(5, 3)).shape).toEqual([0, 3]);
    expect(matmul(f(3, 5), f(5, 0)).shape).toEqual([3, 0]);
    const out = new Tensor(new Float32Array(12).fill(Number.NaN), [3, 4]);
    matmul(f(3, 0), f(0, 4), out);
    expect(Array.from(out.data)).toEqual(new Array(12).fill(0));
    expect(useWasmKernels(0, 8, 8)).toBe(false);
    expect(useWasmKernels(8, 0, 8)).toBe(false);
    expect(useWasmKernels(8, 8, 0)).toBe(false);
    // gemmF32 with k = 0 on the forced wasm path: set / add / bias (its `k > 0` guard)
    const bias = Float32Array.from([1, -2, 3]);
    for (const [combine, want] of [
      ['set', [0, 0, 0, 0, 0, 0]],
      ['add', [5, 5, 5, 5, 5, 5]],
      ['bias', [1, -2, 3, 1, -2, 3]],
    ] as const) {
      const c = new Float32Array(6).fill(5);
      gemmF32(
        2,
        3,
        0,
        new Float32Array(0),
        0,
        0,
        1,
        new Float32Array(0),
        0,
        3,
        1,
        c,
        0,
        3,
        combine,
        bias,
      );
      expect(Array.from(c)).toEqual(want);
    }
    // m = 0 or n = 0: nothing is read or written, even with empty arrays (gemmF32's early return)
    const c = new Float32Array(0);
    gemmF32(0, 3, 4, new Float32Array(0), 0, 4, 1, new Float32Array(12), 0, 3, 1, c, 0, 3);
    gemmF32(2, 0, 4, new Float32Array(8), 0, 4, 1, new Float32Array(0), 0, 0, 1, c, 0, 0);
  });

  it('k beyond one 256-deep block with += and = bias: the bias and old C enter once (blockMode = pc == 0 ? mode : 1)', () => {
    setKernelMode('wasm');
    const rng = new Random(31);
    // (130, 20, 300): two MC row blocks and two KC depth blocks; (5, 2050, 300): two NC column
    // blocks, so the bias pointer must move to column 2048 in the second one.
    for (const [m, n, k] of [
      [130, 20, 300],
      [5, 2050, 300],
    ] as const) {
      const ldc = n + 3;
      const a = f32s(rng, m * k);
      const b = f32s(rng, k * n);
      const bias = f32s(rng, n);
      const c0 = f32s(rng, m * ldc);
      for (const combine of ['set', 'add', 'bias'] as const) {
        const c = c0.slice();
        gemmF32(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, ldc, combine, bias);
        expectProduct(
          c,
          0,
          ldc,
          m,
          n,
          k,
          (i, p) => a[i * k + p] as number,
          (p, j) => b[p * n + j] as number,
          combine === 'add'
            ? (i, j) => c0[i * ldc + j] as number
            : combine === 'bias'
              ? (_i, j) => bias[j] as number
              : undefined,
        );
      }
    }
  });

  it('operands with negative strides are gathered, not copied as a (negative) span (stage: rs ≥ 0 && cs ≥ 0)', () => {
    const w = kernels();
    const rng = new Random(32);
    const [m, n, k] = [6, 10, 7];
    const a = f32s(rng, m * k);
    const b = f32s(rng, k * n);
    const c = new Float32Array(m * n);
    // A read bottom-up (row stride −k from the last row), B read right-to-left (column stride −1)
    wasmGemm(w, m, n, k, a, (m - 1) * k, -k, 1, b, n - 1, n, -1, c, 0, n, GEMM_SET);
    expectProduct(
      c,
      0,
      n,
      m,
      n,
      k,
      (i, p) => a[(m - 1 - i) * k + p] as number,
      (p, j) => b[p * n + (n - 1 - j)] as number,
    );
  });
});

describe('wasm kernels: the heap reserved for each staged operand (stageSize agrees with stage)', () => {
  // The operands are laid out one after another in the heap by stageSize; if it reserved less
  // than stage() writes, the next operand (B, the bias, or C for +=) overwrites the tail.
  it('1-D operands with a stride (a stride-0 promoted axis and a column stride > 1)', () => {
    setKernelMode('wasm');
    const rng = new Random(40);
    const [k, n] = [37, 19];
    const data = f32s(rng, 3 * k);
    const x = new Tensor(data, [k], [3], 0); // every third element
    const B = new Tensor(f32s(rng, k * n), [k, n]);
    const X = (p: number) => data[3 * p] as number;
    expectProduct(
      matmul(x, B).data,
      0,
      n,
      1,
      n,
      k,
      (_i, p) => X(p),
      (p, j) => B.get(p, j),
    );
    const A = new Tensor(f32s(rng, n * k), [n, k]);
    expectProduct(
      matmul(A, x).data,
      0,
      1,
      n,
      1,
      k,
      (i, p) => A.get(i, p),
      (p) => X(p),
    );
    // k = 300 > KC = 256: the second depth block packs B after C's first results are written, so
    // a reservation too small for x's span (599 floats, stride 2) would hand it C's values
    const [m2, k2] = [256, 300];
    const d2 = f32s(rng, 2 * k2);
    const x2 = new Tensor(d2, [k2], [2], 0);
    const A2 = new Tensor(f32s(rng, m2 * k2), [m2, k2]);
    expectProduct(
      matmul(A2, x2).data,
      0,
      1,
      m2,
      1,
      k2,
      (i, p) => A2.get(i, p),
      (p) => d2[2 * p] as number,
    );
  });

  it('a span exactly at the compact-copy limit 2·r·s + 64 (a 1×2 row with column stride 67)', () => {
    setKernelMode('wasm');
    const rng = new Random(41);
    const a = f32s(rng, 68); // A(0, 0) = a[0], A(0, 1) = a[67]: span 68 = 2·1·2 + 64
    const n = 40; // B (80 floats) is staged right after A's reserved space
    const b = f32s(rng, 2 * n);
    const c = new Float32Array(n);
    gemmF32(1, n, 2, a, 0, 2, 67, b, 0, n, 1, c, 0, n);
    expectProduct(
      c,
      0,
      n,
      1,
      n,
      2,
      (_i, p) => a[67 * p] as number,
      (p, j) => b[p * n + j] as number,
    );
  });

  it('a negative column stride with += (C is staged after B)', () => {
    setKernelMode('wasm');
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2×3
    const b = Float32Array.from([1, 2, 3, 4, 5, 6]); // read from b[1] with strides (2, −1): [[2, 1], [4, 3], [6, 5]]
    const c = Float32Array.from([1, 1, 1, 1]);
    gemmF32(2, 2, 3, a, 0, 3, 1, b, 1, 2, -1, c, 0, 2, 'add');
    expect(Array.from(c)).toEqual([1 + 28, 1 + 22, 1 + 64, 1 + 49]);
  });
});

describe('wasm kernels: the glue in matmul', () => {
  it('1-D operands (promoted with a stride-0 axis) on the forced wasm path', () => {
    setKernelMode('wasm');
    const rng = new Random(33);
    const [m, k, n] = [9, 37, 19];
    const x = new Tensor(f32s(rng, k), [k]);
    const A = new Tensor(f32s(rng, m * k), [m, k]);
    const B = new Tensor(f32s(rng, k * n), [k, n]);
    const xB = matmul(x, B);
    expect(xB.shape).toEqual([n]);
    expectProduct(
      xB.data,
      0,
      n,
      1,
      n,
      k,
      (_i, p) => x.data[p] as number,
      (p, j) => B.get(p, j),
    );
    const Ax = matmul(A, x);
    expect(Ax.shape).toEqual([m]);
    expectProduct(
      Ax.data,
      0,
      1,
      m,
      1,
      k,
      (i, p) => A.get(i, p),
      (p) => x.data[p] as number,
    );
    const xx = matmul(x, x);
    expect(xx.shape).toEqual([]);
    expectProduct(
      xx.data,
      0,
      1,
      1,
      1,
      k,
      (_i, p) => x.data[p] as number,
      (p) => x.data[p] as number,
    );
  });

  it('batch axes of size 1 broadcast against the other operand (aBatch/bBatch === 1 keeps the offset)', () => {
    setKernelMode('wasm');
    const rng = new Random(34);
    const [m, k, n] = [5, 6, 7];
    const a = new Tensor(f32s(rng, 2 * 1 * m * k), [2, 1, m, k]);
    const b = new Tensor(f32s(rng, 3 * k * n), [3, k, n]);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 3, m, n]);
    for (let s = 0; s < 2; s++)
      for (let t = 0; t < 3; t++)
        expectProduct(
          c.data,
          (s * 3 + t) * m * n,
          n,
          m,
          n,
          k,
          (i, p) => a.get(s, 0, i, p),
          (p, j) => b.get(t, p, j),
        );
    // d is the first of two blocks of one buffer, so a stride applied to its size-1 axis would read the second
    const d = slice(new Tensor(f32s(rng, 2 * n * 4), [2, n, 4]), 0, 1);
    const c2 = matmul(b, d); // [3,k,n]·[1,n,4]: B's batch axis of size 1 broadcasts
    expect(c2.shape).toEqual([3, k, 4]);
    for (let t = 0; t < 3; t++)
      expectProduct(
        c2.data,
        t * k * 4,
        4,
        k,
        4,
        n,
        (i, p) => b.get(t, i, p),
        (p, j) => d.get(0, p, j),
      );
  });

  it('float32 accumulation only when A, B and the destination are all float32 (the instanceof checks)', () => {
    // 2²⁴ + 1 is exact in float64 and rounds to 2²⁴ in float32: the float64 path must be taken.
    setKernelMode('wasm');
    const big = 2 ** 24;
    const a32 = new Tensor(Float32Array.from([big, 1]), [1, 2]);
    const b32 = new Tensor(Float32Array.from([1, 1]), [2, 1]);
    const a64 = new Tensor(Float64Array.from([big, 1]), [1, 2]);
    const b64 = new Tensor(Float64Array.from([1, 1]), [2, 1]);
    expect(matmul(a32, b32).data[0]).toBe(big); // all float32: float32 sum
    expect(matmul(a64, b32).data[0]).toBe(big + 1); // A float64
    expect(matmul(a32, b64).data[0]).toBe(big + 1); // B float64
    const out = new Tensor(new Float64Array(1), [1, 1]);
    matmul(a32, b32, out); // float32 operands into a float64 destination: float64 accumulation
    expect(out.data[0]).toBe(big + 1);
    // A float32 destination with one float64 operand: float64 accumulation, rounded once.
    // 2²⁴ + 1 + 1 = 2²⁴ + 2 is a float32; summed in float32 it stays 2²⁴.
    const a3 = (T: typeof Float32Array | typeof Float64Array) =>
      new Tensor(T.from([big, 1, 1]), [1, 3]);
    const b3 = (T: typeof Float32Array | typeof Float64Array) =>
      new Tensor(T.from([1, 1, 1]), [3, 1]);
    const out32 = () => new Tensor(new Float32Array(1), [1, 1]);
    expect(matmul(a3(Float32Array), b3(Float32Array), out32()).data[0]).toBe(big);
    expect(matmul(a3(Float64Array), b3(Float32Array), out32()).data[0]).toBe(big + 2);
    expect(matmul(a3(Float32Array), b3(Float64Array), out32()).data[0]).toBe(big + 2);
  });

  it('an out that aliases an input, and a transposed out, on the wasm path', () => {
    setKernelMode('wasm');
    const rng = new Random(35);
    const n = 13;
    const a = new Tensor(f32s(rng, n * n), [n, n]);
    const b = new Tensor(f32s(rng, n * n), [n, n]);
    const a0 = a.toTypedArray().slice();
    const A = (i: number, p: number) => a0[i * n + p] as number;
    const B = (p: number, j: number) => b.get(p, j);
    matmul(a, b, a); // out = a: must go through a temporary
    expectProduct(a.data, 0, n, n, n, n, A, B);
    // A row vector times a matrix into itself on the JavaScript path, which writes C while it
    // still reads A (the `out.data !== a.data` check; the wasm path stages A first).
    setKernelMode('js');
    const x = new Tensor(Float64Array.from([1, 2, 3]), [1, 3]);
    const M = new Tensor(Float64Array.from([1, 0, 1, 2, 1, 0, 0, 3, 1]), [3, 3]);
    matmul(x, M, x);
    expect(Array.from(x.data)).toEqual([1 + 4, 2 + 9, 1 + 3]);
    setKernelMode('wasm');
    const store = zeros([n, n], { dtype: 'float32' });
    const outT = transpose(store); // non-contiguous destination
    const aa = new Tensor(a0, [n, n]);
    matmul(aa, b, outT);
    // store holds Cᵀ: store[j, i] = C[i, j]
    const ct = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ct[i * n + j] = store.get(j, i);
    expectProduct(ct, 0, n, n, n, n, A, B);
  });
});

describe('wasm kernels: non-finite and extreme values', () => {
  it('NaN and ±Inf propagate as IEEE arithmetic, and zero-padded edge lanes do not leak them', () => {
    setKernelMode('wasm');
    const [m, n, k] = [5, 9, 3]; // edge tiles in both directions
    const rng = new Random(36);
    const a = f32s(rng, m * k);
    const b = f32s(rng, k * n);
    a[1 * k + 2] = Number.NaN; // row 1 all NaN
    a[3 * k + 0] = Number.POSITIVE_INFINITY; // row 3: ±Inf, NaN where B[0, j] = 0
    b[0 * n + 4] = 0;
    b[2 * n + 8] = Number.NEGATIVE_INFINITY; // column 8: ±Inf from every other row
    const c = matmul(new Tensor(a, [m, k]), new Tensor(b, [k, n])).data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[i * k + p] as number) * (b[p * n + j] as number);
        const got = c[i * n + j] as number;
        if (!Number.isFinite(s))
          expect(got).toBe(s); // NaN toBe NaN, Inf toBe Inf (Object.is)
        else expect(Math.abs(got - s)).toBeLessThan(1e-5);
      }
    }
    expect(c[3 * n + 4]).toBeNaN(); // Inf · 0
    expect(c[0 * n + 8]).toBe(a[0 * k + 2]! > 0 ? -Infinity : Infinity);
  });

  it('float32 subnormal products are kept (no flush to zero) and overflow gives ±Inf', () => {
    setKernelMode('wasm');
    const t = (v: number[], shape: [number, number]) => new Tensor(Float32Array.from(v), shape);
    const tiny = Math.fround(1e-20);
    const c = matmul(t([tiny, -tiny], [2, 1]), t([tiny], [1, 1])).data;
    expect(c[0]).toBe(Math.fround(tiny * tiny)); // ≈ 1e-40, a float32 subnormal
    expect(c[0]).toBeGreaterThan(0);
    expect(c[1]).toBe(-Math.fround(tiny * tiny));
    const huge = Math.fround(1e20);
    const o = matmul(t([huge, -huge], [2, 1]), t([huge], [1, 1])).data;
    expect(Array.from(o)).toEqual([Infinity, -Infinity]);
  });
});

describe('gemmF32: defaults, bias and extent checks, the JavaScript scratch path', () => {
  it("combine defaults to 'set'; 'set' and 'add' need no bias; a short bias is named", () => {
    for (const mode of ['js', 'wasm'] as const) {
      setKernelMode(mode);
      const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2×3
      const b = Float32Array.from([1, 0, 0, 1, 1, 1]); // 3×2
      const c = new Float32Array(4).fill(Number.NaN);
      gemmF32(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2);
      expect(Array.from(c)).toEqual([4, 5, 10, 11]);
      gemmF32(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, 'add');
      expect(Array.from(c)).toEqual([8, 10, 20, 22]);
      expect(() =>
        gemmF32(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, 'bias', new Float32Array(1)),
      ).toThrow(/gemmF32: bias must hold n = 2 values; got 1/);
      expect(() => gemmF32(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, 'bias')).toThrow(
        /bias must hold n = 2 values; got none/,
      );
    }
  });

  it('negative strides: an operand read backwards from its last element is accepted exactly when it stays inside the array', () => {
    for (const mode of ['js', 'wasm'] as const) {
      setKernelMode(mode);
      const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // read from a[5] backwards: [[6, 5, 4], [3, 2, 1]]
      const b = Float32Array.from([1, 0, 0, 1, 1, 1]);
      const c = new Float32Array(4);
      gemmF32(2, 2, 3, a, 5, -3, -1, b, 0, 2, 1, c, 0, 2);
      expect(Array.from(c)).toEqual([10, 9, 4, 3]);
      // one element short at the low end, through the row stride or the column stride
      expect(() => gemmF32(2, 2, 3, a, 4, -3, -1, b, 0, 2, 1, c, 0, 2)).toThrow(
        /gemmF32: a is too short for 2×3 at offset 4 with strides \[-3,-1\]/,
      );
      expect(() => gemmF32(2, 2, 3, a, 2, -3, 1, b, 0, 2, 1, c, 0, 2)).toThrow(/a is too short/);
      expect(() => gemmF32(2, 2, 3, a, 1, 3, -1, b, 0, 2, 1, c, 0, 2)).toThrow(/a is too short/);
      // column stride −2: a 1×3 row read as a[4], a[2], a[0] fits; from a[3] it would need a[−1]
      const r = new Float32Array(1);
      gemmF32(1, 1, 3, a, 4, 3, -2, b, 0, 2, 1, r, 0, 1);
      expect(r[0]).toBe(5 * 1 + 3 * 0 + 1 * 1);
      expect(() => gemmF32(1, 1, 3, a, 3, 3, -2, b, 0, 2, 1, r, 0, 1)).toThrow(/a is too short/);
      expect(() => gemmF32(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, new Float32Array(3), 0, 2)).toThrow(
        /c is too short for 2×2 at offset 0 with strides \[2,1\]; expected at least 4 elements, got 3/,
      );
    }
  });

  it('the JavaScript path grows its scratch for a larger product and writes only the m rows of C', () => {
    setKernelMode('js');
    const rng = new Random(39);
    for (const [m, n, k] of [
      [2, 2, 3],
      [20, 21, 5],
    ] as const) {
      const ldc = n + 1;
      const a = f32s(rng, m * k);
      const b = f32s(rng, k * n);
      const c0 = f32s(rng, (m + 1) * ldc); // one extra row after C
      const c = c0.slice();
      gemmF32(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, ldc, 'add');
      expectProduct(
        c,
        0,
        ldc,
        m,
        n,
        k,
        (i, p) => a[i * k + p] as number,
        (p, j) => b[p * n + j] as number,
        (i, j) => c0[i * ldc + j] as number,
      );
      for (let j = 0; j < ldc; j++) expect(c[m * ldc + j]).toBe(c0[m * ldc + j]);
    }
  });
});

describe('kernel selection', () => {
  it("'auto' uses wasm from m·n·k = 4096 on (≥, not >), and never for a single row or column", () => {
    expect(useWasmKernels(16, 16, 16)).toBe(true);
    expect(useWasmKernels(16, 16, 15)).toBe(false);
    expect(useWasmKernels(1, 128, 128)).toBe(false);
    expect(useWasmKernels(128, 1, 128)).toBe(false);
    expect(useWasmKernels(2, 2, 1024)).toBe(true);
  });

  it('with the JavaScript kernels forced or wasm unavailable, no product is threaded', () => {
    setKernelThreads(2);
    expect(threadsFor(512, 512, 512)).toBe(2);
    setKernelMode('js');
    expect(threadsFor(512, 512, 512)).toBe(1);
    expect(kernelInfo().largeThreads).toBe(1);
    setKernelMode('auto');
    const saved = activeWasmKernels();
    try {
      setWasmKernelsForTesting(null);
      expect(threadsFor(512, 512, 512)).toBe(1);
      expect(kernelInfo().largeThreads).toBe(1);
      expect(kernelInfo().threads).toBe(2);
      // without wasm, 'js' and 'auto' are still accepted (only 'wasm' is refused)
      setKernelMode('js');
      setKernelMode('auto');
      expect(kernelInfo().mode).toBe('auto');
    } finally {
      setWasmKernelsForTesting(saved);
    }
  });

  it('setKernelThreads accepts 1..64 and rejects 65', () => {
    setKernelThreads(64);
    expect(kernelInfo().threads).toBe(64);
    expect(kernelInfo().largeThreads).toBe(64); // a forced count, not the core count (≤ 8)
    expect(() => setKernelThreads(65)).toThrow(
      /kernels: setKernelThreads: n must be 'auto' or an integer in 1\.\.64; got 65/,
    );
  });

  it('instantiateKernels reports a runtime without WebAssembly instead of throwing', () => {
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    try {
      vi.stubGlobal('WebAssembly', undefined);
      expect(instantiateKernels(bytes)).toBe('WebAssembly is not available in this runtime');
      vi.stubGlobal('WebAssembly', {});
      expect(instantiateKernels(bytes)).toBe('WebAssembly is not available in this runtime');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(typeof instantiateKernels(bytes)).toBe('object');
  });

  it('empty TERMGRAD_KERNELS / TERMGRAD_THREADS mean auto; TERMGRAD_THREADS=3 forces 3', () => {
    const run = (env: Record<string, string>) =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@termgrad/source',
          '-e',
          "import('@termgrad/tensor').then((t) => { const i = t.kernelInfo(); console.log(i.mode, i.threads); })",
        ],
        { cwd: pkg, env: { ...process.env, ...env }, stdio: 'pipe' },
      )
        .toString()
        .trim();
    expect(run({ TERMGRAD_KERNELS: '', TERMGRAD_THREADS: '' })).toBe('auto auto');
    expect(run({ TERMGRAD_KERNELS: 'wasm', TERMGRAD_THREADS: '3' })).toBe('wasm 3');
  }, 60_000);
});

describe('threaded matmul: staging and row blocks', () => {
  it('after stopKernelThreads the next threaded product starts new workers and gives the same bits (pool = null)', () => {
    const rng = new Random(38);
    const a = new Tensor(f32s(rng, 16 * 24), [16, 24]);
    const b = new Tensor(f32s(rng, 24 * 20), [24, 20]);
    setKernelThreads(1);
    const one = matmul(a, b);
    setKernelThreads(2);
    expect(Array.from(matmul(a, b).data)).toEqual(Array.from(one.data));
    stopKernelThreads();
    stopKernelThreads(); // a second stop is a no-op
    expect(Array.from(matmul(a, b).data)).toEqual(Array.from(one.data));
  }, 60_000);

  it('a row-sliced A, a transposed B, a batch, and a thread with no rows give the one-thread bits', () => {
    const rng = new Random(37);
    const big = new Tensor(f32s(rng, 12 * 40), [12, 40]);
    const aSliced = slice(slice(big, 1, 10), 3, 33, 1); // 9×30, row stride 40: cs = 1, rs ≠ k
    const bT = transpose(new Tensor(f32s(rng, 17 * 30), [17, 30])); // 30×17, column stride 30
    const batched = new Tensor(f32s(rng, 2 * 9 * 30), [2, 9, 30]);
    const cases: [Tensor, Tensor][] = [
      [aSliced, bT],
      [batched, bT], // cOff + t·m·n per batch entry
    ];
    for (const [a, b] of cases) {
      setKernelThreads(1);
      const one = matmul(a, b);
      // 9 rows on 3 threads: rowsOf gives the calling thread [0, 0) (hi > lo is false)
      setKernelThreads(3);
      expect(threadsFor(9, 17, 30)).toBe(3);
      const many = matmul(a, b);
      expect(Array.from(many.data)).toEqual(Array.from(one.data));
      const m = a.shape[a.ndim - 2] as number;
      const batches = a.ndim === 3 ? 2 : 1;
      for (let t = 0; t < batches; t++)
        expectProduct(
          many.data,
          t * m * 17,
          17,
          m,
          17,
          30,
          (i, p) => (a.ndim === 3 ? a.get(t, i, p) : a.get(i, p)),
          (p, j) => b.get(p, j),
        );
    }
  }, 60_000);
});
