import { TensorError } from './errors.js';
import { gemm } from './matmul-kernel.js';
import type { TypedArray } from './tensor.js';
import { GEMM_ADD, GEMM_BIAS, GEMM_SET, wasmGemm } from './wasm/gemm-wasm.js';
import { type WasmKernels, wasmKernels, wasmUnavailableReason } from './wasm/loader.js';
import { stopThreads } from './wasm/threads.js';

/** Which float32 kernels run: chosen per call (`'auto'`), or forced to one path. */
export type KernelMode = 'auto' | 'js' | 'wasm';

/** How {@link gemmF32} combines the product with C. */
export type GemmCombine = 'set' | 'add' | 'bias';

/** The current kernel selection, as reported by {@link kernelInfo}. */
export interface KernelInfo {
  /** The requested mode (`TERMGRAD_KERNELS`, or the last {@link setKernelMode}). */
  readonly mode: KernelMode;
  /** Whether the WebAssembly SIMD kernels loaded in this runtime. */
  readonly wasmAvailable: boolean;
  /** Why they did not load, when they did not. */
  readonly reason?: string;
  /** Threads setting of float32 `matmul` ({@link setKernelThreads}, `TERMGRAD_THREADS`): 'auto' or a forced count. */
  readonly threads: number | 'auto';
  /** Threads a large float32 `matmul` uses under that setting on this machine. */
  readonly largeThreads: number;
}

/**
 * Below this many multiply-adds (m·n·k) the JavaScript kernels win in `'auto'` mode: staging
 * operands into WebAssembly memory costs more than the SIMD saves (measured crossover ≈ 8³–16³
 * on a 2.1 GHz Xeon; see bench/run.ts).
 */
export const WASM_MIN_WORK = 4096;

/**
 * In `'auto'` threads mode, float32 matmuls of at least this many multiply-adds (m·n·k = 320³) run
 * on every core: below it staging the operands for the threads costs more than the second core
 * saves (2 threads ÷ 1 on a 2-core EPYC, idle: n = 256 0.89×, 320 1.26×, 512 1.66×).
 */
export const THREAD_MIN_WORK = 320 * 320 * 320;

let wasm: WasmKernels | null = wasmKernels;
let mode: KernelMode = parseMode(readEnv('TERMGRAD_KERNELS'));
let threads = parseThreads('TERMGRAD_THREADS', readEnv('TERMGRAD_THREADS'));

function readEnv(name: string): string | undefined {
  const env = typeof process === 'object' && process !== null ? process.env : undefined;
  return env?.[name];
}

function parseThreads(what: string, value: string | number | undefined): number | 'auto' {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new TensorError(
      'kernels',
      `${what} must be 'auto' or an integer in 1..64; got ${String(value)}`,
    );
  return n;
}

/** Cores this process may use (os.availableParallelism; 1 outside Node), at most 8. */
function cores(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return 1;
  const os = proc.getBuiltinModule('node:os') as
    | { availableParallelism?: () => number }
    | undefined;
  return Math.max(1, Math.min(8, os?.availableParallelism?.() ?? 1));
}

/**
 * How many threads a float32 `matmul` on the WebAssembly kernels uses: `'auto'` (the default) runs
 * products of at least {@link THREAD_MIN_WORK} multiply-adds on every core
 * (`os.availableParallelism()`, at most 8) and smaller ones on this thread; `1` forces one thread
 * at every size; `n > 1` forces n threads for every product with at least 8 rows (this thread plus
 * n − 1 worker_threads, started on first use and reused; they never keep the process alive).
 * `TERMGRAD_THREADS=auto|n` sets the same at import. Node only; results are bit-identical to one
 * thread (each thread computes whole rows of C with the same kernel). The MLP's kernels
 * ({@link gemmF32}) always run on the calling thread: `MLP.fit({ workers })` parallelises them.
 * @throws {TensorError} unless n is 'auto' or an integer in 1..64.
 */
export function setKernelThreads(n: number | 'auto'): void {
  threads = parseThreads('setKernelThreads: n', n);
}

/** Stops the matmul worker threads now (they start again on the next threaded product). */
export function stopKernelThreads(): void {
  stopThreads();
}

/** Threads a float32 matmul of m·n·k multiply-adds will use under the current settings. @internal */
export function threadsFor(m: number, n: number, k: number): number {
  if (m < 8 || !useWasmKernels(m, n, k)) return 1;
  if (threads === 'auto') return m * n * k >= THREAD_MIN_WORK ? cores() : 1;
  return threads;
}

function parseMode(value: string | undefined): KernelMode {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'js' || value === 'wasm') {
    if (value === 'wasm' && wasm === null) {
      throw new TensorError(
        'kernels',
        `TERMGRAD_KERNELS=wasm but WebAssembly SIMD is unavailable (${wasmUnavailableReason})`,
      );
    }
    return value;
  }
  throw new TensorError(
    'kernels',
    `TERMGRAD_KERNELS must be 'auto', 'js' or 'wasm'; got '${value}'`,
  );
}

/**
 * Forces the float32 kernels to one path, or back to the automatic choice. The environment
 * variable `TERMGRAD_KERNELS=auto|js|wasm` sets the same thing at import.
 * @throws {TensorError} for an unknown mode, or `'wasm'` where WebAssembly SIMD is unavailable.
 * @example
 * ```ts
 * setKernelMode('js'); // reproduce results of the pure-JavaScript path
 * ```
 */
export function setKernelMode(next: KernelMode): void {
  mode = parseMode(next as string);
}

/** The requested kernel mode and whether WebAssembly SIMD is available. */
export function kernelInfo(): KernelInfo {
  const largeThreads = wasm === null || mode === 'js' ? 1 : threads === 'auto' ? cores() : threads;
  return wasm === null
    ? { mode, wasmAvailable: false, reason: wasmUnavailableReason, threads, largeThreads }
    : { mode, wasmAvailable: true, threads, largeThreads };
}

/**
 * Whether a float32 product of m·n·k multiply-adds runs on WebAssembly under the current mode:
 * always with `'wasm'`, never with `'js'`, and in `'auto'` when the kernels loaded and the product
 * is big enough for SIMD to beat the staging cost. Models use it to pick between their own fused
 * JavaScript loops and {@link gemmF32}.
 */
export function useWasmKernels(m: number, n: number, k: number): boolean {
  if (wasm === null || mode === 'js' || m === 0 || n === 0 || k === 0) return false;
  return mode === 'wasm' || (m * n * k >= WASM_MIN_WORK && m > 1 && n > 1);
}

/**
 * Single-precision general matrix product, the kernel interface models build on:
 * `C = A·B`, `C += A·B` or `C = A·B + bias` for an m×k A and k×n B read through element strides
 * (row stride, column stride — pass `1, m` for a transposed row-major operand) and a row-major C
 * with row stride `ldc`. Runs on WebAssembly SIMD when {@link useWasmKernels} says so, otherwise
 * in JavaScript (float64 accumulation, rounded once); both agree to float32 rounding.
 * @throws {TensorError} when the arrays are too short for the sizes and strides given.
 */
export function gemmF32(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  aRs: number,
  aCs: number,
  b: Float32Array,
  bOff: number,
  bRs: number,
  bCs: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  combine: GemmCombine = 'set',
  bias?: Float32Array,
): void {
  if (m === 0 || n === 0) return;
  checkExtent('a', a, aOff, m, k, aRs, aCs);
  checkExtent('b', b, bOff, k, n, bRs, bCs);
  checkExtent('c', c, cOff, m, n, ldc, 1);
  if (combine === 'bias' && (bias === undefined || bias.length < n)) {
    throw new TensorError(
      'gemmF32',
      `bias must hold n = ${n} values; got ${bias === undefined ? 'none' : bias.length}`,
    );
  }
  const code = combine === 'set' ? GEMM_SET : combine === 'add' ? GEMM_ADD : GEMM_BIAS;
  if (k > 0 && useWasmKernels(m, n, k)) {
    wasmGemm(
      wasm as WasmKernels,
      m,
      n,
      k,
      a,
      aOff,
      aRs,
      aCs,
      b,
      bOff,
      bRs,
      bCs,
      c,
      cOff,
      ldc,
      code,
      bias,
    );
    return;
  }
  jsGemmF32(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, code, bias);
}

let scratch = new Float32Array(0);

function jsGemmF32(
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
  code: number,
  bias?: Float32Array,
): void {
  if (code === GEMM_SET && ldc === n) {
    gemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff);
    return;
  }
  if (scratch.length < m * n) scratch = new Float32Array(m * n);
  gemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, scratch, 0);
  for (let i = 0; i < m; i++) {
    const o = cOff + i * ldc;
    const s = i * n;
    if (code === GEMM_SET) for (let j = 0; j < n; j++) c[o + j] = scratch[s + j] as number;
    else if (code === GEMM_ADD)
      for (let j = 0; j < n; j++) c[o + j] = (c[o + j] as number) + (scratch[s + j] as number);
    else
      for (let j = 0; j < n; j++)
        c[o + j] = (scratch[s + j] as number) + ((bias as Float32Array)[j] as number);
  }
}

function checkExtent(
  name: string,
  arr: Float32Array,
  off: number,
  r: number,
  s: number,
  rs: number,
  cs: number,
): void {
  if (r === 0 || s === 0) return;
  const lo = off + Math.min(0, (r - 1) * rs) + Math.min(0, (s - 1) * cs);
  const hi = off + Math.max(0, (r - 1) * rs) + Math.max(0, (s - 1) * cs);
  if (lo < 0 || hi >= arr.length || !Number.isInteger(lo) || !Number.isInteger(hi)) {
    throw new TensorError(
      'gemmF32',
      `${name} is too short for ${r}×${s} at offset ${off} with strides [${rs},${cs}]; expected at least ${hi + 1} elements, got ${arr.length}`,
    );
  }
}

/** Replaces the kernel instance (tests simulate a runtime without SIMD by passing null). @internal */
export function setWasmKernelsForTesting(next: WasmKernels | null): void {
  wasm = next;
}

/** The active kernel instance, if any. @internal */
export function activeWasmKernels(): WasmKernels | null {
  return wasm;
}
