import type { Worker } from 'node:worker_threads';
import { type KernelMode, kernelInfo } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import type { MLP } from './mlp.js';
import { sumGradientIndexed } from './mlp-internal.js';

type Buf = Float64Array | Float32Array;

// Control words in a shared Int32Array.
/** Bumped by the main thread for every command. @internal */
export const GEN = 0;
/** STEP or STOP. @internal */
export const CMD = 1;
/** Rows in the current batch. @internal */
export const COUNT = 2;
/** Shares of the current batch finished. @internal */
export const DONE = 3;
/** 0, or the slot (≥ 1) of the first worker that failed; its message is in the error buffer. @internal */
export const FAILED = 4;
/** Next share of the current batch to claim (Atomics.add). @internal */
export const NEXT = 5;
/** Bytes of the failure message. @internal */
export const ERRLEN = 6;
/** Workers that entered their loop (start-up, tests). @internal */
export const READY = 7;
/** Command: compute shares of the batch. @internal */
export const CMD_STEP = 1;
/** Command: leave the loop. @internal */
export const CMD_STOP = 2;
/** Capacity of the shared failure message. @internal */
export const ERR_BYTES = 2048;

/** Injected failures for the tests of the failure paths. @internal */
export type WorkerFault = 'throw' | 'exit' | 'hang' | 'load';

/** What a gradient worker receives (all typed arrays live on SharedArrayBuffers). @internal */
export interface GradientWorkerData {
  json: string;
  slot: number;
  workers: number;
  kernelMode: KernelMode;
  X: Buf;
  T: Buf;
  params: Buf;
  grads: Buf;
  losses: Float64Array;
  indices: Int32Array;
  ctl: Int32Array;
  err: Uint8Array;
  fault?: WorkerFault;
}

/** Internal knobs of {@link GradientWorkers} (tests of the failure paths). @internal */
export interface GradientWorkersOptions {
  /** Give up when no share finishes for this long (default 30 000 ms). */
  timeoutMs?: number;
  /** Whether the calling thread computes shares too (default true; tests of a hung worker turn it off). */
  selfShare?: boolean;
  /** A failure the workers inject (tests). */
  fault?: WorkerFault;
}

function shared(dtype: 'float32' | 'float64', n: number): Buf {
  return dtype === 'float32'
    ? new Float32Array(new SharedArrayBuffer(4 * n))
    : new Float64Array(new SharedArrayBuffer(8 * n));
}

/**
 * Writes a worker's failure into the shared control block (first failure wins) and wakes the
 * main thread. Used by the worker loop, its exit handler and the start-up bootstrap. @internal
 */
export function reportFailure(
  ctl: Int32Array,
  err: Uint8Array,
  slot: number,
  message: string,
): void {
  if (Atomics.compareExchange(ctl, FAILED, 0, slot) !== 0) return;
  const bytes = new TextEncoder().encode(message.slice(0, ERR_BYTES / 2));
  const n = Math.min(bytes.length, err.length);
  err.set(bytes.subarray(0, n));
  Atomics.store(ctl, ERRLEN, n);
  Atomics.notify(ctl, DONE);
  Atomics.notify(ctl, READY);
}

/**
 * Starts one gradient worker. From the built package the entry is dist/mlp-worker.js; from
 * TypeScript sources (tests, `tsx` dev runs) the bootstrap registers tsx's loader inside the worker
 * first (a worker's entry module is loaded before `--import` hooks apply). Either way the bootstrap
 * reports an entry that fails to load through the shared control block, so the main thread (which
 * is blocked in Atomics.wait and cannot receive 'error' events) sees it at once.
 */
function spawn(data: GradientWorkerData): Worker {
  // Node built-ins are loaded on first use so that importing @termgrad/models stays browser-safe.
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof node?.getBuiltinModule !== 'function') {
    throw new ModelError(
      'MLP.fit',
      'workers > 1 needs Node.js ≥ 20.16 (worker_threads); got a runtime without process.getBuiltinModule',
    );
  }
  const { Worker } = node.getBuiltinModule(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const { createRequire } = node.getBuiltinModule('node:module') as typeof import('node:module');
  const path = node.getBuiltinModule('node:path') as typeof import('node:path');
  const { pathToFileURL } = node.getBuiltinModule('node:url') as typeof import('node:url');
  const fromSource = import.meta.url.endsWith('.ts');
  const entry =
    data.fault === 'load'
      ? new URL('./mlp-worker-missing.js', import.meta.url).href
      : new URL(fromSource ? './mlp-worker.ts' : './mlp-worker.js', import.meta.url).href;
  let prelude = 'Promise.resolve()';
  if (fromSource) {
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    prelude = `import(${JSON.stringify(api)}).then((m) => m.register())`;
  }
  // On a failed start: the same protocol as reportFailure (FAILED = slot, message, wake DONE).
  const code = `const { workerData: d } = require('node:worker_threads');
${prelude}.then(() => import(${JSON.stringify(entry)})).catch((e) => {
  if (Atomics.compareExchange(d.ctl, ${FAILED}, 0, d.slot) === 0) {
    const b = new TextEncoder().encode(String(e && e.message || e).slice(0, ${ERR_BYTES / 2}));
    const n = Math.min(b.length, d.err.length);
    d.err.set(b.subarray(0, n));
    Atomics.store(d.ctl, ${ERRLEN}, n);
  }
  Atomics.notify(d.ctl, ${DONE});
  Atomics.notify(d.ctl, ${READY});
});`;
  return new Worker(code, {
    eval: true,
    workerData: data,
    ...(fromSource ? { execArgv: ['--conditions=@termgrad/source'] } : {}),
  });
}

/** Rows [lo, hi) of share `share` of `shares` of a batch of `count` rows (contiguous, fixed). @internal */
export function shareOf(count: number, share: number, shares: number): [number, number] {
  return [Math.floor((count * share) / shares), Math.floor((count * (share + 1)) / shares)];
}

/**
 * Data-parallel gradients for `MLP.fit({ workers })`. Every mini-batch is cut into `workers`
 * fixed contiguous shares; the calling thread and `workers − 1` worker threads claim shares with
 * an atomic counter (so a thread the OS has not scheduled yet never holds the step up: whoever is
 * running takes the next share), each writes the summed gradient of its share into that share's
 * own slot, and the slots are added in share order 0, 1, … Which thread computed which share does
 * not change a bit of the result, so a run is reproducible for a given worker count.
 * Training data, parameters and per-share gradients live in SharedArrayBuffers (the data set is
 * copied in once); a step copies the parameters out once and wakes the workers with
 * Atomics.notify — no messages, no per-step allocation. Threads start once per pool and are
 * reused; they are unref'd, so an aborted process never waits for them, and {@link close}
 * stops them. A worker that throws, exits or fails to start makes the next {@link step} throw a
 * ModelError naming the worker and its error; a claimed share unfinished after `timeoutMs` too.
 * @internal
 */
export class GradientWorkers {
  private readonly threads: Worker[] = [];
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * 8));
  private readonly err = new Uint8Array(new SharedArrayBuffer(ERR_BYTES));
  private readonly params: Buf;
  private readonly grads: Buf;
  private readonly losses: Float64Array;
  private readonly indices: Int32Array;
  private readonly X: Buf;
  private readonly T: Buf;
  private readonly total: number;
  private readonly timeoutMs: number;
  private readonly selfShare: boolean;
  private closed = false;

  constructor(
    private readonly model: MLP,
    X: Buf,
    T: Buf,
    private readonly workers: number,
    batchSize: number,
    options: GradientWorkersOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.selfShare = options.selfShare ?? true;
    const dtype = model.dtype;
    const sizes = model.parameters().map((p) => p.length);
    this.total = sizes.reduce((a, b) => a + b, 0);
    this.X = shared(dtype, X.length);
    this.X.set(X);
    this.T = shared(dtype, T.length);
    this.T.set(T);
    this.params = shared(dtype, this.total);
    this.grads = shared(dtype, this.total * workers);
    this.losses = new Float64Array(new SharedArrayBuffer(8 * workers));
    this.indices = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, batchSize)));
    // no share is claimable until the first step
    Atomics.store(this.ctl, NEXT, workers);
    const json = JSON.stringify(model.toJSON());
    const kernelMode = kernelInfo().mode;
    for (let slot = 1; slot < workers; slot++) {
      const data: GradientWorkerData = {
        json,
        slot,
        workers,
        kernelMode,
        X: this.X,
        T: this.T,
        params: this.params,
        grads: this.grads,
        losses: this.losses,
        indices: this.indices,
        ctl: this.ctl,
        err: this.err,
        ...(options.fault === undefined ? {} : { fault: options.fault }),
      };
      const w = spawn(data);
      w.unref();
      this.threads.push(w);
    }
  }

  /**
   * Leaves the batch mean of ∂E/∂w, ∂E/∂b (no penalty) in `model.gradients()` for the rows
   * `batch` of the training data, and returns the batch's mean data loss.
   * @throws {ModelError} when a worker failed, timed out, or the pool is closed (a failure closes it).
   */
  step(batch: Int32Array): number {
    if (this.closed) throw new ModelError('MLP.fit', 'the worker pool is closed');
    this.checkFailed();
    const count = batch.length;
    if (count > this.indices.length)
      throw new ModelError(
        'MLP.fit',
        `batch of ${count} rows exceeds the pool's batch size ${this.indices.length}`,
      );
    const W = this.workers;
    this.indices.set(batch);
    let o = 0;
    for (const p of this.model.parameters()) {
      this.params.set(p, o);
      o += p.length;
    }
    const ctl = this.ctl;
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, COUNT, count);
    Atomics.store(ctl, CMD, CMD_STEP);
    // Opening the shares publishes the parameters, indices and count written above.
    Atomics.store(ctl, NEXT, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    if (this.selfShare) {
      for (let s = Atomics.add(ctl, NEXT, 1); s < W; s = Atomics.add(ctl, NEXT, 1)) {
        this.computeShare(s, count);
        Atomics.add(ctl, DONE, 1);
      }
    }
    let last = Atomics.load(ctl, DONE);
    let since = performance.now();
    while (last < W && Atomics.load(ctl, FAILED) === 0) {
      Atomics.wait(ctl, DONE, last, 1000);
      const now = performance.now();
      const done = Atomics.load(ctl, DONE);
      if (done !== last) {
        last = done;
        since = now;
      } else if (now - since >= this.timeoutMs) {
        this.kill();
        throw new ModelError(
          'MLP.fit',
          `gradient workers did not answer within ${this.timeoutMs} ms; ${last} of ${W} shares of the batch finished`,
        );
      }
    }
    this.checkFailed();
    // fixed-order reduction: share 0, then 1, 2, … whoever computed them
    const g = this.grads;
    const total = this.total;
    let loss = 0;
    for (let s = 0; s < W; s++) loss += this.losses[s] as number;
    const inv = 1 / count;
    o = 0;
    for (const out of this.model.gradients()) {
      const len = out.length;
      if (W === 2) {
        for (let i = 0, j = o; i < len; i++, j++)
          out[i] = ((g[j] as number) + (g[j + total] as number)) * inv;
      } else {
        for (let i = 0, j = o; i < len; i++, j++) {
          let v = g[j] as number;
          for (let s = 1; s < W; s++) v += g[j + s * total] as number;
          out[i] = v * inv;
        }
      }
      o += len;
    }
    return loss * inv;
  }

  /** Share `s` on this thread: its summed gradient into slot s of the shared buffer. */
  private computeShare(s: number, count: number): void {
    const [lo, hi] = shareOf(count, s, this.workers);
    const out = this.grads.subarray(s * this.total, (s + 1) * this.total);
    if (hi === lo) {
      out.fill(0);
      this.losses[s] = 0;
      return;
    }
    this.losses[s] = sumGradientIndexed(this.model, this.X, this.T, this.indices, lo, hi - lo);
    let o = 0;
    for (const gr of this.model.gradients()) {
      out.set(gr, o);
      o += gr.length;
    }
  }

  /** Throws (and closes the pool) when a worker reported a failure. */
  private checkFailed(): void {
    const slot = Atomics.load(this.ctl, FAILED);
    if (slot === 0) return;
    const len = Atomics.load(this.ctl, ERRLEN);
    // decode a copy: TextDecoder rejects views of a SharedArrayBuffer
    const message = new TextDecoder().decode(this.err.slice(0, len)) || 'unknown error';
    this.kill();
    throw new ModelError(
      'MLP.fit',
      `gradient worker ${slot} of ${this.workers - 1} failed: ${message}`,
    );
  }

  /** Terminates the threads at once (a hung or failed worker may never read the stop command). */
  private kill(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, CMD, CMD_STOP);
    Atomics.store(this.ctl, NEXT, this.workers);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.threads) void w.terminate();
  }

  /** Stops the worker threads and waits for them to exit. Idempotent. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      Atomics.store(this.ctl, CMD, CMD_STOP);
      Atomics.store(this.ctl, NEXT, this.workers);
      Atomics.add(this.ctl, GEN, 1);
      Atomics.notify(this.ctl, GEN);
    }
    await Promise.all(
      this.threads.map(
        (w) =>
          new Promise<void>((resolve) =>
            w.threadId < 0 ? resolve() : (w.once('exit', () => resolve()), void w.terminate()),
          ),
      ),
    );
  }

  /** Blocks until every worker entered its loop or `ms` passed; returns how many did (tests, benches). @internal */
  waitReady(ms: number): number {
    const end = performance.now() + ms;
    for (
      let r = Atomics.load(this.ctl, READY);
      r < this.workers - 1 && Atomics.load(this.ctl, FAILED) === 0;
      r = Atomics.load(this.ctl, READY)
    ) {
      const left = end - performance.now();
      if (left <= 0) break;
      Atomics.wait(this.ctl, READY, r, left);
    }
    return Atomics.load(this.ctl, READY);
  }

  /** Number of live worker threads (tests). @internal */
  get threadCount(): number {
    return this.threads.length;
  }
}
