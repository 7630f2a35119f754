// Data-parallel MLP training: `createMlpTask(..., { workers: n })` (what `MLP.fit({ workers })` runs)
// at 1, 2, … threads (up to os.availableParallelism()), interleaved paired reps in one process.
// MNIST 784-128-64-10 relu/softmax, float32, SGD lr 0.1; batch 256 and 1024. Each thread count
// trains its own copy of the same network on the same batches; a rep times 20 steps after warm-up,
// then a 512×512 float32 matmul on 1 and 2 threads: the ceiling a second core offers at that moment.
// One more row, 2 threads with the optimizer stepped on the calling thread after the reduction (the
// path of a custom optimizer, and of every optimizer before the update moved into the reduction):
// the built-in SGD behind an opaque wrapper, same bits, paired in the same reps.
// Run: pnpm bench models workers [--reps 5] [--max 2] [--adam] (Adam 1e-3 instead of SGD 0.1)
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { loadDigits } from '@termgrad/datasets/node';
import { createMlpTask, MLP } from '@termgrad/models';
import { adam, type Optimizer, sgd } from '@termgrad/optim';
import {
  kernelInfo,
  matmul,
  Random,
  randomUniform,
  setKernelThreads,
  Tensor,
} from '@termgrad/tensor';
import { arg, median, pairedRatio, printTable } from './harness.js';

/** Entry point used by run.ts. */
export async function run(args: string[]): Promise<void> {
  const reps = arg(args, 'reps', 5);
  const max = Math.max(2, arg(args, 'max', Math.min(4, availableParallelism())));
  const useAdam = args.includes('--adam');
  const optimizer = (): Optimizer =>
    useAdam ? adam({ learningRate: 1e-3 }) : sgd({ learningRate: 0.1 });
  const { train } = await loadDigits({
    seed: 1,
    trainFraction: 0.8,
    mnistDir: dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
  });
  const n = 4096;
  const x = new Tensor(Float64Array.from((train.x.data as Float64Array).subarray(0, n * 784)), [
    n,
    784,
  ]);
  const y = new Tensor(Float64Array.from(train.y.data.subarray(0, n)), [n]);
  console.log(
    `node ${process.version}, ${availableParallelism()} cores, kernels ${JSON.stringify(kernelInfo())}`,
  );
  for (const batch of [256, 1024]) {
    const counts = Array.from({ length: max }, (_, i) => i + 1);
    const make = (workers: number, optimizer: Optimizer) =>
      createMlpTask(
        new MLP({
          layers: [784, 128, 64, 10],
          activation: 'relu',
          outputActivation: 'softmax',
          dtype: 'float32',
          seed: 1,
          optimizer,
        }),
        { x, y, batchSize: batch, workers, seed: 1 },
      );
    const tasks = counts.map((workers) => make(workers, optimizer()));
    // the same optimizer as a custom one: the pool leaves its step to the calling thread
    const inner = optimizer();
    tasks.push(
      make(2, {
        get type() {
          return inner.type;
        },
        get t() {
          return inner.t;
        },
        get learningRate() {
          return inner.learningRate;
        },
        get lr() {
          return inner.learningRate;
        },
        step: (p, g) => inner.step(p, g),
        setLearningRate: (lr) => inner.setLearningRate(lr),
        state: () => inner.state(),
        reset: () => inner.reset(),
      }),
    );
    for (const t of tasks) {
      t.onEpochStart?.(0);
      // thread start-up (a worker not yet running simply takes no share), JIT, wasm warm-up
      const t0 = performance.now();
      for (let i = 0; i < 8 || performance.now() - t0 < 2000; i++) t.trainStep();
    }
    const ms: number[][] = tasks.map(() => []);
    // the machine's own ceiling in the same reps: a 512×512 float32 matmul on 1 and 2 threads
    // (no reduction, no optimizer step) — what a second core can give at that moment
    const a = randomUniform(new Random(1), [512, 512], -1, 1, { dtype: 'float32' });
    const out = matmul(a, a);
    const ceiling: number[][] = [[], []];
    const mm = (threads: number): number => {
      setKernelThreads(threads);
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) matmul(a, a, out);
      setKernelThreads('auto');
      return (performance.now() - t0) / 5;
    };
    mm(1);
    mm(2);
    for (let r = 0; r < reps; r++) {
      tasks.forEach((t, i) => {
        const t0 = performance.now();
        for (let s = 0; s < 20; s++) t.trainStep();
        ms[i]!.push((performance.now() - t0) / 20);
      });
      ceiling[0]!.push(mm(1));
      ceiling[1]!.push(mm(2));
    }
    for (const t of tasks) t.close();
    console.log(
      `\nMNIST 784-128-64-10, float32, ${useAdam ? 'Adam' : 'SGD'}, batch ${batch}: ms per training step, ${reps} interleaved reps`,
    );
    const rows = [['threads', 'ms/step (median)', 'samples/s', 'speed-up over 1 thread (paired)']];
    counts.forEach((c, i) => {
      const m = median(ms[i]!);
      rows.push([
        String(c),
        m.toFixed(2),
        Math.round((batch * 1000) / m).toLocaleString('en-US'),
        c === 1 ? '1.00' : `${pairedRatio(ms[0]!, ms[i]!).toFixed(2)}×`,
      ]);
    });
    const m = median(ms[max]!);
    rows.push([
      '2, optimizer on the calling thread',
      m.toFixed(2),
      Math.round((batch * 1000) / m).toLocaleString('en-US'),
      `${pairedRatio(ms[0]!, ms[max]!).toFixed(2)}× (in-reduction update: ${pairedRatio(ms[max]!, ms[1]!).toFixed(2)}× faster)`,
    ]);
    printTable(rows, { align: 'right' });
    console.log(
      `ceiling in the same reps: matmul 512 float32, 2 threads ÷ 1 = ${pairedRatio(ceiling[0]!, ceiling[1]!).toFixed(2)}× (paired)`,
    );
    console.log(
      `load average after the run: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')} (1/5/15 min)`,
    );
  }
}
