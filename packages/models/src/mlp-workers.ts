import type { Worker } from 'node:worker_threads';
import { ModelError } from './errors.js';
import { sumGradientRows } from './mlp-internal.js';
import type { MLP } from './mlp.js';

type Buf = Float64Array | Float32Array;

// Control words in a shared Int32Array.
const GEN = 0; // bumped by the main thread for every command
const CMD = 1; // STEP or STOP
const COUNT = 2; // rows in the current batch
const DONE = 3; // workers finished with the current generation
const FAILED = 4; // set by a worker whose step threw
/** Command: compute the gradient of your share of the batch. @internal */
export const CMD_STEP = 1;
/** Command: leave the loop. @internal */
export const CMD_STOP = 2;

/** What a gradient worker receives (all typed arrays live on SharedArrayBuffers). @internal */
export interface GradientWorkerData {
  json: string;
  slot: number;
  workers: number;
  X: Buf;
  T: Buf;
  params: Buf;
  grads: Buf;
  losses: Float64Array;
  indices: Int32Array;
  ctl: Int32Array;
}

function shared(dtype: 'float32' | 'float64', n: number): Buf {
  return dtype === 'float32' ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float64Array(new SharedArrayBuffer(8 * n));
}

/**
 * Starts one gradient worker. From the built package it is dist/mlp-worker.js; from TypeScript
 * sources (tests, `tsx` dev runs) a bootstrap registers tsx's loader inside the worker first
 * (a worker's entry module is loaded before `--import` hooks apply) and then imports the .ts file.
 */
function spawn(data: GradientWorkerData): Worker {
  // Node built-ins are loaded on first use so that importing @termgrad/models stays browser-safe.
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof node?.getBuiltinModule !== 'function') {
    throw new ModelError('MLP.fit', 'workers > 1 needs Node.js ≥ 20.16 (worker_threads); got a runtime without process.getBuiltinModule');
  }
  const { Worker } = node.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
  const { createRequire } = node.getBuiltinModule('node:module') as typeof import('node:module');
  const path = node.getBuiltinModule('node:path') as typeof import('node:path');
  const { pathToFileURL } = node.getBuiltinModule('node:url') as typeof import('node:url');
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./mlp-worker.js', import.meta.url), { workerData: data });
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./mlp-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
  return new Worker(code, { eval: true, workerData: data, execArgv: ['--conditions=@termgrad/source'] });
}

/** Rows [lo, hi) of a batch of `count` that share `slot` of `workers` computes (contiguous, fixed). @internal */
export function shareOf(count: number, slot: number, workers: number): [number, number] {
  return [Math.floor((count * slot) / workers), Math.floor((count * (slot + 1)) / workers)];
}

/**
 * Data-parallel gradients for `MLP.fit({ workers })`: `workers − 1` worker threads plus the calling
 * thread each compute the summed gradient of a fixed contiguous share of every mini-batch; the
 * shares are added in slot order 0, 1, …, so a run is reproducible for a given worker count.
 * Training data, parameters and per-slot gradients live in SharedArrayBuffers: a step copies the
 * parameters out once and wakes the workers with Atomics (no messages, no per-step allocation).
 * Threads start once per pool and are reused for every step; they are unref'd, so an aborted
 * process never waits for them, and {@link close} stops them.
 * @internal
 */
export class GradientWorkers {
  private readonly threads: Worker[] = [];
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * 8));
  private readonly params: Buf;
  private readonly grads: Buf;
  private readonly losses: Float64Array;
  private readonly indices: Int32Array;
  private readonly X: Buf;
  private readonly T: Buf;
  private readonly localX: Buf;
  private readonly localT: Buf;
  private readonly total: number;
  private closed = false;

  constructor(
    private readonly model: MLP,
    X: Buf,
    T: Buf,
    private readonly workers: number,
    batchSize: number,
  ) {
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
    const d = model.layers[0] as number;
    const K = model.layers[model.layers.length - 1] as number;
    const rows = Math.ceil(batchSize / workers) + 1;
    this.localX = dtype === 'float32' ? new Float32Array(rows * d) : new Float64Array(rows * d);
    this.localT = dtype === 'float32' ? new Float32Array(rows * K) : new Float64Array(rows * K);
    const json = JSON.stringify(model.toJSON());
    for (let slot = 1; slot < workers; slot++) {
      const data: GradientWorkerData = { json, slot, workers, X: this.X, T: this.T, params: this.params, grads: this.grads, losses: this.losses, indices: this.indices, ctl: this.ctl };
      const w = spawn(data);
      w.unref();
      this.threads.push(w);
    }
  }

  /**
   * Leaves the batch mean of ∂E/∂w, ∂E/∂b (no penalty) in `model.gradients()` for the rows
   * `batch` of the training data, and returns the batch's mean data loss.
   * @throws {ModelError} when a worker failed or the pool is closed.
   */
  step(batch: Int32Array): number {
    if (this.closed) throw new ModelError('MLP.fit', 'the worker pool is closed');
    const count = batch.length;
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
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    // slot 0 on this thread
    const [lo, hi] = shareOf(count, 0, this.workers);
    const loss0 = this.gatherAndSum(lo, hi);
    const pending = this.workers - 1;
    for (let done = Atomics.load(ctl, DONE); done < pending; done = Atomics.load(ctl, DONE)) {
      if (Atomics.wait(ctl, DONE, done, 30_000) === 'timed-out') {
        throw new ModelError('MLP.fit', `gradient workers did not answer within 30 s; expected ${pending} results, got ${done}`);
      }
    }
    if (Atomics.load(ctl, FAILED) !== 0) throw new ModelError('MLP.fit', 'a gradient worker failed (see its error on stderr)');
    // fixed-order reduction: slot 0 (already in model.gradients()), then slots 1, 2, …
    let loss = loss0;
    for (let s = 1; s < this.workers; s++) loss += this.losses[s] as number;
    const inv = 1 / count;
    const grads = this.model.gradients();
    o = 0;
    for (const g of grads) {
      for (let i = 0; i < g.length; i++) {
        let v = g[i] as number;
        for (let s = 1; s < this.workers; s++) v += this.grads[s * this.total + o + i] as number;
        g[i] = v * inv;
      }
      o += g.length;
    }
    return loss * inv;
  }

  private gatherAndSum(lo: number, hi: number): number {
    const n = hi - lo;
    if (n === 0) {
      for (const g of this.model.gradients()) g.fill(0);
      return 0;
    }
    const d = this.model.layers[0] as number;
    const K = this.model.layers[this.model.layers.length - 1] as number;
    for (let r = 0; r < n; r++) {
      const s = this.indices[lo + r] as number;
      for (let j = 0; j < d; j++) this.localX[r * d + j] = this.X[s * d + j] as number;
      for (let j = 0; j < K; j++) this.localT[r * K + j] = this.T[s * K + j] as number;
    }
    return sumGradientRows(this.model, this.localX, this.localT, 0, n);
  }

  /** Stops the worker threads and waits for them to exit. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, CMD, CMD_STOP);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    await Promise.all(this.threads.map((w) => new Promise<void>((resolve) => (w.threadId < 0 ? resolve() : w.once('exit', () => resolve())))));
  }

  /** Number of live worker threads (tests). @internal */
  get threadCount(): number {
    return this.threads.length;
  }
}
