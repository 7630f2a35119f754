import { KERNELS_WASM_BASE64 } from './kernels-bytes.generated.js';

// The package compiles against lib ES2023 without DOM, which has no WebAssembly declarations:
// declare the small part the loader uses.
/** A WebAssembly linear memory (the subset used here). @internal */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (
        module: object,
        imports: Record<string, Record<string, unknown>>,
      ) => WasmInstance;
    }
  | undefined;

/** Signature of the exported `sgemm` (see src/wasm/assembly/sgemm.ts). @internal */
export type SgemmExport = (
  m: number,
  n: number,
  k: number,
  a: number,
  aRs: number,
  aCs: number,
  b: number,
  bRs: number,
  bCs: number,
  c: number,
  ldc: number,
  mode: number,
  bias: number,
) => void;

/** An instantiated kernel module with a bump heap for operands. @internal */
export interface WasmKernels {
  readonly memory: WasmMemory;
  readonly sgemm: SgemmExport;
  /** First byte after the packing workspace; operands are laid out from here on each call. */
  readonly heapStart: number;
  /** Float32 view of the whole memory; replaced whenever the memory grows. */
  f32: Float32Array;
}

/** Decodes base64 without Node's Buffer (the loader must also run in browsers). @internal */
export function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Compiles and instantiates kernel bytes synchronously. Returns the reason as a string instead of
 * throwing when WebAssembly, or its SIMD128 extension, is unavailable (the module then fails to
 * compile) — callers fall back to the JavaScript kernels. @internal
 */
export function instantiateKernels(bytes: Uint8Array): WasmKernels | string {
  if (
    typeof WebAssembly !== 'object' ||
    WebAssembly === null ||
    typeof WebAssembly.Module !== 'function'
  ) {
    return 'WebAssembly is not available in this runtime';
  }
  let instance: WasmInstance;
  try {
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error('termgrad wasm kernels aborted');
        },
      },
    });
  } catch (e) {
    return `WebAssembly SIMD kernels failed to compile: ${(e as Error).message}`;
  }
  const ex = instance.exports as Record<string, unknown>;
  const memory = ex.memory as WasmMemory;
  const heapBase = (ex.heapBase as () => number)();
  const workspace = (ex.workspaceBytes as () => number)();
  const ws = align(heapBase, 64);
  (ex.setWorkspace as (p: number) => void)(ws);
  const kernels: WasmKernels = {
    memory,
    sgemm: ex.sgemm as SgemmExport,
    heapStart: align(ws + workspace, 64),
    f32: new Float32Array(memory.buffer),
  };
  ensureHeap(kernels, 0);
  return kernels;
}

/** Grows the memory so that `bytes` bytes after heapStart are addressable; refreshes the view. @internal */
export function ensureHeap(k: WasmKernels, bytes: number): void {
  const need = k.heapStart + bytes;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  // A grown memory detaches the old ArrayBuffer: always re-view after growth.
  if (k.f32.buffer !== k.memory.buffer) k.f32 = new Float32Array(k.memory.buffer);
}

/** Rounds `x` up to a multiple of `to` (a power of two). @internal */
export function align(x: number, to: number): number {
  return (x + to - 1) & ~(to - 1);
}

const loaded = instantiateKernels(decodeBase64(KERNELS_WASM_BASE64));

/** The shared kernel instance, or null when WebAssembly SIMD is unavailable. @internal */
export const wasmKernels: WasmKernels | null = typeof loaded === 'string' ? null : loaded;

/** Why the kernels are unavailable (undefined when they loaded). @internal */
export const wasmUnavailableReason: string | undefined =
  typeof loaded === 'string' ? loaded : undefined;
