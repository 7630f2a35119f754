// @termgrad/optim benchmarks: optimizer update throughput and training-driver overhead.
// Run: pnpm bench optim [--n 1000000] [--reps 7] [--steps 200000]
// Interleaved reps in one process (rep 1 of every case, then rep 2, ...); medians are printed.
import { adam, type Optimizer, rmsprop, sgd, Trainer } from '@termgrad/optim';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const n = arg('n', 1_000_000);
const reps = arg('reps', 7);
const steps = arg('steps', 200_000);

const cases: [string, () => Optimizer, 'f64' | 'f32'][] = [
  ['sgd', () => sgd({ learningRate: 0.01 }), 'f64'],
  [
    'sgd momentum nesterov',
    () => sgd({ learningRate: 0.01, momentum: 0.9, nesterov: true }),
    'f64',
  ],
  ['adam', () => adam({ learningRate: 0.001 }), 'f64'],
  ['adam (float32 params)', () => adam({ learningRate: 0.001 }), 'f32'],
  ['rmsprop', () => rmsprop({ learningRate: 0.001 }), 'f64'],
];
const state = cases.map(([, make, dt]) => {
  const p = dt === 'f64' ? new Float64Array(n).fill(1) : new Float32Array(n).fill(1);
  const g = dt === 'f64' ? new Float64Array(n).fill(0.5) : new Float32Array(n).fill(0.5);
  const opt = make();
  opt.step([p], [g]);
  return { opt, p, g };
});
const times: number[][] = cases.map(() => []);
for (let r = 0; r < reps; r++) {
  state.forEach(({ opt, p, g }, c) => {
    const t0 = performance.now();
    opt.step([p], [g]);
    times[c]!.push(performance.now() - t0);
  });
}
console.log(`optimizer.step over ${n.toLocaleString('en-US')} parameters (median of ${reps})`);
console.log('case                      ms/step   M params/s');
cases.forEach(([name], c) => {
  const ms = median(times[c]!);
  console.log(
    `${name.padEnd(24)} ${ms.toFixed(2).padStart(8)} ${(n / ms / 1000).toFixed(0).padStart(11)}`,
  );
});

// Driver overhead: a task whose step is trivial, run in chunks of 1000 steps.
let x = 0;
const trainer = new Trainer(
  { stepsPerEpoch: 1000, trainStep: () => (x = (x + 1) % 7), evaluate: () => ({ trainLoss: 0 }) },
  { maxSteps: steps, maxEpochs: 1_000_000 },
);
const t0 = performance.now();
while (!trainer.finished) trainer.runSteps(1000);
const ms = performance.now() - t0;
console.log(
  `\nTrainer overhead: ${steps.toLocaleString('en-US')} trivial steps in ${ms.toFixed(1)} ms = ${((ms * 1e6) / steps).toFixed(0)} ns/step (epoch every 1000 steps)`,
);
