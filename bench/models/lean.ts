// MNIST training step at its leanest, interleaved paired reps in one process (issue 11):
//   termgrad (automatic kernels: WebAssembly SIMD for these sizes), termgrad forced onto its
//   JavaScript kernels (TERMGRAD_KERNELS=js path), and TF.js 4.22 on its wasm backend (XNNPACK,
//   SIMD, 1 thread) with tensors already resident: every batch is a tensor made once before timing,
//   one `optimizer.minimize` per batch, no per-batch `gather`.
// All three start from the same initial weights and see the same batches in the same order; one rep
// is one epoch over the training digits, and test accuracy is measured at the end of the run.
// Run: pnpm bench models lean [--n 4096] [--reps 5]

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadDigits } from '@termgrad/datasets/node';
import { MLP } from '@termgrad/models';
import { sgd } from '@termgrad/optim';
import { kernelInfo, Random, setKernelMode } from '@termgrad/tensor';
// the buffer-level path is internal to @termgrad/models (not in its public types)
import { trainRows } from '../../packages/models/src/mlp-internal.js';
import { arg, median, pairedRatio, printTable } from './harness.js';

const fmt = (v: number, digits = 0): string =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function suite(layers: number[], batch: number, args: string[]): Promise<void> {
  const lr = 0.1;
  const reps = arg(args, 'reps', 5);
  const { train, test } = await loadDigits({
    seed: 1,
    trainFraction: 0.8,
    mnistDir: dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
  });
  const d = 784;
  const K = 10;
  const n = Math.floor(Math.min(arg(args, 'n', 4096), train.x.shape[0]!) / batch) * batch;
  const order = new Random(7).permutation(n);
  const X = new Float32Array(n * d);
  const T = new Float32Array(n * K);
  for (let i = 0; i < n; i++) {
    X.set((train.x.data as Float64Array).subarray(order[i]! * d, (order[i]! + 1) * d), i * d);
    T[i * K + train.y.data[order[i]!]!] = 1;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const make = (): MLP =>
    new MLP({
      layers,
      activation: 'relu',
      outputActivation: 'softmax',
      init: 'glorot',
      dtype: 'float32',
      seed: 1,
      optimizer: sgd({ learningRate: lr }),
    });
  const auto = make();
  const js = make();
  // tfjs copy of the same initial weights, batches resident before timing
  await tf.setBackend('wasm');
  const W = layers
    .slice(1)
    .map((_, l) =>
      tf.variable(
        tf.tensor2d(Float32Array.from(auto.getWeights(l).data), [layers[l]!, layers[l + 1]!]),
      ),
    );
  const b = layers
    .slice(1)
    .map((_, l) => tf.variable(tf.tensor1d(Float32Array.from(auto.getBias(l).data))));
  const xb: tf.Tensor2D[] = [];
  const yb: tf.Tensor2D[] = [];
  for (let s = 0; s < n; s += batch) {
    xb.push(tf.tensor2d(X.subarray(s * d, (s + batch) * d), [batch, d]));
    yb.push(tf.tensor2d(T.subarray(s * K, (s + batch) * K), [batch, K]));
  }
  const opt = tf.train.sgd(lr);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h = x;
    for (let l = 0; l < W.length; l++) {
      const z = tf.add(tf.matMul(h, W[l]!), b[l]!) as tf.Tensor2D;
      h = l < W.length - 1 ? tf.relu(z) : z;
    }
    return h;
  };
  const epochOurs = (net: MLP, mode: 'auto' | 'js'): number => {
    setKernelMode(mode);
    const t0 = performance.now();
    for (let s = 0; s < n; s += batch) trainRows(net, X, T, rows, s, batch);
    const ms = performance.now() - t0;
    setKernelMode('auto');
    return ms;
  };
  const epochTf = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < xb.length; i++)
      opt.minimize(() => tf.losses.softmaxCrossEntropy(yb[i]!, forward(xb[i]!)) as tf.Scalar);
    W[0]!.dataSync();
    return performance.now() - t0;
  };
  const ms: Record<string, number[]> = {
    termgrad: [],
    'termgrad js kernels': [],
    'tfjs-wasm lean step': [],
  };
  for (let r = 0; r < reps; r++) {
    ms['termgrad']!.push(epochOurs(auto, 'auto'));
    ms['termgrad js kernels']!.push(epochOurs(js, 'js'));
    ms['tfjs-wasm lean step']!.push(epochTf());
  }
  const testX = Float32Array.from(test.x.data);
  const tfPred = tf.tidy(() =>
    tf.argMax(forward(tf.tensor2d(testX, [test.x.shape[0]!, d])), 1).dataSync(),
  );
  let correct = 0;
  for (let i = 0; i < tfPred.length; i++) if (tfPred[i] === test.y.data[i]) correct++;
  const acc: Record<string, number> = {
    termgrad: auto.evaluate(test.x, test.y).accuracy,
    'termgrad js kernels': js.evaluate(test.x, test.y).accuracy,
    'tfjs-wasm lean step': correct / tfPred.length,
  };
  console.log(
    `\nMNIST ${layers.join('-')} relu/softmax, float32, SGD lr ${lr}, batch ${batch}, ${n} digits; 1 rep = 1 epoch, ${reps} reps (first rep includes warm-up)`,
  );
  const table = [
    [
      'implementation',
      'ms/step (median)',
      'samples/s',
      'termgrad speed-up (paired)',
      `test accuracy after ${reps} epochs`,
    ],
  ];
  const steps = n / batch;
  for (const [name, v] of Object.entries(ms)) {
    const step = median(v) / steps;
    table.push([
      name,
      fmt(step, 3),
      fmt((batch * 1000) / step),
      name === 'termgrad' ? '1.00' : `${fmt(pairedRatio(v, ms['termgrad']!), 2)}×`,
      fmt(acc[name]!, 4),
    ]);
  }
  printTable(table, { align: 'right' });
  for (const t of [...W, ...b, ...xb, ...yb]) t.dispose();
}

/** Entry point used by bench/run.ts. */
export async function run(args: string[]): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(
    join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
  );
  tf.env().set('IS_TEST', false);
  console.log(
    `node ${process.version}, tfjs ${tf.version.tfjs}, termgrad kernels ${JSON.stringify(kernelInfo())}`,
  );
  await suite([784, 128, 64, 10], 64, args);
  await suite([784, 256, 128, 10], 128, args);
}
