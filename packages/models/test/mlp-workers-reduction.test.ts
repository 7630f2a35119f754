// The worker pool's parallel reduction: chunks of CHUNK parameters, claimed by any thread, each
// element the per-share sums added in share order times 1/count. Checked bit for bit against that
// rule computed here on one thread from per-share gradients, on a network whose parameters span
// several chunks (the last one partial).
import { sgd } from '@termgrad/optim';
import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { MLP } from '../src/index.js';
import { sumGradientIndexed } from '../src/mlp-internal.js';
import { CHUNK, GradientWorkers, shareOf } from '../src/mlp-workers.js';

const LAYERS = [40, 300, 20, 4]; // 12 000 + 300 + 6 000 + 20 + 80 + 4 = 18 404 parameters

function build(dtype: 'float32' | 'float64'): MLP {
  return new MLP({
    layers: LAYERS,
    activation: 'tanh',
    outputActivation: 'softmax',
    dtype,
    seed: 9,
    optimizer: sgd({ learningRate: 0.1 }),
  });
}

function data(
  rows: number,
  dtype: 'float32' | 'float64',
): { X: Float32Array | Float64Array; T: Float32Array | Float64Array } {
  const rng = new Random(5);
  const X = dtype === 'float32' ? new Float32Array(rows * 40) : new Float64Array(rows * 40);
  const T = dtype === 'float32' ? new Float32Array(rows * 4) : new Float64Array(rows * 4);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 40; j++) X[i * 40 + j] = rng.normal(0, 1);
    T[i * 4 + (i % 4)] = 1;
  }
  return { X, T };
}

describe('GradientWorkers: chunked parallel reduction', () => {
  it.each([
    ['float64', 3, 61],
    ['float32', 2, 64],
    ['float32', 4, 50],
  ] as const)(
    '%s, %i threads, batch %i: bit for bit the share-order sum of the per-share gradients',
    async (dtype, workers, count) => {
      const total = LAYERS.slice(1).reduce((s, n, l) => s + (LAYERS[l] as number) * n + n, 0);
      expect(total).toBeGreaterThan(2 * CHUNK); // several chunks, the last one partial
      expect(total % CHUNK).not.toBe(0);
      const { X, T } = data(100, dtype);
      const batch = Int32Array.from({ length: count }, (_, i) => (i * 37 + 11) % 100);
      // the rule, on this thread: per-share summed gradients, added in share order, times 1/count
      const ref = build(dtype);
      const shares: number[][] = [];
      let refLoss = 0;
      for (let s = 0; s < workers; s++) {
        const [lo, hi] = shareOf(count, s, workers);
        refLoss += sumGradientIndexed(ref, X, T, batch, lo, hi - lo);
        shares.push(ref.gradients().flatMap((g) => Array.from(g)));
      }
      const inv = 1 / count;
      const expected = (shares[0] as number[]).map((v0, j) => {
        let v = v0;
        for (let s = 1; s < workers; s++) v += (shares[s] as number[])[j] as number;
        return dtype === 'float32' ? Math.fround(v * inv) : v * inv;
      });
      const net = build(dtype);
      // a custom optimizer: the pool leaves the update to the caller (a built-in one would be
      // applied in the reduction and move the parameters between the repeated steps)
      const inner = net.optimizer;
      net.optimizer = {
        type: inner.type,
        t: 0,
        learningRate: 0.1,
        lr: 0.1,
        step: (p, g) => inner.step(p, g),
        setLearningRate: (lr) => inner.setLearningRate(lr),
        state: () => inner.state(),
        reset: () => inner.reset(),
      };
      const pool = new GradientWorkers(net, X, T, workers, count);
      try {
        expect(pool.waitReady(20_000)).toBe(workers - 1);
        for (let rep = 0; rep < 3; rep++) {
          // repeated steps on the same parameters: the chunk counters reset every step
          const loss = pool.step(batch);
          expect(loss).toBe(refLoss * inv);
          expect(net.gradients().flatMap((g) => Array.from(g))).toEqual(expected);
        }
      } finally {
        await pool.close();
      }
    },
    60_000,
  );
});
