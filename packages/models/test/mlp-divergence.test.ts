import { sgd } from '@termgrad/optim';
import { describe, expect, it } from 'vitest';
import { MLP, ModelError } from '../src/index.js';

/** XOR-quadrant data: label 1 where x₁·x₂ > 0 (a fixed LCG, so the data do not depend on the code under test). */
function quadrants(n: number): { x: number[][]; y: number[] } {
  let s = 1;
  const r = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = r();
    const b = r();
    x.push([a, b]);
    y.push(a * b > 0 ? 1 : 0);
  }
  return { x, y };
}

const net = (lr: number): MLP =>
  new MLP({
    layers: [2, 8, 1],
    outputActivation: 'sigmoid',
    loss: 'binaryCrossEntropy',
    seed: 1,
    optimizer: sgd({ learningRate: lr }),
  });

describe('MLP.fit divergence by trend', () => {
  const { x, y } = quadrants(200);

  it('binary cross-entropy at a huge learning rate (finite, climbing loss) throws once, with the starting weights back', () => {
    const model = net(20);
    const start = Array.from(net(20).predict(x).toTypedArray());
    let error: unknown;
    try {
      model.fit(x, y, { maxEpochs: 30, batchSize: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    const message = (error as Error).message;
    // One sentence, "diverged" once: no "diverged at epoch 0: training diverged at step 13" nesting.
    expect(message.match(/diverged/g)).toHaveLength(1);
    expect(message).toMatch(
      /^MLP\.fit: training diverged at epoch \d+: the loss rose to [\d.e+]+, over 10 times its best [\d.]+ \(at the start\) for 2 epochs; the parameters of the start were restored; try a smaller learning rate$/,
    );
    // The loss at the start of binary cross-entropy with small random weights is about ln 2.
    const best = Number(/its best ([\d.]+)/.exec(message)?.[1]);
    expect(Math.abs(best - Math.LN2)).toBeLessThan(0.1);
    // Restored: the model predicts exactly what the same-seeded untrained network predicts.
    expect(Array.from(model.predict(x).toTypedArray())).toEqual(start);
  });

  it('a bumpy run that stays within 10× of its best is not stopped (lr 5)', () => {
    const h = net(5).fit(x, y, { maxEpochs: 30, batchSize: 10 });
    expect(h.reason).toBe('maxEpochs');
    expect(h.epochs).toBe(30);
  });

  it('divergence: false lets the climbing run finish, as before', () => {
    const h = net(20).fit(x, y, { maxEpochs: 5, batchSize: 10, divergence: false });
    expect(h.reason).toBe('maxEpochs');
    expect(Math.max(...h.loss)).toBeGreaterThan(10 * Math.LN2);
  });

  it('a bad rule is an error naming the option', () => {
    expect(() => net(1).fit(x, y, { maxEpochs: 1, divergence: { window: 0 } })).toThrow(
      /divergence\.window/,
    );
  });
});
