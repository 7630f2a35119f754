// Worker thread of GradientWorkers (mlp-workers.ts): rebuilds the model from JSON once, then
// loops — wait for a new generation, copy the shared parameters in, compute the summed gradient
// of its share of the batch into its own slot of the shared gradient buffer, report done.
import { workerData } from 'node:worker_threads';
import { sumGradientRows } from './mlp-internal.js';
import { MLP } from './mlp.js';
import { CMD_STOP, shareOf, type GradientWorkerData } from './mlp-workers.js';

const data = workerData as GradientWorkerData;
const { slot, workers, X, T, params, grads, losses, indices, ctl } = data;
const model = MLP.fromJSON(data.json);
const d = model.layers[0] as number;
const K = model.layers[model.layers.length - 1] as number;
const total = params.length;
const cap = indices.length;
const localX = model.dtype === 'float32' ? new Float32Array((Math.ceil(cap / workers) + 1) * d) : new Float64Array((Math.ceil(cap / workers) + 1) * d);
const localT = model.dtype === 'float32' ? new Float32Array((Math.ceil(cap / workers) + 1) * K) : new Float64Array((Math.ceil(cap / workers) + 1) * K);
const mine = model.parameters();
const out = grads.subarray(slot * total, (slot + 1) * total);

// generation 0 is the initial state: a worker that starts after the first command still sees it
let seen = 0;
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  if (Atomics.load(ctl, 1) === CMD_STOP) break;
  try {
    let o = 0;
    for (const p of mine) {
      p.set(params.subarray(o, o + p.length));
      o += p.length;
    }
    const [lo, hi] = shareOf(Atomics.load(ctl, 2), slot, workers);
    const n = hi - lo;
    let loss = 0;
    if (n === 0) out.fill(0);
    else {
      for (let r = 0; r < n; r++) {
        const s = indices[lo + r] as number;
        for (let j = 0; j < d; j++) localX[r * d + j] = X[s * d + j] as number;
        for (let j = 0; j < K; j++) localT[r * K + j] = T[s * K + j] as number;
      }
      loss = sumGradientRows(model, localX, localT, 0, n);
      o = 0;
      for (const g of model.gradients()) {
        out.set(g, o);
        o += g.length;
      }
    }
    losses[slot] = loss;
  } catch (e) {
    console.error(e);
    Atomics.store(ctl, 4, 1);
  }
  Atomics.add(ctl, 3, 1);
  Atomics.notify(ctl, 3);
}
