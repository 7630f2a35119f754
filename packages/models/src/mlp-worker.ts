// Worker thread of GradientWorkers (mlp-workers.ts): rebuilds the model from JSON once and points
// its weights at the shared parameter buffer (read in place, never copied), then loops — wait for a
// new generation, claim shares of the batch with an atomic counter, and for each: compute the
// summed gradient of the share's rows straight into the share's slot of the shared gradient
// buffer, count it done; then help reduce the slots chunk by chunk (reduceChunks, which also applies
// the optimizer's elementwise update to each chunk when the step asks for it) until every chunk is
// claimed. Failures are reported through the shared control block (the main thread is
// blocked in Atomics.wait and gets no events).
import { workerData } from 'node:worker_threads';
import { setKernelMode } from '@termgrad/tensor';
import { MLP } from './mlp.js';
import { coreOf } from './mlp-core.js';
import { sumGradientIndexed } from './mlp-internal.js';
import {
  CLOSED,
  CMD,
  CMD_STOP,
  COUNT,
  EVT,
  FAILED,
  GEN,
  type GradientWorkerData,
  NEXT,
  READY,
  RNEXT,
  reduceChunks,
  reportFailure,
  shareDone,
  shareOf,
} from './mlp-workers.js';

const data = workerData as GradientWorkerData;
const { slot, workers, X, T, params, grads, sum, losses, indices, ctl, err, update, fault } = data;
let stopping = false;
process.on('exit', (code) => {
  if (!stopping)
    reportFailure(ctl, err, slot, `the thread exited unexpectedly (exit code ${code})`);
});
setKernelMode(data.kernelMode);
const model = MLP.fromJSON(data.json);
const core = coreOf(model);
const total = params.length;
// views of the shared memory in the model's parameter order: W0, b0, W1, …
const views = (buf: typeof params, base: number): (typeof params)[] => {
  let o = base;
  return core.params.map((p) => {
    const v = buf.subarray(o, o + p.length);
    o += p.length;
    return v;
  });
};
core.bindParameters(views(params, 0));
const slots = Array.from({ length: workers }, (_, s) => views(grads, s * total));
Atomics.add(ctl, READY, 1);
Atomics.notify(ctl, READY);

// generation 0 is the initial state: a worker that starts after the first command still sees it
let seen = 0;
for (;;) {
  Atomics.wait(ctl, GEN, seen);
  seen = Atomics.load(ctl, GEN);
  if (Atomics.load(ctl, CMD) === CMD_STOP) break;
  try {
    for (let s = Atomics.add(ctl, NEXT, 1); s < workers; s = Atomics.add(ctl, NEXT, 1)) {
      if (fault === 'throw') throw new Error('injected fault');
      if (fault === 'exit') process.exit(3);
      if (fault === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      // the claim (Atomics.add) follows the main thread's writes of parameters, indices and count
      const [lo, hi] = shareOf(Atomics.load(ctl, COUNT), s, workers);
      const out = slots[s] as (typeof params)[];
      if (hi === lo) {
        for (const g of out) g.fill(0);
        losses[s] = 0;
      } else {
        core.bindGradients(out);
        losses[s] = sumGradientIndexed(model, X, T, indices, lo, hi - lo);
      }
      shareDone(ctl, workers);
    }
    // the reduction: wait until the last share opens it (or a new step / stop / failure), help, leave
    for (;;) {
      const event = Atomics.load(ctl, EVT);
      if (
        Atomics.load(ctl, GEN) !== seen ||
        Atomics.load(ctl, CMD) === CMD_STOP ||
        Atomics.load(ctl, FAILED) !== 0
      )
        break;
      const next = Atomics.load(ctl, RNEXT);
      if (next < CLOSED) {
        reduceChunks(ctl, grads, sum, workers, update);
        break;
      }
      Atomics.wait(ctl, EVT, event, 1000);
    }
  } catch (e) {
    reportFailure(ctl, err, slot, e instanceof Error ? e.message : String(e));
    stopping = true;
    process.exit(1);
  }
}
stopping = true;
