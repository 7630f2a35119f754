import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sgd } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { MLP, createMlpTask } from '../src/index.js';
import { GradientWorkers, shareOf } from '../src/mlp-workers.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function blobs(rows: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new Random(seed);
  const xs = new Float64Array(rows * 6);
  const ys = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    ys[i] = i % 3;
    for (let j = 0; j < 6; j++) xs[i * 6 + j] = (j % 3 === i % 3 ? 2 : 0) + rng.normal(0, 0.6);
  }
  return { x: new Tensor(xs, [rows, 6]), y: new Tensor(ys, [rows]) };
}

const make = (dtype: 'float32' | 'float64' = 'float64'): MLP =>
  new MLP({ layers: [6, 9, 3], activation: 'tanh', outputActivation: 'softmax', dtype, seed: 2, optimizer: sgd({ learningRate: 0.2 }) });

describe('data-parallel MLP training (worker_threads + SharedArrayBuffer)', () => {
  it('splits a batch into contiguous shares that cover it exactly', () => {
    for (const [count, w] of [[10, 3], [1, 2], [64, 4], [7, 7]] as const) {
      let next = 0;
      for (let s = 0; s < w; s++) {
        const [lo, hi] = shareOf(count, s, w);
        expect(lo).toBe(next);
        next = hi;
      }
      expect(next).toBe(count);
    }
  });

  it('reduces the workers’ gradients to the batch-mean gradient (float64: equal to rounding)', async () => {
    const { x, y } = blobs(37, 1);
    const ref = make();
    ref.computeGradients(x, y); // mean gradient, no penalty
    const expected = ref.gradients().map((g) => Float64Array.from(g));
    const net = make();
    const X = Float64Array.from(x.data);
    const T = new Float64Array(37 * 3);
    for (let i = 0; i < 37; i++) T[i * 3 + (y.data[i] as number)] = 1;
    const pool = new GradientWorkers(net, X, T, 3, 37);
    try {
      const loss = pool.step(Int32Array.from({ length: 37 }, (_, i) => i));
      expect(loss).toBeCloseTo(ref.loss(x, y), 12);
      net.gradients().forEach((g, i) => {
        // 37 summands of size ≲ 1 regrouped into 3 partial sums: |Δ| ≲ 37·2⁻⁵³ ≪ 1e-13
        for (let j = 0; j < g.length; j++) expect(Math.abs(g[j]! - expected[i]![j]!)).toBeLessThan(1e-13);
      });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('fit with workers is reproducible for a given count and learns like the serial run', () => {
    const { x, y } = blobs(240, 3);
    const runs = [2, 2, 1].map((workers) => {
      const net = make('float32');
      const h = net.fit(x, y, { maxEpochs: 8, batchSize: 48, seed: 4, workers });
      return { w: Float64Array.from(net.parameters()[0]!), acc: net.evaluate(x, y).accuracy, loss: h.loss.at(-1)! };
    });
    expect(runs[0]!.w).toEqual(runs[1]!.w); // bit-identical: fixed shares, fixed reduction order
    expect(runs[0]!.acc).toBeGreaterThan(0.9);
    // 1 vs 2 workers differ only by float32 rounding of regrouped sums over 8 epochs
    expect(Math.abs(runs[0]!.loss - runs[2]!.loss)).toBeLessThan(1e-4);
    expect(Math.abs(runs[0]!.acc - runs[2]!.acc)).toBeLessThanOrEqual(1 / 240);
  }, 60_000);

  it('rejects a bad worker count', () => {
    const { x, y } = blobs(12, 5);
    expect(() => createMlpTask(make(), { x, y, workers: 0 })).toThrow(/workers must be an integer in 1\.\.64; got 0/);
    expect(() => make().fit(x, y, { workers: 1.5 })).toThrow(/workers must be an integer/);
  });

  it('the process exits on its own after training ends and after an abort (threads stopped)', async () => {
    const script = (abort: boolean) => `
      import { Random, Tensor } from '@termgrad/tensor';
      import { MLP } from './src/index.ts';
      const rng = new Random(1);
      const x = new Tensor(Float64Array.from({ length: 2000 * 6 }, () => rng.normal()), [2000, 6]);
      const y = new Tensor(Float64Array.from({ length: 2000 }, (_, i) => i % 3), [2000]);
      const net = new MLP({ layers: [6, 16, 3], activation: 'tanh', outputActivation: 'softmax', seed: 1 });
      const ctl = new AbortController();
      let steps = 0;
      const h = net.fit(x, y, { maxEpochs: ${abort ? 1000 : 2}, batchSize: 200, workers: 2, signal: ctl.signal,
        onEvent: (e) => { if (e.type === 'progress' && ++steps >= 3 && ${abort}) ctl.abort(); } });
      console.log('done', h.reason);
    `;
    const run = (abort: boolean) =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', '--conditions=@termgrad/source', '--input-type=module', '-e', script(abort)], { cwd: pkg, timeout: 30_000 }, (err, stdout) =>
          err ? reject(err) : resolve(stdout.trim()),
        );
      });
    expect(await run(false)).toBe('done maxEpochs');
    expect(await run(true)).toBe('done aborted');
  }, 60_000);
});
