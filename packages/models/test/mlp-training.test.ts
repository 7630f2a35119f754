import { EarlyStopping, sgd, type TrainEvent, Trainer, train } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { createMlpTask, MLP, ModelError } from '../src/index.js';

/** Two Gaussian classes in 2-D (the lecture's two-class setting). */
function twoBlobs(n: number, seed: number): { x: number[][]; y: number[] } {
  const rng = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    x.push([rng.normal(c === 0 ? -1.5 : 1.5, 1), rng.normal(c === 0 ? -1 : 1, 1)]);
    y.push(c);
  }
  return { x, y };
}

/** The Playground's circle data set: label +1 inside radius 2.5, −1 in the ring 3.5..5. */
function circle(n: number, seed: number): { x: number[][]; y: number[] } {
  const rng = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0;
    const r = inside ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    const a = rng.uniform(0, 2 * Math.PI);
    x.push([r * Math.cos(a), r * Math.sin(a)]);
    y.push(inside ? 1 : -1);
  }
  return { x, y };
}

describe('MLP learns the lecture examples', () => {
  it('learns XOR with sigmoid units and sum-of-squares (the lecture network)', () => {
    const x = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ];
    const y = [0, 1, 1, 0];
    const net = new MLP({
      layers: [2, 4, 1],
      activation: 'sigmoid',
      outputActivation: 'sigmoid',
      loss: 'squaredError',
      seed: 3,
      optimizer: sgd({ learningRate: 2, momentum: 0.9 }),
    });
    for (let i = 0; i < 3000; i++) net.trainBatch(x, y);
    expect(net.predict(x).toArray()).toEqual(y);
    // a learned XOR leaves every output within 0.2 of its target, i.e. loss < ½·0.2² = 0.02
    expect(net.loss(x, y)).toBeLessThan(0.02);
  });

  it('separates two Gaussian classes (two-class example) with fit and a validation split', () => {
    const { x, y } = twoBlobs(400, 1);
    const net = new MLP({
      layers: [2, 3, 1],
      activation: 'sigmoid',
      outputActivation: 'sigmoid',
      loss: 'binaryCrossEntropy',
      seed: 1,
      optimizer: sgd({ learningRate: 0.5 }),
    });
    const h = net.fit(x, y, { maxEpochs: 30, batchSize: 16, validationSplit: 0.25, seed: 2 });
    expect(h.epochs).toBe(30);
    expect(h.loss[29]!).toBeLessThan(h.loss[0]!);
    // the Bayes error of these classes is ≈ 7 % (means 3.6 apart along a direction of unit variance); 0.88 leaves room for sampling
    expect(h.valAccuracy[29]!).toBeGreaterThan(0.88);
    const test = twoBlobs(400, 99);
    expect(net.evaluate(test.x, test.y).accuracy).toBeGreaterThan(0.88);
  });

  it('learns the Playground circle with 2-8-8-1 tanh through the optim driver', async () => {
    const { x, y } = circle(500, 4);
    const net = new MLP({
      layers: [2, 8, 8, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 7,
      optimizer: sgd({ learningRate: 0.03 }),
    });
    const task = createMlpTask(net, {
      x: x.slice(0, 250),
      y: y.slice(0, 250),
      validation: { x: x.slice(250), y: y.slice(250) },
      batchSize: 10,
      seed: 1,
    });
    const events: TrainEvent[] = [];
    for await (const e of train(task, { maxEpochs: 60, stepsPerChunk: 50 })) events.push(e);
    const last = events.at(-1)!;
    expect(last.type === 'done' && last.reason).toBe('maxEpochs');
    expect(last.snapshot.metrics['valAccuracy']).toBeGreaterThan(0.95);
    // Playground loss = mean ½(o − t)²; a 95 %-accurate tanh classifier is far below the initial ≈ 0.5
    expect(last.snapshot.valLoss!).toBeLessThan(0.15);
  });
});

describe('MLP training control', () => {
  it('is deterministic under a seed', () => {
    const run = (): number[] => {
      const { x, y } = twoBlobs(100, 3);
      const net = new MLP({
        layers: [2, 5, 1],
        outputActivation: 'sigmoid',
        loss: 'binaryCrossEntropy',
        seed: 5,
        optimizer: sgd({ learningRate: 0.1 }),
      });
      return net.fit(x, y, { maxEpochs: 3, batchSize: 7, seed: 11 }).loss;
    };
    expect(run()).toEqual(run());
  });

  it('early stopping in fit restores the weights of the best validation epoch', () => {
    const { x, y } = twoBlobs(200, 6);
    const net = new MLP({
      layers: [2, 16, 1],
      outputActivation: 'sigmoid',
      loss: 'binaryCrossEntropy',
      seed: 2,
      optimizer: sgd({ learningRate: 3 }),
    });
    const es = new EarlyStopping({ patience: 2 });
    const val = twoBlobs(60, 7);
    const h = net.fit(x, y, {
      maxEpochs: 200,
      batchSize: 8,
      validationData: val,
      earlyStopping: es,
    });
    expect(h.reason).toBe('earlyStopping');
    // the restored weights reproduce the best recorded validation loss (same data, same computation)
    expect(net.loss(val.x, val.y)).toBeCloseTo(Math.min(...h.valLoss), 12);
    expect(h.bestEpoch).toBe(h.valLoss.indexOf(Math.min(...h.valLoss)) + 1);
  });

  it('reports divergence on a too-large learning rate and keeps the last good weights', () => {
    const rng = new Random(1);
    const x = new Tensor(
      Float64Array.from({ length: 200 }, () => rng.normal(0, 10)),
      [100, 2],
    );
    const y = Array.from({ length: 100 }, (_, i) => 50 * x.get(i, 0));
    const net = new MLP({
      layers: [2, 8, 1],
      activation: 'linear',
      seed: 1,
      optimizer: sgd({ learningRate: 5 }),
    });
    const task = createMlpTask(net, { x, y, batchSize: 10 });
    const trainer = new Trainer(task, { maxEpochs: 100 });
    const events: TrainEvent[] = [];
    while (!trainer.finished) events.push(...trainer.runSteps(5));
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged?.type === 'diverged' && diverged.message).toMatch(
      /diverged at step \d+.*smaller learning rate/,
    );
    expect(net.parameters().every((p) => Array.from(p).every(Number.isFinite))).toBe(true);
    const net2 = new MLP({
      layers: [2, 8, 1],
      activation: 'linear',
      seed: 1,
      optimizer: sgd({ learningRate: 5 }),
    });
    expect(() => net2.fit(x, y, { maxEpochs: 100, batchSize: 10 })).toThrow(ModelError);
  });
});
