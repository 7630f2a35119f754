import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  kernelInfo,
  matmul,
  Random,
  setKernelThreads,
  Tensor,
  THREAD_MIN_WORK,
  transpose,
} from '../src/index.js';
import { threadsFor } from '../src/kernels.js';
import { rowsOf } from '../src/wasm/threads.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function f32(rng: Random, shape: [number, number]): Tensor {
  const data = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-1, 1);
  return new Tensor(data, shape);
}

afterAll(() => setKernelThreads('auto'));

describe('multi-threaded float32 matmul', () => {
  it('splits the rows into contiguous blocks of whole 4-row tiles that cover C exactly', () => {
    for (const [m, t] of [
      [67, 2],
      [8, 3],
      [1000, 7],
      [5, 4],
    ] as const) {
      let next = 0;
      for (let s = 0; s < t; s++) {
        const [lo, hi] = rowsOf(m, s, t);
        expect(lo).toBe(next);
        if (hi < m) expect(hi % 4).toBe(0);
        next = hi;
      }
      expect(next).toBe(m);
    }
  });

  it('gives bit-identical results to one thread (odd sizes, a transposed operand, a heap that must grow)', () => {
    const rng = new Random(3);
    const cases: [Tensor, Tensor][] = [
      [f32(rng, [67, 257]), f32(rng, [257, 131])],
      [f32(rng, [67, 257]), transpose(f32(rng, [131, 257]))],
      [f32(rng, [600, 600]), f32(rng, [600, 600])], // 1.08M floats staged: more than the first heap
    ];
    for (const [a, b] of cases) {
      setKernelThreads(1);
      const one = matmul(a, b);
      for (const t of [2, 3]) {
        setKernelThreads(t);
        expect(kernelInfo().threads).toBe(t);
        const many = matmul(a, b);
        expect(Buffer.from(many.data.buffer).equals(Buffer.from(one.data.buffer))).toBe(true);
      }
    }
  }, 60_000);

  it("'auto' (the default) threads large products only, on every core; 1 and n force either path", async () => {
    const { availableParallelism } = await import('node:os');
    const cores = Math.min(8, availableParallelism());
    setKernelThreads('auto');
    expect(kernelInfo().threads).toBe('auto');
    expect(kernelInfo().largeThreads).toBe(cores);
    expect(threadsFor(320, 320, 320)).toBe(cores);
    expect(320 ** 3).toBe(THREAD_MIN_WORK);
    expect(threadsFor(320, 320, 319)).toBe(1);
    expect(threadsFor(4, 4096, 4096)).toBe(1); // fewer than 8 rows: one thread
    setKernelThreads(1);
    expect(threadsFor(1024, 1024, 1024)).toBe(1);
    setKernelThreads(2);
    expect(threadsFor(8, 64, 64)).toBe(2);
    setKernelThreads('auto');
  });

  it('both paths agree with a float64 reference to float32 rounding (auto-threaded size and forced one thread)', () => {
    const rng = new Random(9);
    const [m, k, n] = [331, 347, 337]; // ≥ 320³ multiply-adds: 'auto' threads it where there are cores
    const a = f32(rng, [m, k]);
    const b = f32(rng, [k, n]);
    const ref = new Float64Array(m * n);
    const abs = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let p = 0; p < k; p++) {
        const x = a.data[i * k + p]!;
        for (let j = 0; j < n; j++) {
          const v = x * b.data[p * n + j]!;
          ref[i * n + j] = ref[i * n + j]! + v;
          abs[i * n + j] = abs[i * n + j]! + Math.abs(v);
        }
      }
    const results = [];
    for (const t of ['auto', 1, 2] as const) {
      setKernelThreads(t);
      results.push(matmul(a, b));
    }
    setKernelThreads('auto');
    for (const c of results) {
      // float32 accumulation over k terms: |error| ≤ k·2⁻²⁴·Σ|aᵢₚbₚⱼ| (γ_k bound), checked per entry
      for (let i = 0; i < m * n; i++)
        expect(Math.abs(c.data[i]! - ref[i]!)).toBeLessThanOrEqual(k * 2 ** -24 * abs[i]! + 1e-30);
    }
    // the threaded and one-thread results are the same bits (whole rows per thread, same kernel)
    expect(Buffer.from(results[2]!.data.buffer).equals(Buffer.from(results[1]!.data.buffer))).toBe(
      true,
    );
  }, 60_000);

  it('rejects a bad thread count, from the API and from TERMGRAD_THREADS', () => {
    expect(() => setKernelThreads(0)).toThrow(/must be 'auto' or an integer in 1\.\.64; got 0/);
    expect(() => setKernelThreads(2.5)).toThrow(/must be 'auto' or an integer in 1\.\.64/);
  });

  it('never keeps the process alive: a script that multiplies on 2 threads exits without cleanup', async () => {
    const script = `
      import { Random, Tensor, matmul, kernelInfo } from '@termgrad/tensor';
      const rng = new Random(1);
      const t = () => new Tensor(Float32Array.from({ length: 256 * 256 }, () => rng.uniform(-1, 1)), [256, 256]);
      const c = matmul(t(), t());
      console.log(kernelInfo().threads, c.shape.join('x'));
    `;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--conditions=@termgrad/source', '--input-type=module', '-e', script],
        { cwd: pkg, timeout: 30_000, env: { ...process.env, TERMGRAD_THREADS: '2' } },
        (err, stdout) => (err ? reject(err) : resolve(stdout.trim())),
      );
    });
    expect(out).toBe('2 256x256');
  }, 60_000);
});
