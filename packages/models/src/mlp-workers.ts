import type { Worker } from 'node:worker_threads';
import {
  applyRule,
  type ElementwiseOptimizer,
  elementwiseOptimizer,
  RULE_COEFFICIENTS,
} from '@termgrad/optim';
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
/** Next reduction chunk to claim; {@link CLOSED} or more until every share of the batch is done. @internal */
export const RNEXT = 8;
/** Reduction chunks finished. @internal */
export const RDONE = 9;
/** Event counter: bumped and notified on every share or reduction finished, failure, step and stop (the word threads wait on). @internal */
export const EVT = 10;
/** 0, or the optimizer rule (RULE_* of @termgrad/optim) the reduction applies to each chunk it reduces. @internal */
export const RULE = 11;
/** Words of the control block. @internal */
export const CTL_WORDS = 16;
/** RNEXT while the reduction is closed (stale claims add to it and stay ≥ CLOSED). @internal */
export const CLOSED = 0x3fffffff;
/** Parameters per reduction chunk. @internal */
export const CHUNK = 8192;
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
  /** The reduced (batch-mean) gradient. */
  sum: Buf;
  losses: Float64Array;
  indices: Int32Array;
  ctl: Int32Array;
  err: Uint8Array;
  /** The optimizer update the reduction applies (see {@link SharedUpdate}). */
  update: SharedUpdate;
  fault?: WorkerFault;
}

/**
 * What the reduction needs to apply the optimizer's elementwise update to each chunk it reduced:
 * the flat parameters, up to two flat optimizer slots (in the optimizer's slot order) and the
 * step's coefficient block (learning rate, bias corrections), all in shared memory. Whether it
 * applies one is the control word {@link RULE}. @internal
 */
export interface SharedUpdate {
  params: Buf;
  s0: Float64Array | undefined;
  s1: Float64Array | undefined;
  coefs: Float64Array;
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
  signal(ctl);
  Atomics.notify(ctl, READY);
}

/** Bumps the event counter and wakes every thread waiting on it. @internal */
export function signal(ctl: Int32Array): void {
  Atomics.add(ctl, EVT, 1);
  Atomics.notify(ctl, EVT);
}

/** Counts a share done; the thread finishing the last share opens the reduction. @internal */
export function shareDone(ctl: Int32Array, shares: number): void {
  if (Atomics.add(ctl, DONE, 1) + 1 === shares) Atomics.store(ctl, RNEXT, 0);
  signal(ctl);
}

/**
 * Claims and reduces chunks of the gradient while any is left (RNEXT open): element j of the
 * result is (g₀[j] + g₁[j] + … + g_{W−1}[j])·(1/count), the shares' slots added in share order
 * whichever thread does it, so the result does not depend on who reduced what. When the control
 * word RULE is set, the thread then applies that optimizer rule to the chunk's parameters from the
 * reduced gradient (the optimizer's own per-range function, elementwise: bitwise its `step`).
 * @internal
 */
export function reduceChunks(
  ctl: Int32Array,
  grads: Buf,
  sum: Buf,
  shares: number,
  update?: SharedUpdate,
): void {
  const total = sum.length;
  const chunks = Math.ceil(total / CHUNK);
  if (Atomics.load(ctl, RNEXT) >= chunks) return;
  for (let c = Atomics.add(ctl, RNEXT, 1); c < chunks; c = Atomics.add(ctl, RNEXT, 1)) {
    // read after the claim: the count of the batch this chunk belongs to
    const inv = 1 / Atomics.load(ctl, COUNT);
    const lo = c * CHUNK;
    const hi = Math.min(total, lo + CHUNK);
    if (shares === 2) {
      for (let j = lo; j < hi; j++)
        sum[j] = ((grads[j] as number) + (grads[j + total] as number)) * inv;
    } else {
      for (let j = lo; j < hi; j++) {
        let v = grads[j] as number;
        for (let s = 1; s < shares; s++) v += grads[j + s * total] as number;
        sum[j] = v * inv;
      }
    }
    const rule = update === undefined ? 0 : Atomics.load(ctl, RULE);
    if (rule !== 0) {
      const u = update as SharedUpdate;
      applyRule(rule, u.params, sum, u.s0, u.s1, lo, hi, u.coefs);
    }
    if (Atomics.add(ctl, RDONE, 1) + 1 === chunks) signal(ctl);
  }
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
  // On a failed start: the same protocol as reportFailure (FAILED = slot, message, signal EVT).
  const code = `const { workerData: d } = require('node:worker_threads');
${prelude}.then(() => import(${JSON.stringify(entry)})).catch((e) => {
  if (Atomics.compareExchange(d.ctl, ${FAILED}, 0, d.slot) === 0) {
    const b = new TextEncoder().encode(String(e && e.message || e).slice(0, ${ERR_BYTES / 2}));
    const n = Math.min(b.length, d.err.length);
    d.err.set(b.subarray(0, n));
    Atomics.store(d.ctl, ${ERRLEN}, n);
  }
  Atomics.add(d.ctl, ${EVT}, 1);
  Atomics.notify(d.ctl, ${EVT});
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
 * own slot, and the slots are added in share order 0, 1, … — by every thread at once, in chunks of
 * {@link CHUNK} parameters claimed like the shares as soon as the last share is done. Which thread
 * computed or reduced what does not change a bit of the result, so a run is reproducible for a
 * given worker count. Training data, parameters, per-share gradients and their sum live in
 * SharedArrayBuffers (the data set is copied in once); a step copies the parameters out once (the
 * workers read them in place and write their gradients straight into their slots) and wakes the
 * workers with Atomics.notify — no messages, no per-step allocation. Threads start once per pool and are
 * reused; they are unref'd, so an aborted process never waits for them, and {@link close}
 * stops them. A worker that throws, exits or fails to start makes the next {@link step} throw a
 * ModelError naming the worker and its error; a claimed share unfinished after `timeoutMs` too.
 * @internal
 */
export class GradientWorkers {
  private readonly threads: Worker[] = [];
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * CTL_WORDS));
  private readonly err = new Uint8Array(new SharedArrayBuffer(ERR_BYTES));
  private readonly params: Buf;
  private readonly grads: Buf;
  private readonly sum: Buf;
  private readonly losses: Float64Array;
  private readonly indices: Int32Array;
  private readonly X: Buf;
  private readonly T: Buf;
  private readonly total: number;
  private readonly sizes: number[];
  private readonly update: SharedUpdate;
  /** Per-parameter views of the slot buffers, by slot name (index in the optimizer's slot order). */
  private readonly slotViews = new Map<string, Float64Array[]>();
  /** The optimizer whose slots are views of the shared slot buffers. */
  private slotOwner: ElementwiseOptimizer | null = null;
  private updated = false;
  private lr = 0;
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
    this.sizes = sizes;
    this.total = sizes.reduce((a, b) => a + b, 0);
    this.X = shared(dtype, X.length);
    this.X.set(X);
    this.T = shared(dtype, T.length);
    this.T.set(T);
    this.params = shared(dtype, this.total);
    this.grads = shared(dtype, this.total * workers);
    this.sum = shared(dtype, this.total);
    this.losses = new Float64Array(new SharedArrayBuffer(8 * workers));
    this.indices = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, batchSize)));
    // slot buffers for the optimizer the model has now (another one with more slots falls back)
    const slotCount = elementwiseOptimizer(model.optimizer)?.slotNames.length ?? 0;
    const slotBuf = (k: number): Float64Array | undefined =>
      k < slotCount ? new Float64Array(new SharedArrayBuffer(8 * this.total)) : undefined;
    this.update = {
      params: this.params,
      s0: slotBuf(0),
      s1: slotBuf(1),
      coefs: new Float64Array(new SharedArrayBuffer(8 * RULE_COEFFICIENTS)),
    };
    // no share and no reduction chunk is claimable until the first step
    Atomics.store(this.ctl, NEXT, workers);
    Atomics.store(this.ctl, RNEXT, CLOSED);
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
        sum: this.sum,
        losses: this.losses,
        indices: this.indices,
        ctl: this.ctl,
        err: this.err,
        update: this.update,
        ...(options.fault === undefined ? {} : { fault: options.fault }),
      };
      const w = spawn(data);
      w.unref();
      this.threads.push(w);
    }
  }

  /**
   * Leaves the batch mean of ∂E/∂w, ∂E/∂b (no penalty) in `model.gradients()` for the rows
   * `batch` of the training data, and returns the batch's mean data loss. When the model's
   * optimizer is a built-in one (elementwise), the step also applies its update — every thread on
   * the chunks it reduced, with the optimizer's slots in shared memory — and counts the step in the
   * optimizer ({@link updated} is then true and the caller applies only the penalty rule, with
   * {@link learningRate}); for any other optimizer the caller runs `optimizer.step` as before.
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
    const opt = this.prepareUpdate();
    this.updated = false;
    Atomics.store(ctl, RULE, opt === null ? 0 : opt.rule);
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, RDONE, 0);
    Atomics.store(ctl, RNEXT, CLOSED);
    Atomics.store(ctl, COUNT, count);
    Atomics.store(ctl, CMD, CMD_STEP);
    // Opening the shares publishes the parameters, indices and count written above.
    Atomics.store(ctl, NEXT, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    // a worker still waiting in the previous step's reduction sees the new generation
    signal(ctl);
    if (this.selfShare) {
      for (let s = Atomics.add(ctl, NEXT, 1); s < W; s = Atomics.add(ctl, NEXT, 1)) {
        this.computeShare(s, count);
        shareDone(ctl, W);
      }
    }
    // Every thread that runs out of shares helps reduce once the last share is done; this thread
    // waits on the event counter until every chunk is reduced (or a worker failed or hung).
    const chunks = Math.ceil(this.total / CHUNK);
    let progress = -1;
    let since = performance.now();
    for (;;) {
      const event = Atomics.load(ctl, EVT);
      if (Atomics.load(ctl, FAILED) !== 0) break;
      reduceChunks(ctl, this.grads, this.sum, W, this.update);
      const reduced = Atomics.load(ctl, RDONE);
      if (reduced >= chunks) break;
      const done = Atomics.load(ctl, DONE);
      const now = performance.now();
      if (done + reduced !== progress) {
        progress = done + reduced;
        since = now;
      } else if (now - since >= this.timeoutMs) {
        this.kill();
        throw new ModelError(
          'MLP.fit',
          `gradient workers did not answer within ${this.timeoutMs} ms; ${done} of ${W} shares of the batch finished`,
        );
      }
      Atomics.wait(ctl, EVT, event, Math.min(1000, this.timeoutMs));
    }
    this.checkFailed();
    // the reduction (fixed share order, see reduceChunks) is the batch mean; copy it out
    const sum = this.sum;
    let loss = 0;
    for (let s = 0; s < W; s++) loss += this.losses[s] as number;
    o = 0;
    for (const out of this.model.gradients()) {
      out.set(sum.subarray(o, o + out.length));
      o += out.length;
    }
    if (opt !== null) {
      // every chunk is updated: the new parameters back into the model, the step counted
      o = 0;
      for (const p of this.model.parameters()) {
        p.set(this.params.subarray(o, o + p.length));
        o += p.length;
      }
      opt.endSharedStep();
      this.updated = true;
    }
    return loss * (1 / count);
  }

  /** Whether the last {@link step} applied the optimizer's update (built-in optimizer). */
  get updatedParameters(): boolean {
    return this.updated;
  }

  /** The learning rate the last updating {@link step} used (for the penalty rule). */
  get learningRate(): number {
    return this.lr;
  }

  /**
   * The model's optimizer when the reduction can apply its update: a built-in (elementwise) one
   * whose slots fit the shared slot buffers and whose parameter lengths match; its slots become
   * views of those buffers (a previous owner gets its own copies back) and the step's coefficients
   * are written. Null otherwise (custom optimizers: the caller steps as before).
   */
  private prepareUpdate(): ElementwiseOptimizer | null {
    const opt = elementwiseOptimizer(this.model.optimizer);
    const u = this.update;
    const bufs = [u.s0, u.s1];
    if (opt === null || opt.slotNames.length > (u.s1 ? 2 : u.s0 ? 1 : 0)) return null;
    if (this.slotOwner !== null && this.slotOwner !== opt) {
      this.slotOwner.detachSlots();
      this.slotOwner = null;
    }
    const views: Record<string, Float64Array[]> = {};
    opt.slotNames.forEach((name, k) => {
      const key = `${k}:${name}`;
      let list = this.slotViews.get(key);
      if (list === undefined) {
        const buf = bufs[k] as Float64Array;
        let o = 0;
        list = this.sizes.map((n) => {
          const v = buf.subarray(o, o + n);
          o += n;
          return v;
        });
        this.slotViews.set(key, list);
      }
      views[name] = list;
    });
    if (!opt.beginSharedStep(this.sizes, views, u.coefs)) return null;
    this.slotOwner = opt;
    this.lr = u.coefs[0] as number;
    return opt;
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
    signal(this.ctl);
    for (const w of this.threads) void w.terminate();
  }

  /** Stops the worker threads and waits for them to exit; the optimizer keeps its own copies of its slots. Idempotent. */
  async close(): Promise<void> {
    this.slotOwner?.detachSlots();
    this.slotOwner = null;
    if (!this.closed) {
      this.closed = true;
      Atomics.store(this.ctl, CMD, CMD_STOP);
      Atomics.store(this.ctl, NEXT, this.workers);
      Atomics.add(this.ctl, GEN, 1);
      Atomics.notify(this.ctl, GEN);
      signal(this.ctl);
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
