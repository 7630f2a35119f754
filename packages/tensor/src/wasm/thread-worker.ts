// Worker thread of the multi-threaded matmul (threads.ts): its own WebAssembly kernel instance,
// woken through Atomics for each product; computes its block of rows of C in the shared heap.
import { workerData } from 'node:worker_threads';
import { GEMM_SET, wasmGemm } from './gemm-wasm.js';
import { wasmKernels } from './loader.js';
import { CTL, type MatmulWorkerData, rowsOf, THREAD_STOP } from './threads.js';

const { slot, threads, ctl, heap, fault } = workerData as MatmulWorkerData;
// Generation 0 is the initial state: a worker that starts after the first command still sees it.
let seen = 0;
for (;;) {
  Atomics.wait(ctl, CTL.GEN, seen);
  seen = Atomics.load(ctl, CTL.GEN);
  if (Atomics.load(ctl, CTL.CMD) === THREAD_STOP) break;
  if (fault === 'hang') continue; // tests of the time-out: never answer
  try {
    if (fault === 'throw') throw new Error('simulated worker fault (test)');
    if (wasmKernels === null) throw new Error('WebAssembly SIMD is unavailable in this worker');
    const m = Atomics.load(ctl, CTL.M);
    const n = Atomics.load(ctl, CTL.N);
    const k = Atomics.load(ctl, CTL.K);
    const [lo, hi] = rowsOf(m, slot, threads);
    const bAt = m * k;
    const cAt = bAt + k * n;
    if (hi > lo)
      wasmGemm(
        wasmKernels,
        hi - lo,
        n,
        k,
        heap,
        lo * k,
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
  } catch (e) {
    console.error(e);
    Atomics.store(ctl, CTL.FAILED, 1);
  }
  Atomics.add(ctl, CTL.DONE, 1);
  Atomics.notify(ctl, CTL.DONE);
}
