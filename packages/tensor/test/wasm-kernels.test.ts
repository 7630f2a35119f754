import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  gemmF32,
  kernelInfo,
  matmul,
  Random,
  setKernelMode,
  slice,
  Tensor,
  TensorError,
  tensor,
  transpose,
  useWasmKernels,
} from '../src/index.js';
import { activeWasmKernels, setWasmKernelsForTesting } from '../src/kernels.js';
import { GEMM_SET, stageSize, wasmGemm } from '../src/wasm/gemm-wasm.js';
import { KERNELS_WASM_BASE64 } from '../src/wasm/kernels-bytes.generated.js';
import { decodeBase64, instantiateKernels } from '../src/wasm/loader.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const U = 2 ** -24; // float32 unit roundoff

/** Uniform(-1, 1) float32 values. */
function f32s(rng: Random, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(-1, 1);
  return out;
}

/**
 * Checks C = A·B against a float64 reference with the classical float32 bound for recursive
 * summation, |Ĉᵢⱼ − Cᵢⱼ| ≤ γ_{k+1} Σₚ |Aᵢₚ||Bₚⱼ| with γ_j = j·u/(1 − j·u) (Higham, Thm 3.5); the
 * inputs are float32 so the float64 reference is exact to 2^-53.
 */
function expectProduct(
  c: ArrayLike<number>,
  ldc: number,
  m: number,
  n: number,
  k: number,
  A: (i: number, p: number) => number,
  B: (p: number, j: number) => number,
  extra?: (i: number, j: number) => number,
): void {
  const g = ((k + 1) * U) / (1 - (k + 1) * U);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = extra ? extra(i, j) : 0;
      let mag = Math.abs(s);
      for (let p = 0; p < k; p++) {
        s += A(i, p) * B(p, j);
        mag += Math.abs(A(i, p) * B(p, j));
      }
      const err = Math.abs((c[i * ldc + j] as number) - s);
      worst = Math.max(worst, err / (g * mag + 1e-30));
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

afterEach(() => {
  setKernelMode('auto');
});

describe('WebAssembly SIMD kernels', () => {
  it('the committed module is what the AssemblyScript source compiles to', () => {
    // fails when src/wasm/assembly/ changed without `node scripts/build-wasm.mjs`
    execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], {
      cwd: pkg,
      stdio: 'pipe',
    });
  }, 60_000);

  it('loads in this runtime (Node 20 has SIMD128 on by default)', () => {
    const { availableParallelism } = process.getBuiltinModule(
      'node:os',
    ) as typeof import('node:os');
    expect(kernelInfo()).toEqual({
      mode: 'auto',
      wasmAvailable: true,
      threads: 'auto',
      largeThreads: Math.min(8, availableParallelism()),
    });
  });

  it('matmul on wasm matches a float64 reference at edge sizes (1, odd, beyond a tile and a cache block)', () => {
    setKernelMode('wasm');
    const rng = new Random(5);
    // MR = 4, NR = 8, KC = 256, MC = 128, NC = 2048: cover remainders of each and more than one block.
    const shapes = [
      [1, 1, 1],
      [1, 7, 3],
      [5, 1, 9],
      [3, 5, 7],
      [4, 8, 16],
      [9, 17, 13],
      [33, 31, 257],
      [130, 12, 300],
      [2, 2050, 3],
    ] as const;
    for (const [m, n, k] of shapes) {
      const a = f32s(rng, m * k);
      const b = f32s(rng, k * n);
      const c = matmul(new Tensor(a, [m, k]), new Tensor(b, [k, n]));
      expectProduct(
        c.data,
        n,
        m,
        n,
        k,
        (i, p) => a[i * k + p] as number,
        (p, j) => b[p * n + j] as number,
      );
    }
  });

  it('reads transposed, sliced and batched-broadcast views through their strides', () => {
    setKernelMode('wasm');
    const rng = new Random(6);
    const big = new Tensor(f32s(rng, 40 * 30), [40, 30]);
    const a = slice(slice(big, 3, 22), 1, 27, 1); // 19×26, row stride 30, offset 91
    const bT = new Tensor(f32s(rng, 11 * 26), [11, 26]);
    const c = matmul(a, transpose(bT)); // B = bTᵀ: row stride 1, column stride 26
    expectProduct(
      c.data,
      11,
      19,
      11,
      26,
      (i, p) => big.get(i + 3, p + 1),
      (p, j) => bT.get(j, p),
    );
    const batch = new Tensor(f32s(rng, 3 * 5 * 6), [3, 5, 6]);
    const shared = new Tensor(f32s(rng, 6 * 9), [6, 9]);
    const cb = matmul(transpose(batch, [0, 2, 1]), slice(shared, 0, 5)); // [3,6,5]·[5,9]
    for (let t = 0; t < 3; t++) {
      const ct = cb.data.subarray(t * 54, (t + 1) * 54);
      expectProduct(
        ct,
        9,
        6,
        9,
        5,
        (i, p) => batch.get(t, p, i),
        (p, j) => shared.get(p, j),
      );
    }
  });

  it('gathers a sparse view instead of staging its whole memory span', () => {
    // 8 rows, 100 000 floats apart: the span is 700 008 floats, the data 64.
    expect(stageSize(8, 8, 100_000, 1)).toBe(64);
    expect(stageSize(8, 8, 8, 1)).toBe(64);
    setKernelMode('wasm');
    const rng = new Random(7);
    const data = f32s(rng, 800_000);
    const a = new Tensor(data, [8, 8], [100_000, 1], 3);
    const b = new Tensor(f32s(rng, 64), [8, 8]);
    const c = matmul(a, b);
    expectProduct(
      c.data,
      8,
      8,
      8,
      8,
      (i, p) => data[3 + i * 100_000 + p] as number,
      (p, j) => b.data[p * 8 + j] as number,
    );
  });

  it('re-views memory after it grows (a small product, then one that grows the heap, then small again)', () => {
    const w = instantiateKernels(decodeBase64(KERNELS_WASM_BASE64));
    if (typeof w === 'string') throw new Error(w);
    const rng = new Random(8);
    for (const n of [4, 700, 5]) {
      const a = f32s(rng, n * n);
      const b = f32s(rng, n * n);
      const c = new Float32Array(n * n);
      wasmGemm(w, n, n, n, a, 0, n, 1, b, 0, n, 1, c, 0, n, GEMM_SET);
      // spot-check one row against float64 (the full check is above; this is about memory)
      expectProduct(
        c,
        n,
        1,
        n,
        n,
        (_i, p) => a[p] as number,
        (p, j) => b[p * n + j] as number,
      );
    }
  });

  it('gemmF32 combines the product with C (set, add, bias) on both paths, with a row stride and transposed operands', () => {
    const rng = new Random(9);
    const [m, n, k, ldc] = [13, 10, 37, 12];
    const a = f32s(rng, k * m); // stored transposed: A(i,p) = a[p*m + i]
    const b = f32s(rng, n * k); // stored transposed: B(p,j) = b[j*k + p]
    const bias = f32s(rng, n);
    const c0 = f32s(rng, m * ldc);
    const A = (i: number, p: number) => a[p * m + i] as number;
    const B = (p: number, j: number) => b[j * k + p] as number;
    const results: Float32Array[] = [];
    for (const mode of ['js', 'wasm'] as const) {
      setKernelMode(mode);
      for (const combine of ['set', 'add', 'bias'] as const) {
        const c = c0.slice();
        gemmF32(m, n, k, a, 0, 1, m, b, 0, 1, k, c, 0, ldc, combine, bias);
        const extra =
          combine === 'add'
            ? (i: number, j: number) => c0[i * ldc + j] as number
            : combine === 'bias'
              ? (_i: number, j: number) => bias[j] as number
              : undefined;
        expectProduct(c, ldc, m, n, k, A, B, extra);
        for (let i = 0; i < m; i++)
          for (let j = n; j < ldc; j++) expect(c[i * ldc + j]).toBe(c0[i * ldc + j]); // padding untouched
        results.push(c);
      }
    }
    // the two paths agree with each other within twice the bound above
    for (let r = 0; r < 3; r++) {
      const x = results[r] as Float32Array;
      const y = results[r + 3] as Float32Array;
      for (let i = 0; i < x.length; i++)
        expect(Math.abs((x[i] as number) - (y[i] as number))).toBeLessThan(
          2 * (k + 2) * U * (k + 2),
        );
    }
  });

  it('gemmF32 rejects arrays too short for the sizes and a missing bias', () => {
    const a = new Float32Array(6);
    expect(() =>
      gemmF32(2, 2, 3, a, 0, 3, 1, new Float32Array(5), 0, 2, 1, new Float32Array(4), 0, 2),
    ).toThrow(/b is too short for 3×2/);
    expect(() =>
      gemmF32(2, 2, 3, a, 0, 3, 1, new Float32Array(6), 0, 2, 1, new Float32Array(4), 0, 2, 'bias'),
    ).toThrow(TensorError);
  });

  it('auto mode keeps tiny products (the Playground 2-8-8-1 net) on JavaScript and big ones on wasm', () => {
    expect(useWasmKernels(10, 8, 2)).toBe(false); // batch 10, 2 → 8
    expect(useWasmKernels(10, 1, 8)).toBe(false);
    expect(useWasmKernels(64, 128, 784)).toBe(true);
    setKernelMode('js');
    expect(useWasmKernels(64, 128, 784)).toBe(false);
    setKernelMode('wasm');
    expect(useWasmKernels(10, 8, 2)).toBe(true);
  });

  it('falls back to JavaScript where WebAssembly SIMD does not compile, and refuses to force it', () => {
    // a module header followed by garbage fails to compile just as a SIMD module does without SIMD
    const reason = instantiateKernels(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 255]));
    expect(typeof reason).toBe('string');
    const saved = activeWasmKernels();
    try {
      setWasmKernelsForTesting(null);
      expect(kernelInfo().wasmAvailable).toBe(false);
      expect(useWasmKernels(256, 256, 256)).toBe(false);
      expect(() => setKernelMode('wasm')).toThrow(/WebAssembly SIMD is unavailable/);
      const c = matmul(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          undefined,
          { dtype: 'float32' },
        ),
        tensor([[5], [6]], undefined, { dtype: 'float32' }),
      );
      expect(Array.from(c.data)).toEqual([17, 39]);
    } finally {
      setWasmKernelsForTesting(saved);
    }
  });

  it('rejects an unknown mode, from the API and from TERMGRAD_KERNELS', () => {
    expect(() => setKernelMode('gpu' as 'js')).toThrow(/must be 'auto', 'js' or 'wasm'; got 'gpu'/);
    const run = (value: string) =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@termgrad/source',
          '-e',
          "import('@termgrad/tensor').then((t) => console.log(t.kernelInfo().mode))",
        ],
        {
          cwd: pkg,
          env: { ...process.env, TERMGRAD_KERNELS: value },
          stdio: 'pipe',
        },
      )
        .toString()
        .trim();
    expect(run('js')).toBe('js');
    expect(() => run('fast')).toThrow(
      /TERMGRAD_KERNELS must be 'auto', 'js' or 'wasm'; got 'fast'/,
    );
  }, 60_000);
});
