// PlaygroundTrainer's penalty-free update path (no carry, no penalty, no dead link) against the
// general Playground rule, and the trainer against the MLP's own mini-batch step.
import { playgroundDataset } from '@termgrad/datasets';
import { sgd } from '@termgrad/optim';
import { describe, expect, it } from 'vitest';
import { MLP, PlaygroundTrainer, type Regularization } from '../src/index.js';
import { trainRows } from '../src/mlp-internal.js';

function spiral(n: number, seed: number): { x: number[][]; y: number[] } {
  const d = playgroundDataset('spiral', { seed, numSamples: n });
  return { x: d.x.toArray() as number[][], y: d.y.toArray() as number[] };
}

function net(dtype: 'float64' | 'float32' = 'float64', seed = 3): MLP {
  return new MLP({
    layers: [2, 8, 8, 1],
    activation: 'tanh',
    outputActivation: 'tanh',
    init: 'playground',
    seed,
    dtype,
    optimizer: sgd({ learningRate: 0.03 }),
  });
}

/** Every parameter of the model, in order, as plain numbers (bit patterns compared by toEqual's Object.is). */
function flat(model: MLP): number[] {
  return model.parameters().flatMap((p) => Array.from(p));
}

describe('PlaygroundTrainer penalty-free path', () => {
  // With regularization 'l2' at λ = 0 every update goes through the general rule (regDer = w, w′ =
  // v − 0·w = v): the same numbers as the Playground's 'none', bit for bit, whatever path 'none' takes.
  it.each([
    ['float64', 200, 10],
    ['float64', 203, 10], // 3 points carried every epoch: the carry update must be the general one
    ['float32', 200, 7], // 4 carried
  ] as const)(
    'gives bitwise the weights of the general rule (%s, %i points, batch %i)',
    (dtype, n, bs) => {
      const { x, y } = spiral(n, 4);
      const run = (reg: Regularization): MLP => {
        const model = net(dtype);
        const pg = new PlaygroundTrainer(model, {
          x,
          y,
          learningRate: 0.1,
          batchSize: bs,
          regularization: reg,
          lambda: 0,
        });
        for (let e = 0; e < 15; e++) pg.epoch();
        return model;
      };
      const fast = flat(run('none'));
      const general = flat(run('l2'));
      expect(fast).toEqual(general);
      // and training moved the weights (the comparison is not of two untouched copies)
      expect(fast).not.toEqual(flat(net(dtype)));
    },
  );

  it('leaves links killed by L1 dead (weight 0) after the penalty is switched off', () => {
    const { x, y } = spiral(100, 6);
    const run = (after: Regularization): PlaygroundTrainer => {
      const pg = new PlaygroundTrainer(net(), {
        x,
        y,
        learningRate: 0.1,
        batchSize: 10,
        regularization: 'l1',
        lambda: 0.05,
      });
      for (let e = 0; e < 5; e++) pg.epoch();
      pg.setRegularization(after, 0);
      for (let e = 0; e < 5; e++) pg.epoch();
      return pg;
    };
    const off = run('none');
    expect(off.deadLinks).toBeGreaterThan(0);
    let zeros = 0;
    for (let l = 0; l < off.model.depth; l++) {
      const w = off.model.getWeights(l).toArray() as number[][];
      w.forEach((row, i) =>
        row.forEach((v, j) => {
          if (off.isDead(l, i, j)) {
            expect(v).toBe(0);
            zeros++;
          }
        }),
      );
    }
    expect(zeros).toBe(off.deadLinks);
    expect(flat(off.model)).toEqual(flat(run('l2').model));
  });
});

describe('PlaygroundTrainer and MLP.trainRows', () => {
  it('train the same network to the same weights up to rounding (batch size dividing the data)', () => {
    // Same seed, data, order and rate; no carry, no penalty. Both take w ← w − lr·(1/B)Σδa, but the
    // trainer applies 1/B to the summed gradient and the MLP scales δ before summing, so the two
    // differ by a few ulps per update (≈ 4e-14 relative after 1000 updates, measured); a real
    // difference of rule (a wrong mean, a skipped bias) is ≥ 1e-3.
    const n = 500;
    const bs = 10;
    const { x, y } = spiral(n, 1);
    const pg = new PlaygroundTrainer(net('float64', 1), {
      x,
      y,
      learningRate: 0.03,
      batchSize: bs,
    });
    const plain = net('float64', 1);
    const X = new Float64Array(x.flat());
    const T = new Float64Array(y);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let e = 0; e < 20; e++) {
      pg.epoch();
      for (let s = 0; s + bs <= n; s += bs) trainRows(plain, X, T, order, s, bs);
    }
    const a = flat(pg.model);
    const b = flat(plain);
    const start = flat(net('float64', 1));
    let worst = 0;
    let moved = 0;
    for (let i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1e-3, Math.abs(b[i]!)));
      moved = Math.max(moved, Math.abs(b[i]! - start[i]!));
    }
    expect(worst).toBeLessThan(1e-10);
    expect(moved).toBeGreaterThan(0.01);
  });
});
