// MLP benchmarks against TensorFlow.js 4.22 (cpu and wasm backends), interleaved paired reps in
// one process: identical network, data, initial weights and batch order.
// Run: pnpm bench models mlp [--quick] [--epochs 5] [--n 8000] [--reps 5] [--steps 20000] [--tf-steps 1000] [--no-cpu]
//   1. MNIST 784-128-64-10 ReLU/softmax, SGD lr 0.1, batch 64, float32: samples/s per epoch
//      (rep r = epoch r for every implementation, so accuracy after the last epoch comes for free).
//   2. Playground 2-8-8-1 tanh, batch 10, 500-point spiral: steps/s and a 100×100 grid forward pass.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { spiral } from '@termgrad/datasets';
import { loadDigits } from '@termgrad/datasets/node';
import { MLP } from '@termgrad/models';
import { sgd } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
// the buffer-level path is internal to @termgrad/models (not in its public types)
import { trainRows } from '../../packages/models/src/mlp-internal.js';
import { arg, median, pairedRatio, printTable } from './harness.js';

function fmt(v: number, digits = 0): string {
  return v.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

type Backend = 'cpu' | 'wasm';

/** A tfjs copy of an MLP: variables created from our initial weights on one backend. */
interface TfNet {
  backend: Backend;
  weights: tf.Variable[];
  biases: tf.Variable[];
  acts: ('relu' | 'tanh')[];
  out: 'softmax' | 'tanh';
  optimizer: tf.SGDOptimizer;
}

async function tfNet(
  backend: Backend,
  net: MLP,
  hidden: 'relu' | 'tanh',
  out: 'softmax' | 'tanh',
  lr: number,
): Promise<TfNet> {
  await tf.setBackend(backend);
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l < net.depth; l++) {
    const w = net.getWeights(l);
    weights.push(
      tf.variable(tf.tensor2d(Float32Array.from(w.data), [w.shape[0]!, w.shape[1]!], 'float32')),
    );
    biases.push(tf.variable(tf.tensor1d(Float32Array.from(net.getBias(l).data), 'float32')));
  }
  return {
    backend,
    weights,
    biases,
    acts: new Array(net.depth - 1).fill(hidden),
    out,
    optimizer: tf.train.sgd(lr),
  };
}

/** Logits (softmax nets) or outputs (tanh nets). */
function tfForward(m: TfNet, x: tf.Tensor2D): tf.Tensor2D {
  let h: tf.Tensor2D = x;
  for (let l = 0; l < m.weights.length; l++) {
    const z = tf.add(tf.matMul(h, m.weights[l] as tf.Tensor2D), m.biases[l]!) as tf.Tensor2D;
    if (l < m.weights.length - 1) h = m.acts[l] === 'relu' ? tf.relu(z) : tf.tanh(z);
    else h = m.out === 'tanh' ? tf.tanh(z) : z;
  }
  return h;
}

function tfLoss(m: TfNet, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  const o = tfForward(m, x);
  if (m.out === 'softmax') return tf.losses.softmaxCrossEntropy(y, o) as tf.Scalar;
  // Playground: mean over points of ½(o − t)²
  return tf.mul(0.5, tf.mean(tf.square(tf.sub(o, y)))) as tf.Scalar;
}

async function mnistSuite(args: string[], quick: boolean, useCpu: boolean): Promise<void> {
  const epochs = arg(args, 'epochs', quick ? 2 : 5);
  const batch = 64;
  const lr = 0.1;
  const { train, test } = await loadDigits({
    seed: 1,
    trainFraction: 0.8,
    mnistDir: dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
  });
  const n = Math.min(arg(args, 'n', 8000), train.x.shape[0]!);
  const d = 784;
  const K = 10;
  const X = Float32Array.from((train.x.data as Float64Array).subarray(0, n * d));
  const T = new Float32Array(n * K);
  for (let i = 0; i < n; i++) T[i * K + train.y.data[i]!] = 1;
  const ours = new MLP({
    layers: [784, 128, 64, 10],
    activation: 'relu',
    outputActivation: 'softmax',
    init: 'glorot',
    dtype: 'float32',
    seed: 1,
    optimizer: sgd({ learningRate: lr }),
  });
  const backends: Backend[] = useCpu ? ['wasm', 'cpu'] : ['wasm'];
  const tfNets: TfNet[] = [];
  const xs: Record<string, tf.Tensor2D> = {};
  const ys: Record<string, tf.Tensor2D> = {};
  for (const b of backends) {
    tfNets.push(await tfNet(b, ours, 'relu', 'softmax', lr));
    xs[b] = tf.tensor2d(X, [n, d]);
    ys[b] = tf.tensor2d(T, [n, K]);
  }
  const orders = Array.from({ length: epochs }, (_, e) => new Random(100 + e).permutation(n));
  // Warm-up (JIT, wasm kernels) on throw-away copies so the measured nets stay identical.
  {
    const warm = new MLP({
      layers: [784, 128, 64, 10],
      activation: 'relu',
      outputActivation: 'softmax',
      init: 'glorot',
      dtype: 'float32',
      seed: 2,
      optimizer: sgd({ learningRate: lr }),
    });
    for (let s = 0; s < 40 * batch; s += batch) trainRows(warm, X, T, orders[0]!, s, batch);
    for (const b of backends) {
      const m = await tfNet(b, warm, 'relu', 'softmax', lr);
      for (let s = 0; s < 20 * batch; s += batch) {
        tf.tidy(() => {
          const idx = tf.tensor1d(orders[0]!.subarray(s, s + batch), 'int32');
          m.optimizer.minimize(() => tfLoss(m, tf.gather(xs[b]!, idx), tf.gather(ys[b]!, idx)));
        });
      }
      for (const v of [...m.weights, ...m.biases]) v.dispose();
    }
  }
  const rates: Record<string, number[]> = { termgrad: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  console.log(
    `MNIST 784-128-64-10 relu/softmax, float32, SGD lr ${lr}, batch ${batch}, ${n} training digits, ${epochs} epochs (1 epoch = 1 paired rep)`,
  );
  for (let e = 0; e < epochs; e++) {
    const order = orders[e]!;
    let t0 = performance.now();
    for (let s = 0; s < n; s += batch) trainRows(ours, X, T, order, s, Math.min(batch, n - s));
    rates['termgrad']!.push((n * 1000) / (performance.now() - t0));
    for (const m of tfNets) {
      await tf.setBackend(m.backend);
      t0 = performance.now();
      for (let s = 0; s < n; s += batch) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + batch)), 'int32');
          const xb = tf.gather(xs[m.backend]!, idx);
          const yb = tf.gather(ys[m.backend]!, idx);
          m.optimizer.minimize(() => tfLoss(m, xb, yb));
        });
      }
      m.weights[0]!.dataSync();
      rates[`tfjs-${m.backend}`]!.push((n * 1000) / (performance.now() - t0));
    }
    console.log(
      `  epoch ${e + 1}: ` +
        Object.entries(rates)
          .filter(([, v]) => v.length > 0)
          .map(([k, v]) => `${k} ${fmt(v.at(-1)!)}`)
          .join(', ') +
        ' samples/s',
    );
  }
  // accuracy on the held-out 2 000 digits
  const acc: Record<string, number> = { termgrad: ours.evaluate(test.x, test.y).accuracy };
  const testX = Float32Array.from(test.x.data);
  for (const m of tfNets) {
    await tf.setBackend(m.backend);
    const pred = tf.tidy(() =>
      tf.argMax(tfForward(m, tf.tensor2d(testX, [test.x.shape[0]!, d])), 1).dataSync(),
    );
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y.data[i]) correct++;
    acc[`tfjs-${m.backend}`] = correct / pred.length;
  }
  const rows = [
    [
      'implementation',
      'samples/s (median)',
      'termgrad ÷ it (median of paired ratios)',
      `test accuracy after ${epochs} epochs`,
    ],
  ];
  for (const [name, v] of Object.entries(rates)) {
    if (v.length === 0) continue;
    rows.push([
      name,
      fmt(median(v)),
      name === 'termgrad' ? '1.00' : fmt(pairedRatio(rates['termgrad']!, v), 2) + '×',
      fmt(acc[name]!, 4),
    ]);
  }
  printTable(rows, { align: 'right' });
  for (const b of backends) {
    await tf.setBackend(b);
    xs[b]!.dispose();
    ys[b]!.dispose();
  }
}

async function playgroundSuite(args: string[], quick: boolean, useCpu: boolean): Promise<void> {
  const reps = arg(args, 'reps', quick ? 2 : 5);
  const steps = arg(args, 'steps', quick ? 10000 : 20000);
  const tfSteps = arg(args, 'tf-steps', quick ? 300 : 1000);
  const ds = spiral({ seed: 1 });
  const n = ds.x.shape[0]!;
  const X = Float64Array.from(ds.x.data);
  const T = Float64Array.from(ds.y.data);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const ours = new MLP({
    layers: [2, 8, 8, 1],
    activation: 'tanh',
    outputActivation: 'tanh',
    init: 'playground',
    seed: 1,
    optimizer: sgd({ learningRate: 0.03 }),
  });
  const backends: Backend[] = useCpu ? ['wasm', 'cpu'] : ['wasm'];
  const tfNets: TfNet[] = [];
  const batches: Record<string, [tf.Tensor2D, tf.Tensor2D][]> = {};
  const grids: Record<string, tf.Tensor2D> = {};
  const g = new Float64Array(20000);
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 100; j++) {
      g[(i * 100 + j) * 2] = -6 + (12 * j) / 99;
      g[(i * 100 + j) * 2 + 1] = -6 + (12 * i) / 99;
    }
  }
  const grid = new Tensor(g, [10000, 2]);
  for (const b of backends) {
    tfNets.push(await tfNet(b, ours, 'tanh', 'tanh', 0.03));
    batches[b] = [];
    for (let s = 0; s < n; s += 10)
      batches[b]!.push([
        tf.tensor2d(Float32Array.from(X.subarray(s * 2, s * 2 + 20)), [10, 2], 'float32'),
        tf.tensor2d(Float32Array.from(T.subarray(s, s + 10)), [10, 1], 'float32'),
      ]);
    grids[b] = tf.tensor2d(Float32Array.from(g), [10000, 2]);
  }
  const stepRates: Record<string, number[]> = { termgrad: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  const mapMs: Record<string, number[]> = { termgrad: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  console.log(
    `\nPlayground 2-8-8-1 tanh, batch 10, ${n}-point spiral, SGD lr 0.03; decision map = forward pass over a 100×100 grid`,
  );
  for (let r = 0; r < reps; r++) {
    let t0 = performance.now();
    let done = 0;
    while (done < steps)
      for (let s = 0; s < n && done < steps; s += 10, done++) trainRows(ours, X, T, order, s, 10);
    stepRates['termgrad']!.push((done * 1000) / (performance.now() - t0));
    const maps: number[] = [];
    for (let k = 0; k < 10; k++) {
      t0 = performance.now();
      ours.forward(grid);
      maps.push(performance.now() - t0);
    }
    mapMs['termgrad']!.push(median(maps));
    for (const m of tfNets) {
      await tf.setBackend(m.backend);
      const bs = batches[m.backend]!;
      t0 = performance.now();
      for (let k = 0; k < tfSteps; k++) {
        const [xb, yb] = bs[k % bs.length]!;
        tf.tidy(() => {
          m.optimizer.minimize(() => tfLoss(m, xb, yb));
        });
      }
      m.weights[0]!.dataSync();
      stepRates[`tfjs-${m.backend}`]!.push((tfSteps * 1000) / (performance.now() - t0));
      const tmaps: number[] = [];
      for (let k = 0; k < 5; k++) {
        t0 = performance.now();
        tf.tidy(() => tfForward(m, grids[m.backend]!).dataSync());
        tmaps.push(performance.now() - t0);
      }
      mapMs[`tfjs-${m.backend}`]!.push(median(tmaps));
    }
  }
  const rows = [
    ['implementation', 'steps/s (median)', 'termgrad ÷ it', '100×100 map, ms', 'it ÷ termgrad'],
  ];
  for (const name of Object.keys(stepRates)) {
    const v = stepRates[name]!;
    if (v.length === 0) continue;
    const ratio = pairedRatio(stepRates['termgrad']!, v);
    const mapRatio = pairedRatio(mapMs[name]!, mapMs['termgrad']!);
    rows.push([
      name,
      fmt(median(v)),
      name === 'termgrad' ? '1.00' : fmt(ratio, 1) + '×',
      fmt(median(mapMs[name]!), 2),
      name === 'termgrad' ? '1.00' : fmt(mapRatio, 1) + '×',
    ]);
  }
  printTable(rows, { align: 'right' });
  const ds2 = ours.evaluate(ds.x, ds.y);
  console.log(
    `(termgrad after ${reps * steps} steps: spiral training accuracy ${fmt(ds2.accuracy, 3)})`,
  );
}

/** Entry point used by bench/run.ts. */
export async function run(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const useCpu = !args.includes('--no-cpu');
  const require = createRequire(import.meta.url);
  setWasmPaths(
    join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
  );
  const start = performance.now();
  console.log(`node ${process.version}, tfjs ${tf.version.tfjs}${quick ? ', --quick' : ''}`);
  await playgroundSuite(args, quick, useCpu);
  console.log('');
  await mnistSuite(args, quick, useCpu);
  console.log(`\ntotal ${fmt((performance.now() - start) / 1000, 1)} s`);
}
