import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIVERGENCE,
  OptimError,
  sgd,
  type TrainEvent,
  Trainer,
  type TrainOptions,
  type TrainTask,
} from '../src/index.js';

/**
 * Gradient descent on f(x) = x² with one step per epoch: x ← (1 − 2·lr)·x, so the loss after epoch
 * k is exactly (1 − 2·lr)^(2k) (closed form; powers of 2 and 3 are exact in doubles here).
 */
function quadratic(lr: number, stepsPerEpoch = 1): TrainTask & { x: Float64Array } {
  const x = Float64Array.from([1]);
  const g = new Float64Array(1);
  const opt = sgd({ learningRate: lr });
  return {
    x,
    stepsPerEpoch,
    trainStep() {
      const loss = x[0]! * x[0]!;
      g[0] = 2 * x[0]!;
      opt.step([x], [g]);
      return loss;
    },
    evaluate: () => ({ trainLoss: x[0]! * x[0]! }),
    getParams: () => [x],
    setParams: (p) => x.set(p[0]!),
  };
}

function run(task: TrainTask, options: TrainOptions): TrainEvent[] {
  const trainer = new Trainer(task, options);
  const events: TrainEvent[] = [];
  while (!trainer.finished) events.push(...trainer.runSteps(7));
  return events;
}

describe('divergence by trend', () => {
  it('a finite loss that grows 10× past its best for 2 epochs ends the run and restores the starting weights', () => {
    // lr 1.5: x ← −2x, loss 4^k: 1 (start), 4, 16, 64 — epoch 2 (16) is the first over 10 × 1, epoch 3 the second.
    const task = quadratic(1.5);
    const events = run(task, { maxEpochs: 100 });
    const diverged = events.filter((e) => e.type === 'diverged');
    expect(diverged).toHaveLength(1);
    const d = diverged[0]!;
    if (d.type !== 'diverged') return;
    expect(d.snapshot.epoch).toBe(3);
    expect(d.restored).toBe(true);
    expect(task.x[0]).toBe(1); // the start (loss 1) was the best point
    expect(d.message).toBe(
      'training diverged at epoch 3: the loss rose to 64, over 10 times its best 1 (at the start) for 2 epochs; the parameters of the start were restored; try a smaller learning rate',
    );
    // One sentence: the word "diverged" once, no nesting of messages.
    expect(d.message.match(/diverged/g)).toHaveLength(1);
    const end = events.at(-1)!;
    expect(end.type === 'done' && end.reason).toBe('diverged');
  });

  it('is configurable: factor 100, window 1 fires at the first epoch over 100 × best', () => {
    const task = quadratic(1.5); // losses 4, 16, 64, 256: 256 > 100 at epoch 4
    const events = run(task, { maxEpochs: 100, divergence: { factor: 100, window: 1 } });
    const d = events.find((e) => e.type === 'diverged');
    expect(d?.snapshot.epoch).toBe(4);
    expect(task.x[0]).toBe(1);
  });

  it('restores the weights of the best epoch when the loss first fell, then grew', () => {
    // Scripted: x steps 1 → 0.5 → 0.25 (loss 0.0625, the best) → then jumps to 10 and 20.
    const xs = [0.5, 0.25, 10, 20, 40];
    const x = Float64Array.from([1]);
    let k = 0;
    const task: TrainTask = {
      stepsPerEpoch: 1,
      trainStep: () => {
        const loss = x[0]! * x[0]!;
        x[0] = xs[k++] ?? 80;
        return loss;
      },
      evaluate: () => ({ trainLoss: x[0]! * x[0]! }),
      getParams: () => [x],
      setParams: (p) => x.set(p[0]!),
    };
    const events = run(task, { maxEpochs: 50 });
    const d = events.find((e) => e.type === 'diverged');
    expect(d?.snapshot.epoch).toBe(4);
    expect(d?.type === 'diverged' && d.message).toContain('(at epoch 2)');
    expect(x[0]).toBe(0.25);
  });

  it('does not fire on a converging run whose tiny loss fluctuates (lr 0.1: loss 0.64^k)', () => {
    const events = run(quadratic(0.1), { maxEpochs: 200 });
    expect(events.some((e) => e.type === 'diverged')).toBe(false);
    const end = events.at(-1)!;
    expect(end.type === 'done' && end.reason).toBe('maxEpochs');
  });

  it('one bad epoch followed by recovery is not divergence (the window counts consecutive epochs)', () => {
    const losses = [1, 0.5, 20, 0.4, 30, 0.3];
    let e = 0;
    const events = run(
      { stepsPerEpoch: 1, trainStep: () => 1, evaluate: () => ({ trainLoss: losses[e++] ?? 0.2 }) },
      { maxEpochs: 10 },
    );
    expect(events.some((x) => x.type === 'diverged')).toBe(false);
  });

  it('divergence: false keeps the old rule (only NaN/Infinity ends the run)', () => {
    const events = run(quadratic(1.5), { maxEpochs: 20, divergence: false });
    expect(events.some((e) => e.type === 'diverged')).toBe(false);
    expect(events.at(-1)!.snapshot.trainLoss).toBe(4 ** 20);
  });

  it('rejects a bad rule with a message naming the option', () => {
    expect(() => new Trainer(quadratic(0.1), { divergence: { factor: 1 } })).toThrow(OptimError);
    expect(() => new Trainer(quadratic(0.1), { divergence: { factor: 1 } })).toThrow(
      /divergence\.factor/,
    );
    expect(() => new Trainer(quadratic(0.1), { divergence: { window: 0 } })).toThrow(
      /divergence\.window/,
    );
    expect(DEFAULT_DIVERGENCE).toEqual({ factor: 10, window: 2 });
  });
});
