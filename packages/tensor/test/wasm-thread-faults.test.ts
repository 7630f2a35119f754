/**
 * The failure paths of the threaded float32 matmul (src/wasm/threads.ts): a worker whose product
 * throws, and a worker that never answers. Each must end in one TensorError naming what happened
 * (not a hang, not a silently wrong C), and the next product must start fresh workers and give the
 * one-thread bits again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  kernelInfo,
  matmul,
  Random,
  setKernelThreads,
  stopKernelThreads,
  Tensor,
  TensorError,
} from '../src/index.js';
import { injectThreadFault } from '../src/wasm/threads.js';

const rng = new Random(91);
const f32 = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
const a = new Tensor(f32(16 * 24), [16, 24]);
const b = new Tensor(f32(24 * 20), [24, 20]);

afterEach(() => {
  injectThreadFault();
  setKernelThreads('auto');
  stopKernelThreads();
});

/** The product on the calling thread alone (the reference bits). */
function oneThread(): number[] {
  setKernelThreads(1);
  return Array.from(matmul(a, b).data);
}

describe('threaded matmul when a worker fails', () => {
  it('runs on WebAssembly here (the threaded path exists only there)', () => {
    expect(kernelInfo().wasmAvailable).toBe(true);
  });

  it('a worker whose product throws: one TensorError, then fresh workers give the right bits', () => {
    const expected = oneThread();
    injectThreadFault('throw');
    setKernelThreads(2);
    let error: unknown;
    try {
      matmul(a, b);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TensorError);
    expect((error as Error).message).toBe(
      'matmul: a matmul worker thread failed (its error is on stderr)',
    );
    injectThreadFault();
    expect(Array.from(matmul(a, b).data)).toEqual(expected);
  }, 60_000);

  it('a worker that never answers: a TensorError after the wait, not a hang; then it works again', () => {
    const expected = oneThread();
    injectThreadFault('hang', 300);
    setKernelThreads(3);
    const t0 = Date.now();
    expect(() => matmul(a, b)).toThrow(
      /^matmul: worker threads did not answer within 0\.3 s; expected 2 results, got 0$/,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    injectThreadFault();
    expect(Array.from(matmul(a, b).data)).toEqual(expected);
  }, 60_000);
});
