import { TensorError } from '../errors.js';
import type { TypedArray } from '../tensor.js';
import { GEMM_SET, wasmGemm } from './gemm-wasm.js';
import type { WasmKernels } from './loader.js';

// Multi-threaded float32 matmul: the calling thread and `threads − 1` worker_threads each run the
// WebAssembly kernels on a contiguous block of rows of C. Operands are staged once into
// SharedArrayBuffers; workers are woken with Atomics and never exchange messages.

const GEN = 0;
const CMD = 1;
const M = 2;
const N = 3;
const K = 4;
const DONE = 5;
const FAILED = 6;
/** Worker command: compute your rows. @internal */
export const THREAD_STEP = 1;
/** Worker command: exit. @internal */
export const THREAD_STOP = 2;

/** What a matmul worker receives. @internal */
export interface MatmulWorkerData {
  slot: number;
  threads: number;
  ctl: Int32Array;
  /** Holds the staged A, B and C; replaced (with a new generation of workers) when too small. */
  heap: Float32Array;
  /** A fault to simulate (tests of the failure paths only; see {@link injectThreadFault}). */
  fault?: ThreadFault;
}

/** A worker fault the tests simulate: `throw` fails the product, `hang` never answers. @internal */
export type ThreadFault = 'throw' | 'hang';

let fault: ThreadFault | undefined;
let timeoutMs = 60_000;

/**
 * Makes the workers started from now on fail every product (`'throw'`) or never answer (`'hang'`),
 * and shortens the wait for them; `injectThreadFault()` restores normal workers and the 60 s wait.
 * Exists so the failure and time-out paths of {@link threadedGemm} are tested. @internal
 */
export function injectThreadFault(kind?: ThreadFault, waitMs = 60_000): void {
  stopThreads();
  fault = kind;
  timeoutMs = waitMs;
}

/** Rows [lo, hi) of C computed by `slot` of `threads` (contiguous blocks, multiples of 4 rows). @internal */
export function rowsOf(m: number, slot: number, threads: number): [number, number] {
  const quads = Math.ceil(m / 4);
  const lo = Math.min(m, 4 * Math.floor((quads * slot) / threads));
  const hi = Math.min(m, 4 * Math.floor((quads * (slot + 1)) / threads));
  return [lo, hi];
}

interface Pool {
  threads: number;
  workers: { terminate(): Promise<number>; unref(): void }[];
  ctl: Int32Array;
  heap: Float32Array;
}

let pool: Pool | null = null;

function nodeBuiltin<T>(id: string): T {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') {
    throw new TensorError(
      'kernels',
      'threads > 1 needs Node.js ≥ 20.16 (worker_threads); got a runtime without process.getBuiltinModule',
    );
  }
  return proc.getBuiltinModule(id) as T;
}

function spawn(data: MatmulWorkerData): { terminate(): Promise<number>; unref(): void } {
  const { Worker } = nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./thread-worker.js', import.meta.url), { workerData: data });
  // From TypeScript sources (tests, tsx) register tsx inside the worker before importing the .ts entry.
  const { createRequire } = nodeBuiltin<typeof import('node:module')>('node:module');
  const path = nodeBuiltin<typeof import('node:path')>('node:path');
  const { pathToFileURL } = nodeBuiltin<typeof import('node:url')>('node:url');
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./thread-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
  return new Worker(code, {
    eval: true,
    workerData: data,
    execArgv: ['--conditions=@termgrad/source'],
  });
}

/** Starts (or reuses) a pool of `threads − 1` workers whose shared heap holds `floats` floats. */
function ensurePool(threads: number, floats: number): Pool {
  if (pool !== null && pool.threads === threads && pool.heap.length >= floats) return pool;
  stopThreads();
  const ctl = new Int32Array(new SharedArrayBuffer(4 * 8));
  const heap = new Float32Array(new SharedArrayBuffer(4 * Math.max(floats, 1 << 18)));
  const workers = [];
  for (let slot = 1; slot < threads; slot++) {
    const w = spawn(
      fault === undefined ? { slot, threads, ctl, heap } : { slot, threads, ctl, heap, fault },
    );
    w.unref(); // never keeps the process alive
    workers.push(w);
  }
  pool = { threads, workers, ctl, heap };
  return pool;
}

/** Stops the matmul worker threads, if any (they restart on the next threaded product). */
export function stopThreads(): void {
  if (pool === null) return;
  const { ctl, workers } = pool;
  Atomics.store(ctl, CMD, THREAD_STOP);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
  for (const w of workers) void w.terminate();
  pool = null;
}

/**
 * C[m×n] (row stride n at cOff) = A·B on `threads` threads. A and B are staged contiguously into
 * the shared heap (one pass over each), every thread multiplies its row block on its own
 * WebAssembly instance, and the result is copied out once. @internal
 */
export function threadedGemm(
  w: WasmKernels,
  threads: number,
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
  const aAt = 0;
  const bAt = m * k;
  const cAt = bAt + k * n;
  const p = ensurePool(threads, cAt + m * n);
  const heap = p.heap;
  stageContiguous(heap, aAt, a, aOff, m, k, aRs, aCs);
  stageContiguous(heap, bAt, b, bOff, k, n, bRs, bCs);
  const ctl = p.ctl;
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, FAILED, 0);
  Atomics.store(ctl, M, m);
  Atomics.store(ctl, N, n);
  Atomics.store(ctl, K, k);
  Atomics.store(ctl, CMD, THREAD_STEP);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
  const [lo, hi] = rowsOf(m, 0, threads);
  if (hi > lo)
    wasmGemm(
      w,
      hi - lo,
      n,
      k,
      heap,
      aAt + lo * k,
      k,
      1,
      heap,
      bAt,
      n,
      1,
      heap,
      cAt + lo * n,
      n,
      GEMM_SET,
    );
  const pending = threads - 1;
  for (let done = Atomics.load(ctl, DONE); done < pending; done = Atomics.load(ctl, DONE)) {
    if (Atomics.wait(ctl, DONE, done, timeoutMs) === 'timed-out') {
      stopThreads();
      throw new TensorError(
        'matmul',
        `worker threads did not answer within ${timeoutMs / 1000} s; expected ${pending} results, got ${done}`,
      );
    }
  }
  if (Atomics.load(ctl, FAILED) !== 0) {
    stopThreads();
    throw new TensorError('matmul', 'a matmul worker thread failed (its error is on stderr)');
  }
  c.set(heap.subarray(cAt, cAt + m * n), cOff);
}

function stageContiguous(
  dst: Float32Array,
  at: number,
  src: TypedArray,
  off: number,
  r: number,
  s: number,
  rs: number,
  cs: number,
): void {
  if (cs === 1 && rs === s) {
    dst.set(src.subarray(off, off + r * s), at);
    return;
  }
  let d = at;
  for (let i = 0; i < r; i++) {
    const row = off + i * rs;
    if (cs === 1) {
      dst.set(src.subarray(row, row + s), d);
      d += s;
    } else for (let j = 0; j < s; j++) dst[d++] = src[row + j * cs] as number;
  }
}

/** Control-word indices shared with thread-worker.ts. @internal */
export const CTL = { GEN, CMD, M, N, K, DONE, FAILED } as const;
