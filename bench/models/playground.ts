// Playground-compatible training speed: `pnpm bench models playground [--reps 7] [--epochs 200] [--points 500]`.
// Interleaved paired reps in one process, same network, data and initial weights:
//   - PlaygroundTrainer (batched kernels, exact Playground semantics),
//   - MLP.trainRows through createMlpTask order (the MLP's own mini-batch path, no carry-over),
//   - the scalar object-per-node re-implementation of the Playground's nn.ts (test/playground-reference.ts),
//     i.e. what the real Playground's engine costs in the same Node process.
// Network 2-8-8-1 tanh, tanh output, batch 10, lr 0.03, on the spiral (noise 0), 100 % training.

import { loadavg } from 'node:os';
import { playgroundDataset } from '@termgrad/datasets';
import { MLP, PlaygroundTrainer } from '@termgrad/models';
import { sgd } from '@termgrad/optim';
import { kernelInfo, setKernelMode } from '@termgrad/tensor';
// the buffer-level path is internal to @termgrad/models (not in its public types)
import { trainRows } from '../../packages/models/src/mlp-internal.js';
import { RefPlayground } from '../../packages/models/test/playground-reference.js';
import { arg, interleave, median, pairedRatio, printTable } from './harness.js';

export function run(args: string[]): void {
  const reps = arg(args, 'reps', 7);
  const epochs = arg(args, 'epochs', 200);
  const n = arg(args, 'points', 500);
  const bs = 10;
  const d = playgroundDataset('spiral', { seed: 1, numSamples: n });
  const x = d.x.toArray() as number[][];
  const y = d.y.toArray() as number[];
  const make = (): MLP =>
    new MLP({
      layers: [2, 8, 8, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 1,
      optimizer: sgd({ learningRate: 0.03 }),
    });
  const updatesPerEpoch = Math.floor(n / bs);

  const trainer = new PlaygroundTrainer(make(), { x, y, learningRate: 0.03, batchSize: bs });
  const plain = make();
  const make32 = (): MLP =>
    new MLP({
      layers: [2, 8, 8, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 1,
      dtype: 'float32',
      optimizer: sgd({ learningRate: 0.03 }),
    });
  const auto32 = make32();
  const js32 = make32();
  const X32 = new Float32Array(x.flat());
  const T32 = new Float32Array(y);
  const X = new Float64Array(x.flat());
  const T = new Float64Array(y);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const ref = new RefPlayground(make(), 'tanh', 'tanh', 'none');
  const refEpochs = Math.max(1, Math.round(epochs / 20));

  const cases: Record<string, () => number> = {
    PlaygroundTrainer: () => {
      const t0 = performance.now();
      for (let e = 0; e < epochs; e++) trainer.epoch();
      return (epochs * updatesPerEpoch) / ((performance.now() - t0) / 1000);
    },
    'MLP.trainRows': () => {
      const t0 = performance.now();
      for (let e = 0; e < epochs; e++)
        for (let s = 0; s + bs <= n; s += bs) trainRows(plain, X, T, order, s, bs);
      return (epochs * updatesPerEpoch) / ((performance.now() - t0) / 1000);
    },
    // float32: the automatic kernel choice must keep these tiny products on the JS kernels
    'MLP.trainRows float32 (auto kernels)': () => {
      const t0 = performance.now();
      for (let e = 0; e < epochs; e++)
        for (let s = 0; s + bs <= n; s += bs) trainRows(auto32, X32, T32, order, s, bs);
      return (epochs * updatesPerEpoch) / ((performance.now() - t0) / 1000);
    },
    'MLP.trainRows float32 (forced JS kernels)': () => {
      setKernelMode('js');
      const t0 = performance.now();
      for (let e = 0; e < epochs; e++)
        for (let s = 0; s + bs <= n; s += bs) trainRows(js32, X32, T32, order, s, bs);
      const rate = (epochs * updatesPerEpoch) / ((performance.now() - t0) / 1000);
      setKernelMode('auto');
      return rate;
    },
    'scalar nn.ts port': () => {
      const t0 = performance.now();
      for (let e = 0; e < refEpochs; e++) ref.epoch(x, y, 0.03, 0, bs);
      return (refEpochs * updatesPerEpoch) / ((performance.now() - t0) / 1000);
    },
  };
  const names = Object.keys(cases);
  const rates = interleave(cases, reps);

  console.log(
    `\nPlayground-compatible training, 2-8-8-1 tanh, batch ${bs}, ${n}-point spiral, ${reps} paired reps`,
  );
  const base = rates['PlaygroundTrainer']!;
  const rows = [
    ['implementation', 'updates/s (median)', 'PlaygroundTrainer ÷ it (median of paired ratios)'],
  ];
  for (const name of names) {
    const ratio = pairedRatio(base, rates[name]!);
    rows.push([
      name,
      Math.round(median(rates[name]!)).toLocaleString('en-US'),
      name === 'PlaygroundTrainer' ? '1.00' : `${ratio.toFixed(2)}×`,
    ]);
  }
  printTable(rows);
  console.log(
    `kernels ${JSON.stringify(kernelInfo())}; load average after the run ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}
