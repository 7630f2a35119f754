// ONNX Runtime's inference throughput on an exported digits MLP next to termgrad's own forward pass
// (a fact for users deciding where to serve a model). Usage: pnpm bench interop [--reps 7] [--epochs 1]
//
// The MLP [784, 128, 64, 10] (ReLU, softmax, float32) is trained on MNIST digits for --epochs epochs,
// exported with toOnnx and loaded by onnxruntime-node (CPU). Both run the same held-out rows, in
// batches of 1, 64 and 1024 rows, interleaved rep by rep in this process; the table gives median rows/s
// and the paired ratio ORT / termgrad (ORT on 1 intra-op thread, like termgrad, and on its default).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadDigits } from '@termgrad/datasets/node';
import { toOnnx } from '@termgrad/interop';
import { MLP } from '@termgrad/models';
import { Tensor } from '@termgrad/tensor';
import * as ort from 'onnxruntime-node';
import { arg, median, pairedRatio, printTable } from '../models/harness.js';

const args = process.argv.slice(2);
const reps = arg(args, 'reps', 7);
const epochs = arg(args, 'epochs', 1);
const { train, test } = await loadDigits({
  seed: 1,
  trainFraction: 0.8,
  mnistDir: dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
});
const d = 784;
const net = new MLP({
  layers: [d, 128, 64, 10],
  activation: 'relu',
  outputActivation: 'softmax',
  dtype: 'float32',
  seed: 1,
});
const nTrain = train.x.shape[0] as number;
const xTrain = train.x.toTypedArray();
const yTrain = train.y.toTypedArray();
const batch = 64;
for (let e = 0; e < epochs; e++) {
  for (let s = 0; s + batch <= nTrain; s += batch) {
    // class indices as targets (categorical cross-entropy)
    net.trainBatch(
      new Tensor(Float32Array.from(xTrain.subarray(s * d, (s + batch) * d)), [batch, d]),
      yTrain.subarray(s, s + batch),
    );
  }
}
const bytes = toOnnx(net);
const single = await ort.InferenceSession.create(bytes, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});
const multi = await ort.InferenceSession.create(bytes);
const xTest = test.x.toTypedArray();
const nTest = test.x.shape[0] as number;

// agreement on the whole held-out set (float32 both sides)
const all = Float32Array.from(xTest);
const ref = net.forward(new Tensor(all, [nTest, d])).toTypedArray();
const got = (await single.run({ input: new ort.Tensor('float32', all, [nTest, d]) })).output!
  .data as Float32Array;
let worst = 0;
for (let i = 0; i < ref.length; i++)
  worst = Math.max(worst, Math.abs((got[i] as number) - (ref[i] as number)));
const yTest = test.y.toTypedArray();
let agree = 0;
for (let i = 0; i < nTest; i++) {
  const am = (a: ArrayLike<number>): number => {
    let b = 0;
    for (let k = 1; k < 10; k++) if ((a[i * 10 + k] as number) > (a[i * 10 + b] as number)) b = k;
    return b;
  };
  if (am(ref) === am(got)) agree++;
}
let correct = 0;
for (let i = 0; i < nTest; i++) {
  let b = 0;
  for (let k = 1; k < 10; k++) if ((ref[i * 10 + k] as number) > (ref[i * 10 + b] as number)) b = k;
  if (b === yTest[i]) correct++;
}
console.log(
  `digits MLP [784, 128, 64, 10] float32, ${epochs} epoch(s): test accuracy ${((100 * correct) / nTest).toFixed(1)}%`,
);
console.log(
  `ORT vs termgrad on ${nTest} held-out rows: max |Δp| ${worst.toExponential(2)}, same argmax on ${agree}/${nTest}`,
);

const rows: (string | number)[][] = [
  [
    'batch',
    'termgrad rows/s',
    'ORT 1 thread rows/s',
    'ORT default rows/s',
    'ORT1 / termgrad',
    'ORT / termgrad',
  ],
];
for (const size of [1, 64, 1024]) {
  const calls = Math.max(1, Math.round(4096 / size));
  const inputs = Array.from({ length: calls }, (_, c) => {
    const start = (c * size) % Math.max(1, nTest - size);
    return Float32Array.from(xTest.subarray(start * d, (start + size) * d));
  });
  const cases: Record<string, () => Promise<number>> = {
    termgrad: async () => {
      const t0 = performance.now();
      for (const x of inputs) net.forward(new Tensor(x, [size, d]));
      return (calls * size) / ((performance.now() - t0) / 1000);
    },
    ort1: async () => {
      const t0 = performance.now();
      for (const x of inputs) await single.run({ input: new ort.Tensor('float32', x, [size, d]) });
      return (calls * size) / ((performance.now() - t0) / 1000);
    },
    ort: async () => {
      const t0 = performance.now();
      for (const x of inputs) await multi.run({ input: new ort.Tensor('float32', x, [size, d]) });
      return (calls * size) / ((performance.now() - t0) / 1000);
    },
  };
  const out: Record<string, number[]> = { termgrad: [], ort1: [], ort: [] };
  for (const name of Object.keys(cases)) await cases[name]!(); // warm-up
  for (let r = 0; r < reps; r++)
    for (const name of Object.keys(cases)) out[name]!.push(await cases[name]!());
  rows.push([
    String(size),
    median(out.termgrad!),
    median(out.ort1!),
    median(out.ort!),
    pairedRatio(out.ort1!, out.termgrad!),
    pairedRatio(out.ort!, out.termgrad!),
  ]);
}
printTable(rows, { style: 'markdown' });
await single.release();
await multi.release();
