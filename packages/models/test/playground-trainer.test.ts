import { type PlaygroundName, playgroundDataset } from '@termgrad/datasets';
import { describe, expect, it } from 'vitest';
import {
  type Activation,
  MLP,
  type MLPJSON,
  ModelError,
  PlaygroundTrainer,
  type Regularization,
} from '../src/index.js';
import { type RefNode, RefPlayground } from './playground-reference.js';

interface Data {
  x: number[][];
  y: number[];
}

/** The first n points of a seeded Playground data set, feature-mapped by `features`. */
function data(
  name: PlaygroundName,
  n: number,
  seed: number,
  features: (p: number[]) => number[] = (p) => p,
): Data {
  const d = playgroundDataset(name, { seed, noise: 10 });
  return {
    x: (d.x.toArray() as number[][]).slice(0, n).map(features),
    y: (d.y.toArray() as number[]).slice(0, n),
  };
}

const playgroundFeatures = (p: number[]): number[] => {
  const [x, y] = p as [number, number];
  return [x, y, x * x, y * y, x * y, Math.sin(x), Math.sin(y)];
};

/**
 * Largest |trainer − reference| over every weight and bias, relative to max(1, |reference|).
 * Both start from identical weights; only summation order differs (the trainer sums a segment as
 * one batch, then adds the carry), so differences are a few ulps grown through the updates.
 */
function maxRelDiff(model: MLP, ref: RefPlayground): number {
  let worst = 0;
  for (let l = 0; l < model.depth; l++) {
    const w = model.getWeights(l).toArray() as number[][];
    const b = model.getBias(l).toArray() as number[];
    (ref.net[l + 1] as RefNode[]).forEach((node, j) => {
      worst = Math.max(
        worst,
        Math.abs((b[j] as number) - node.bias) / Math.max(1, Math.abs(node.bias)),
      );
      node.inputLinks.forEach((link, i) => {
        const v = (w[i] as number[])[j] as number;
        worst = Math.max(worst, Math.abs(v - link.weight) / Math.max(1, Math.abs(link.weight)));
      });
    });
  }
  return worst;
}

interface Case {
  hidden: Activation;
  output: 'tanh' | 'linear';
  layers: number[];
  d: Data;
  lr: number;
  batchSize: number;
  reg?: Regularization;
  regRate?: number;
  epochs: number;
  seed?: number;
}

function runBoth(c: Case): { model: MLP; trainer: PlaygroundTrainer; ref: RefPlayground } {
  const model = new MLP({
    layers: c.layers,
    activation: c.hidden,
    outputActivation: c.output,
    init: 'playground',
    seed: c.seed ?? 7,
  });
  const reg = c.reg ?? 'none';
  const regRate = c.regRate ?? 0;
  const ref = new RefPlayground(model, c.hidden, c.output, reg);
  const trainer = new PlaygroundTrainer(model, {
    x: c.d.x,
    y: c.d.y,
    learningRate: c.lr,
    batchSize: c.batchSize,
    regularization: reg,
    lambda: regRate,
  });
  for (let e = 0; e < c.epochs; e++) {
    trainer.epoch();
    ref.epoch(c.d.x, c.d.y, c.lr, regRate, c.batchSize);
  }
  return { model, trainer, ref };
}

// a few ulps (1e-16) of summation-order difference per update, grown over ≤ 200 updates
const EXACT = 1e-12;

describe('PlaygroundTrainer reproduces the Playground engine (scalar reference)', () => {
  const circle = data('circle', 60, 1);

  it('matches when the batch size divides the training size (tanh, classification)', () => {
    const { model, trainer, ref } = runBoth({
      hidden: 'tanh',
      output: 'tanh',
      layers: [2, 4, 2, 1],
      d: circle,
      lr: 0.03,
      batchSize: 10,
      epochs: 8,
    });
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
    expect(trainer.pendingCount).toBe(0);
    expect(trainer.epochCount).toBe(8);
    // the loss is the mean of ½(o − t)² over the points, computed by the reference per point
    expect(trainer.lossTrain()).toBeCloseTo(ref.loss(circle.x, circle.y), 12);
  });

  it('carries a trailing partial batch into the next epoch (60 points, batch 7)', () => {
    const { model, trainer, ref } = runBoth({
      hidden: 'tanh',
      output: 'tanh',
      layers: [2, 4, 2, 1],
      d: circle,
      lr: 0.1,
      batchSize: 7,
      epochs: 9,
    });
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
    // after 9 epochs, 9·60 = 540 points were visited; updates used 9·8 batches of 7 → the last 4 are pending
    const out = (ref.net.at(-1) as RefNode[])[0]!;
    expect(trainer.pendingCount).toBe(out.numAccumulatedDers);
    expect(trainer.pendingCount).toBe(4);
  });

  it('never updates when the training set is smaller than the batch (derivatives keep accumulating)', () => {
    const small = data('xor', 6, 2);
    const { model, trainer, ref } = runBoth({
      hidden: 'tanh',
      output: 'tanh',
      layers: [2, 3, 1],
      d: small,
      lr: 0.5,
      batchSize: 10,
      epochs: 3,
    });
    const init = new MLP({
      layers: [2, 3, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 7,
    });
    expect(model.toJSON().weights).toEqual(init.toJSON().weights);
    expect(trainer.pendingCount).toBe(18);
    expect(maxRelDiff(model, ref)).toBe(0);
  });

  it.each(['relu', 'sigmoid', 'linear', 'tanh'] as const)(
    'matches with %s hidden units on the spiral, with carry-over',
    (hidden) => {
      const spiral = data('spiral', 55, 3, playgroundFeatures);
      const { model, ref } = runBoth({
        hidden,
        output: 'tanh',
        layers: [7, 6, 4, 1],
        d: spiral,
        lr: 0.03,
        batchSize: 10,
        epochs: 6,
      });
      expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
    },
  );

  it('matches L1 and kills links exactly where the reference does', () => {
    const gauss = data('gauss', 50, 4);
    const { model, trainer, ref } = runBoth({
      hidden: 'tanh',
      output: 'tanh',
      layers: [2, 5, 3, 1],
      d: gauss,
      lr: 0.1,
      batchSize: 7,
      reg: 'l1',
      regRate: 0.1,
      epochs: 12,
    });
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
    expect(ref.deadCount()).toBeGreaterThan(0);
    expect(trainer.deadLinks).toBe(ref.deadCount());
    for (let l = 0; l < model.depth; l++) {
      (ref.net[l + 1] as RefNode[]).forEach((node, j) =>
        node.inputLinks.forEach((link, i) => {
          expect(trainer.isDead(l, i, j)).toBe(link.isDead);
          if (link.isDead) expect((model.getWeights(l).toArray() as number[][])[i]![j]).toBe(0);
        }),
      );
    }
  });

  it('gives a live weight at exactly 0 no L1 push (regDer(0) = 0, as in current nn.ts)', () => {
    const d = data('circle', 30, 10);
    const model = new MLP({
      layers: [2, 3, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 5,
    });
    const w = model.getWeights(0).data;
    w[1] = 0;
    model.setLayer(0, w);
    const ref = new RefPlayground(model, 'tanh', 'tanh', 'l1');
    const trainer = new PlaygroundTrainer(model, {
      x: d.x,
      y: d.y,
      learningRate: 0.1,
      batchSize: 10,
      regularization: 'l1',
      lambda: 0.5,
    });
    trainer.epoch();
    ref.epoch(d.x, d.y, 0.1, 0.5, 10);
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
  });

  it('trains a float32 model to float32 accuracy', () => {
    const d = data('circle', 40, 11);
    const model = new MLP({
      layers: [2, 4, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 2,
      dtype: 'float32',
    });
    const ref = new RefPlayground(model, 'tanh', 'tanh', 'none');
    const trainer = new PlaygroundTrainer(model, { x: d.x, y: d.y, batchSize: 6 });
    for (let e = 0; e < 3; e++) {
      trainer.epoch();
      ref.epoch(d.x, d.y, 0.03, 0, 6);
    }
    // float32 storage and sums: relative rounding 6e-8 per operation, over 18 updates
    expect(maxRelDiff(model, ref)).toBeLessThan(1e-5);
  });

  it('matches L2 with ReLU units', () => {
    const xor = data('xor', 48, 5, playgroundFeatures);
    const { model, ref } = runBoth({
      hidden: 'relu',
      output: 'tanh',
      layers: [7, 8, 1],
      d: xor,
      lr: 0.1,
      batchSize: 5,
      reg: 'l2',
      regRate: 0.3,
      epochs: 10,
    });
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
  });

  it.each([
    ['tanh', 'l1'],
    ['relu', 'l2'],
    ['sigmoid', 'none'],
  ] as const)('matches regression (linear output) with %s units and %s', (hidden, reg) => {
    const plane = data('reg-gauss', 64, 6);
    const { model, ref } = runBoth({
      hidden,
      output: 'linear',
      layers: [2, 5, 3, 1],
      d: plane,
      lr: 0.03,
      batchSize: 10,
      reg,
      regRate: reg === 'none' ? 0 : 0.01,
      epochs: 6,
    });
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
  });

  it('follows learning-rate, batch-size and regularisation changes between epochs without resetting', () => {
    const d = data('circle', 45, 8);
    const model = new MLP({
      layers: [2, 4, 2, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 3,
    });
    const ref = new RefPlayground(model, 'tanh', 'tanh', 'none');
    const trainer = new PlaygroundTrainer(model, { x: d.x, y: d.y });
    const schedule: [number, number, Regularization, number][] = [
      [0.03, 10, 'none', 0],
      [0.3, 4, 'none', 0],
      [0.1, 20, 'l2', 0.03],
      [0.1, 7, 'l1', 0.1],
      [0.01, 1, 'l1', 0.1],
    ];
    for (const [lr, bs, reg, rate] of schedule) {
      trainer.learningRate = lr;
      trainer.batchSize = bs;
      trainer.setRegularization(reg, rate);
      ref.reg = reg;
      for (let e = 0; e < 2; e++) {
        trainer.epoch();
        ref.epoch(d.x, d.y, lr, rate, bs);
      }
    }
    expect(maxRelDiff(model, ref)).toBeLessThan(EXACT);
    expect(trainer.deadLinks).toBe(ref.deadCount());
    expect(trainer.epochCount).toBe(10);
  });
});

describe('PlaygroundTrainer on the Playground defaults', () => {
  it('reaches a low test loss on circle in 100 epochs for most seeds', () => {
    // defaults: features x, y; network [4, 2] tanh; lr 0.03; batch 10; 50 % train; noise 0
    const losses: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const d = playgroundDataset('circle', { seed, noise: 0 });
      const x = d.x.toArray() as number[][];
      const y = d.y.toArray() as number[];
      const split = Math.floor(x.length * 0.5);
      const model = new MLP({
        layers: [2, 4, 2, 1],
        activation: 'tanh',
        outputActivation: 'tanh',
        init: 'playground',
        seed,
      });
      const trainer = new PlaygroundTrainer(model, {
        x: x.slice(0, split),
        y: y.slice(0, split),
        test: { x: x.slice(split), y: y.slice(split) },
      });
      for (let e = 0; e < 100; e++) trainer.epoch();
      losses.push(trainer.lossTest());
    }
    losses.sort((a, b) => a - b);
    // The real Playground typically shows a test loss of ~0.01–0.03 on circle at epoch 100, with an
    // occasional slow start (an unlucky initialisation of the 2-unit layer): require 8 of 10 seeds
    // below 0.05 and a median below 0.03 (measured here: 9 of 10, median ≈ 0.014).
    expect(losses.filter((v) => v < 0.05).length).toBeGreaterThanOrEqual(8);
    expect(((losses[4] as number) + (losses[5] as number)) / 2).toBeLessThan(0.03);
  });
});

describe('PlaygroundTrainer validation', () => {
  const d = data('circle', 20, 9);
  const net = (): MLP =>
    new MLP({
      layers: [2, 3, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      init: 'playground',
      seed: 1,
    });

  it('rejects models the Playground cannot express', () => {
    expect(
      () => new PlaygroundTrainer(new MLP({ layers: [2, 3, 2], outputActivation: 'tanh' }), d),
    ).toThrow(/one output/);
    expect(
      () => new PlaygroundTrainer(new MLP({ layers: [2, 3, 1], loss: 'binaryCrossEntropy' }), d),
    ).toThrow(/squaredError/);
    expect(
      () => new PlaygroundTrainer(new MLP({ layers: [2, 3, 1], outputActivation: 'sigmoid' }), d),
    ).toThrow(/tanh .*or linear/);
  });

  it('rejects bad options and data with ModelError', () => {
    expect(() => new PlaygroundTrainer(net(), { ...d, batchsize: 3 } as never)).toThrow(ModelError);
    expect(() => new PlaygroundTrainer(net(), { ...d, batchSize: 0 })).toThrow(/batch size/);
    expect(() => new PlaygroundTrainer(net(), { ...d, learningRate: NaN })).toThrow(
      /learning rate/,
    );
    expect(() => new PlaygroundTrainer(net(), { ...d, regularization: 'l3' as never })).toThrow(
      /regularization/,
    );
    expect(() => new PlaygroundTrainer(net(), { x: d.x, y: d.y.slice(1) })).toThrow(
      /same number of rows/,
    );
    expect(() => new PlaygroundTrainer(net(), { x: [[1, NaN]], y: [1] })).toThrow(/NaN/);
    expect(() => new PlaygroundTrainer(net(), d).lossTest()).toThrow(/no test set/);
    expect(() => new PlaygroundTrainer(net(), d).isDead(1, 3, 0)).toThrow(/out of range/);
  });

  it('reports divergence and restores the state from before the epoch', () => {
    const model = new MLP({
      layers: [2, 3, 1],
      activation: 'linear',
      outputActivation: 'linear',
      init: 'playground',
      seed: 1,
    });
    const trainer = new PlaygroundTrainer(model, {
      ...data('reg-plane', 40, 1),
      learningRate: 5,
      batchSize: 3,
    });
    let before = model.toJSON().weights;
    let caught: unknown = null;
    for (let e = 0; e < 20 && caught === null; e++) {
      before = model.toJSON().weights;
      try {
        trainer.epoch();
      } catch (err) {
        caught = err;
      }
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as Error).message).toMatch(/diverged/);
    expect(model.toJSON().weights).toEqual(before);
  });
});

describe('PlaygroundTrainer state / restoreState', () => {
  // 37 points, batch 10: every epoch leaves 7 points carried; L1 at 0.1 kills links.
  const { x, y } = data('xor', 37, 5);
  const build = (): MLP =>
    new MLP({
      layers: [2, 5, 3, 1],
      activation: 'tanh',
      outputActivation: 'tanh',
      loss: 'squaredError',
      init: 'playground',
      seed: 9,
    });
  const options = {
    x,
    y,
    learningRate: 0.1,
    batchSize: 10,
    regularization: 'l1' as const,
    lambda: 0.1,
  };
  const weights = (m: MLP): number[] => m.parameters().flatMap((p) => Array.from(p));

  it('continues bit for bit: k epochs, save as JSON, load into a fresh trainer, m more = k + m uninterrupted', () => {
    const k = 13;
    const m = 11;
    const full = new PlaygroundTrainer(build(), options);
    for (let e = 0; e < k + m; e++) full.epoch();

    const first = new PlaygroundTrainer(build(), options);
    for (let e = 0; e < k; e++) first.epoch();
    // The saved point must exercise the state: carried sums and dead links.
    expect(first.pendingCount).toBeGreaterThan(0);
    expect(first.deadLinks).toBeGreaterThan(0);
    const text = JSON.stringify({ model: first.model.toJSON(), trainer: first.state() });

    const saved = JSON.parse(text) as { model: MLPJSON; trainer: unknown };
    const resumed = new PlaygroundTrainer(MLP.fromJSON(saved.model), options);
    resumed.restoreState(saved.trainer);
    expect(resumed.epochCount).toBe(k);
    for (let e = 0; e < m; e++) resumed.epoch();

    // Exact: the same operations on the same doubles (JSON round-trips doubles exactly).
    expect(weights(resumed.model)).toEqual(weights(full.model));
    expect(resumed.epochCount).toBe(k + m);
    expect(resumed.pendingCount).toBe(full.pendingCount);
    expect(resumed.deadLinks).toBe(full.deadLinks);
    expect(resumed.state()).toEqual(full.state());
  });

  it('without the state the continuation differs (the carry matters)', () => {
    const full = new PlaygroundTrainer(build(), options);
    for (let e = 0; e < 4; e++) full.epoch();
    const first = new PlaygroundTrainer(build(), options);
    for (let e = 0; e < 3; e++) first.epoch();
    const bare = new PlaygroundTrainer(MLP.fromJSON(first.model.toJSON()), options);
    bare.epoch();
    expect(weights(bare.model)).not.toEqual(weights(full.model));
  });

  it('rejects a malformed state with a clear error and changes nothing', () => {
    const pg = new PlaygroundTrainer(build(), options);
    pg.epoch();
    const good = pg.state();
    const before = JSON.stringify(pg.state());
    expect(() => pg.restoreState(null)).toThrow(
      /expected a PlaygroundTrainerState object; got null/,
    );
    expect(() => pg.restoreState({ ...good, type: 'Other' })).toThrow(
      /expected type "PlaygroundTrainerState"/,
    );
    expect(() => pg.restoreState({ ...good, version: 2 })).toThrow(
      /unsupported state version; expected 1, got 2/,
    );
    expect(() => pg.restoreState({ ...good, layers: [2, 4, 1] })).toThrow(
      /expected layers \[2, 5, 3, 1\]/,
    );
    expect(() => pg.restoreState({ ...good, pending: -1 })).toThrow(ModelError);
    expect(() => pg.restoreState({ ...good, carryW: [[1], [], []] })).toThrow(
      /carryW\[0\] has the wrong length; expected 10, got 1/,
    );
    expect(() =>
      pg.restoreState({ ...good, carryB: good.carryB.map((c) => c.map(() => NaN)) }),
    ).toThrow(/must be a finite number/);
    expect(() => pg.restoreState({ ...good, dead: good.dead.map((d) => d.map(() => 2)) })).toThrow(
      /must be 0 or 1/,
    );
    expect(() => pg.restoreState('{')).toThrow(/not valid JSON/);
    expect(JSON.stringify(pg.state())).toBe(before);
  });
});
