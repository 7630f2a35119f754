import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sgd } from '@termgrad/optim';
import { Random, setKernelMode, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { createMlpTask, MLP } from '../src/index.js';
import { sumGradientIndexed } from '../src/mlp-internal.js';
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
  new MLP({
    layers: [6, 9, 3],
    activation: 'tanh',
    outputActivation: 'softmax',
    dtype,
    seed: 2,
    optimizer: sgd({ learningRate: 0.2 }),
  });

describe('data-parallel MLP training (worker_threads + SharedArrayBuffer)', () => {
  it('splits a batch into contiguous shares that cover it exactly', () => {
    for (const [count, w] of [
      [10, 3],
      [1, 2],
      [64, 4],
      [7, 7],
    ] as const) {
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
        for (let j = 0; j < g.length; j++)
          expect(Math.abs(g[j]! - expected[i]![j]!)).toBeLessThan(1e-13);
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
      return {
        w: Float64Array.from(net.parameters()[0]!),
        acc: net.evaluate(x, y).accuracy,
        loss: h.loss.at(-1)!,
      };
    });
    expect(runs[0]!.w).toEqual(runs[1]!.w); // bit-identical: fixed shares, fixed reduction order
    expect(runs[0]!.acc).toBeGreaterThan(0.9);
    // 1 vs 2 workers differ only by float32 rounding of regrouped sums over 8 epochs
    expect(Math.abs(runs[0]!.loss - runs[2]!.loss)).toBeLessThan(1e-4);
    expect(Math.abs(runs[0]!.acc - runs[2]!.acc)).toBeLessThanOrEqual(1 / 240);
  }, 60_000);

  it('gives bit-identical gradients whichever thread computes which share', async () => {
    const { x, y } = blobs(50, 6);
    const X = Float32Array.from(x.data);
    const T = new Float32Array(50 * 3);
    for (let i = 0; i < 50; i++) T[i * 3 + (y.data[i] as number)] = 1;
    const batch = Int32Array.from({ length: 50 }, (_, i) => (i * 7) % 50);
    const results: { loss: number; g: Float64Array[] }[] = [];
    for (const selfShare of [true, false]) {
      const net = make('float32');
      const pool = new GradientWorkers(net, X, T, 3, 50, { selfShare });
      try {
        expect(pool.waitReady(20_000)).toBe(2);
        const loss = pool.step(batch);
        results.push({ loss, g: net.gradients().map((g) => Float64Array.from(g)) });
      } finally {
        await pool.close();
      }
    }
    // selfShare false: the two workers computed all 3 shares; true: any split — same bits
    expect(results[0]!.loss).toBe(results[1]!.loss);
    expect(results[0]!.g).toEqual(results[1]!.g);
    // and the mean gradient matches the serial float64 one to float32 rounding
    const ref = make('float64');
    const xs = new Tensor(
      Float64Array.from(
        Array.from(batch).flatMap((r) => Array.from(x.data.subarray(r * 6, r * 6 + 6))),
      ),
      [50, 6],
    );
    const ys = new Tensor(
      Float64Array.from(batch, (r) => y.data[r] as number),
      [50],
    );
    ref.computeGradients(xs, ys);
    ref.gradients().forEach((g, i) => {
      // |g| ≲ 1, 50 rows of float32 products: a few float32 ulps of the row sums ≪ 1e-5
      for (let j = 0; j < g.length; j++)
        expect(Math.abs(results[0]!.g[i]![j]! - g[j]!)).toBeLessThan(1e-5);
    });
  }, 60_000);

  it('workers follow the kernel mode of the calling thread (TERMGRAD_KERNELS / setKernelMode)', async () => {
    // shares of 20 rows × 64 inputs × 32 units: large enough for the wasm kernels in 'auto' mode,
    // so a worker ignoring the forced 'js' mode would give different float32 bits
    const rng = new Random(11);
    const rows = 60;
    const X = Float32Array.from({ length: rows * 64 }, () => rng.normal());
    const T = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) T[i * 3 + (i % 3)] = 1;
    const batch = Int32Array.from({ length: rows }, (_, i) => i);
    const net = () =>
      new MLP({
        layers: [64, 32, 3],
        activation: 'relu',
        outputActivation: 'softmax',
        dtype: 'float32',
        seed: 5,
      });
    setKernelMode('js');
    try {
      // expected: the same 3 shares computed here, on the JS kernels, summed in share order
      const ref = net();
      const sums = [0, 1, 2].map((s) => {
        const [lo, hi] = shareOf(rows, s, 3);
        sumGradientIndexed(ref, X, T, batch, lo, hi - lo);
        return ref.gradients().map((g) => Float32Array.from(g));
      });
      const expected = sums[0]!.map((g, i) =>
        Float32Array.from(g, (v, j) => (v + sums[1]![i]![j]! + sums[2]![i]![j]!) * (1 / rows)),
      );
      const model = net();
      const pool = new GradientWorkers(model, X, T, 3, rows, { selfShare: false });
      try {
        expect(pool.waitReady(20_000)).toBe(2);
        pool.step(batch);
        expect(model.gradients().map((g) => Float32Array.from(g))).toEqual(expected);
      } finally {
        await pool.close();
      }
    } finally {
      setKernelMode('auto');
    }
  }, 60_000);

  describe('failure paths: a clear error, the pool closed', () => {
    const setup = () => {
      const { x, y } = blobs(40, 7);
      const X = Float64Array.from(x.data);
      const T = new Float64Array(40 * 3);
      for (let i = 0; i < 40; i++) T[i * 3 + (y.data[i] as number)] = 1;
      return { X, T, batch: Int32Array.from({ length: 40 }, (_, i) => i) };
    };
    it('a worker that throws', async () => {
      const { X, T, batch } = setup();
      const pool = new GradientWorkers(make(), X, T, 2, 40, { fault: 'throw', selfShare: false });
      try {
        expect(pool.waitReady(20_000)).toBe(1);
        expect(() => pool.step(batch)).toThrow(
          /MLP\.fit: gradient worker 1 of 1 failed: injected fault/,
        );
        expect(() => pool.step(batch)).toThrow(/the worker pool is closed/);
      } finally {
        await pool.close();
      }
    }, 60_000);
    it('a worker that exits', async () => {
      const { X, T, batch } = setup();
      const pool = new GradientWorkers(make(), X, T, 2, 40, { fault: 'exit', selfShare: false });
      try {
        expect(pool.waitReady(20_000)).toBe(1);
        expect(() => pool.step(batch)).toThrow(
          /gradient worker 1 of 1 failed: the thread exited unexpectedly \(exit code 3\)/,
        );
      } finally {
        await pool.close();
      }
    }, 60_000);
    it('a worker whose entry fails to load', async () => {
      const { X, T, batch } = setup();
      const pool = new GradientWorkers(make(), X, T, 2, 40, { fault: 'load' });
      try {
        expect(pool.waitReady(20_000)).toBe(0);
        expect(() => pool.step(batch)).toThrow(
          /gradient worker 1 of 1 failed: .*mlp-worker-missing/,
        );
      } finally {
        await pool.close();
      }
    }, 60_000);
    it('a worker that hangs on its share times out', async () => {
      const { X, T, batch } = setup();
      const pool = new GradientWorkers(make(), X, T, 2, 40, {
        fault: 'hang',
        selfShare: false,
        timeoutMs: 300,
      });
      try {
        expect(pool.waitReady(20_000)).toBe(1);
        expect(() => pool.step(batch)).toThrow(
          /gradient workers did not answer within 300 ms; 0 of 2 shares of the batch finished/,
        );
      } finally {
        await pool.close();
      }
    }, 60_000);
    it('the process exits on its own after a hung worker timed out', async () => {
      const script = `
        import { MLP } from './src/index.ts';
        import { GradientWorkers } from './src/mlp-workers.ts';
        const net = new MLP({ layers: [2, 3, 1], seed: 1 });
        const pool = new GradientWorkers(net, new Float64Array(8), new Float64Array(4), 2, 4, { fault: 'hang', selfShare: false, timeoutMs: 200 });
        pool.waitReady(20000);
        try { pool.step(Int32Array.of(0, 1, 2, 3)); } catch (e) { console.log(e.message); }
      `;
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', '--conditions=@termgrad/source', '--input-type=module', '-e', script],
          { cwd: pkg, timeout: 30_000 },
          (err, stdout) => (err ? reject(err) : resolve(stdout.trim())),
        );
      });
      expect(out).toBe(
        'MLP.fit: gradient workers did not answer within 200 ms; 0 of 2 shares of the batch finished',
      );
    }, 60_000);
  });

  it('rejects a bad worker count', () => {
    const { x, y } = blobs(12, 5);
    expect(() => createMlpTask(make(), { x, y, workers: 0 })).toThrow(
      /workers must be an integer in 1\.\.64; got 0/,
    );
    expect(() => make().fit(x, y, { workers: 1.5 })).toThrow(/workers must be an integer/);
  });

  it('the process exits on its own after training ends and after an abort (threads stopped)', async () => {
    const script = (abort: boolean) => `
      import { Random, Tensor, setKernelMode } from '@termgrad/tensor';
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
        execFile(
          process.execPath,
          [
            '--import',
            'tsx',
            '--conditions=@termgrad/source',
            '--input-type=module',
            '-e',
            script(abort),
          ],
          { cwd: pkg, timeout: 30_000 },
          (err, stdout) => (err ? reject(err) : resolve(stdout.trim())),
        );
      });
    expect(await run(false)).toBe('done maxEpochs');
    expect(await run(true)).toBe('done aborted');
  }, 60_000);
});
