// Worker thread of GradientWorkers (mlp-workers.ts): rebuilds the model from JSON once, then
// loops — wait for a new generation, claim shares of the batch with an atomic counter, and for
// each: copy the shared parameters in, compute the summed gradient of the share's rows into the
// share's slot of the shared gradient buffer, count it done. Failures are reported through the
// shared control block (the main thread is blocked in Atomics.wait and gets no events).
import { workerData } from 'node:worker_threads';
import { setKernelMode } from '@termgrad/tensor';
import { MLP } from './mlp.js';
import { sumGradientIndexed } from './mlp-internal.js';
import {
  CMD,
  CMD_STOP,
  COUNT,
  DONE,
  GEN,
  type GradientWorkerData,
  NEXT,
  READY,
  reportFailure,
  shareOf,
} from './mlp-workers.js';

const data = workerData as GradientWorkerData;
const { slot, workers, X, T, params, grads, losses, indices, ctl, err, fault } = data;
let stopping = false;
process.on('exit', (code) => {
  if (!stopping)
    reportFailure(ctl, err, slot, `the thread exited unexpectedly (exit code ${code})`);
});
setKernelMode(data.kernelMode);
const model = MLP.fromJSON(data.json);
const total = params.length;
const mine = model.parameters();
Atomics.add(ctl, READY, 1);
Atomics.notify(ctl, READY);

// generation 0 is the initial state: a worker that starts after the first command still sees it
let seen = 0;
for (;;) {
  Atomics.wait(ctl, GEN, seen);
  seen = Atomics.load(ctl, GEN);
  if (Atomics.load(ctl, CMD) === CMD_STOP) break;
  for (let s = Atomics.add(ctl, NEXT, 1); s < workers; s = Atomics.add(ctl, NEXT, 1)) {
    try {
      if (fault === 'throw') throw new Error('injected fault');
      if (fault === 'exit') process.exit(3);
      if (fault === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      // the claim (Atomics.add) follows the main thread's writes of parameters, indices and count
      let o = 0;
      for (const p of mine) {
        p.set(params.subarray(o, o + p.length));
        o += p.length;
      }
      const [lo, hi] = shareOf(Atomics.load(ctl, COUNT), s, workers);
      const out = grads.subarray(s * total, (s + 1) * total);
      if (hi === lo) {
        out.fill(0);
        losses[s] = 0;
      } else {
        losses[s] = sumGradientIndexed(model, X, T, indices, lo, hi - lo);
        o = 0;
        for (const g of model.gradients()) {
          out.set(g, o);
          o += g.length;
        }
      }
    } catch (e) {
      reportFailure(ctl, err, slot, e instanceof Error ? e.message : String(e));
      stopping = true;
      process.exit(1);
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}
stopping = true;
