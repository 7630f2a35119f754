import { adam, sgd } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { MLP, ModelError } from '../src/index.js';

/** Brute-force single-sample forward pass written out independently. */
function referenceForward(
  layers: number[][][],
  biases: number[][],
  acts: ((v: number) => number)[],
  x: number[],
): number[][] {
  const out: number[][] = [];
  let y = x;
  for (let l = 0; l < layers.length; l++) {
    const W = layers[l]!; // [nIn][nOut]
    const next: number[] = [];
    for (let j = 0; j < biases[l]!.length; j++) {
      let s = biases[l]![j]!;
      for (let i = 0; i < y.length; i++) s += W[i]![j]! * y[i]!;
      next.push(acts[l]!(s));
    }
    out.push(next);
    y = next;
  }
  return out;
}

describe('MLP forward pass', () => {
  const W0 = [
    [0.5, -0.3, 0.8],
    [-0.2, 0.7, 0.1],
  ];
  const b0 = [0.1, -0.1, 0.2];
  const W1 = [[1.5], [-0.5], [0.25]];
  const b1 = [0.05];
  const net = new MLP({ layers: [2, 3, 1], activation: 'tanh', outputActivation: 'sigmoid' });
  net.setLayer(0, W0, b0);
  net.setLayer(1, W1, b1);
  const sigma = (v: number): number => 1 / (1 + Math.exp(-v));
  const points = [
    [0.3, -1.2],
    [2, 0.5],
    [-1, -1],
    [0, 0],
    [1, 1],
  ];

  it('matches a hand-written forward pass and exposes every layer', () => {
    const acts = net.activations(points);
    expect(acts.map((a) => a.shape)).toEqual([
      [5, 3],
      [5, 1],
    ]);
    points.forEach((p, r) => {
      const ref = referenceForward([W0, W1], [b0, b1], [Math.tanh, sigma], p);
      // identical formula, different summation order: 1e-15 relative
      for (let j = 0; j < 3; j++) expect(acts[0]!.get(r, j)).toBeCloseTo(ref[0]![j]!, 14);
      expect(acts[1]!.get(r, 0)).toBeCloseTo(ref[1]![0]!, 14);
      expect(net.forward(points).get(r, 0)).toBeCloseTo(ref[1]![0]!, 14);
    });
  });

  it('predicts 0/1 for one sigmoid output and reads weights back', () => {
    const p = net.predict(points);
    expect(p.shape).toEqual([5]);
    const proba = net.predictProba(points);
    for (let r = 0; r < 5; r++) expect(p.get(r)).toBe(proba.get(r, 0) > 0.5 ? 1 : 0);
    expect(net.getWeights(0).toArray()).toEqual(W0);
    expect(net.getBias(1).toArray()).toEqual(b1);
  });

  it('accepts strided tensor views as input', () => {
    const data = new Float64Array([0.3, 9, -1.2, 9, 2, 9, 0.5, 9]);
    const view = new Tensor(data, [2, 2], [4, 2], 0); // rows [0.3, -1.2] and [2, 0.5]
    expect(net.forward(view).toArray()).toEqual(net.forward(points.slice(0, 2)).toArray());
  });

  it('argmax predictions for softmax and ±1 for a tanh output', () => {
    const soft = new MLP({ layers: [2, 3], outputActivation: 'softmax' });
    soft.setLayer(
      0,
      [
        [1, 0, -1],
        [0, 0, 0],
      ],
      [0, 0.5, 0],
    );
    expect(
      soft
        .predict([
          [3, 0],
          [0, 0],
          [-3, 0],
        ])
        .toArray(),
    ).toEqual([0, 1, 2]);
    const pg = new MLP({ layers: [1, 1], outputActivation: 'tanh', loss: 'squaredError' });
    pg.setLayer(0, [2], [0]);
    expect(pg.predict([[1], [-1]]).toArray()).toEqual([1, -1]);
    // (tanh(2) + 1)/2 by definition
    expect(pg.predictProba([[1]]).get(0, 0)).toBeCloseTo((Math.tanh(2) + 1) / 2, 15);
  });
});

describe('MLP options and errors', () => {
  it('seeds the initialisation', () => {
    const a = new MLP({ layers: [4, 5, 2], seed: 3 });
    const b = new MLP({ layers: [4, 5, 2], seed: 3 });
    const c = new MLP({ layers: [4, 5, 2], seed: 4 });
    expect(Array.from(a.parameters()[0]!)).toEqual(Array.from(b.parameters()[0]!));
    expect(Array.from(a.parameters()[0]!)).not.toEqual(Array.from(c.parameters()[0]!));
  });

  it('uses the Playground initialisation: U(−0.5, 0.5) weights and bias 0.1', () => {
    const net = new MLP({ layers: [2, 8, 8, 1], init: 'playground', seed: 1 });
    const [w, b] = net.parameters();
    expect(Array.from(w!).every((v) => v >= -0.5 && v < 0.5)).toBe(true);
    expect(Array.from(b!)).toEqual(new Array(8).fill(0.1));
  });

  it('uses Glorot bounds and He scale', () => {
    const g = new MLP({ layers: [50, 30, 1], init: 'glorot' }).parameters()[0]!;
    const limit = Math.sqrt(6 / 80);
    expect(Math.max(...Array.from(g, Math.abs))).toBeLessThanOrEqual(limit);
    const h = new MLP({ layers: [200, 100, 1], activation: 'relu' }).parameters()[0]!;
    const variance = Array.from(h).reduce((s, v) => s + v * v, 0) / h.length;
    // N(0, 2/200) sample of 20 000 values: variance within 5 % (≈ 7 standard errors)
    expect(variance).toBeCloseTo(0.01, 3);
  });

  it('rejects bad options and inputs with ModelError', () => {
    expect(() => new MLP({ layers: [2] })).toThrow(ModelError);
    expect(() => new MLP({ layers: [2, 3, 1], activation: 'softmax' as never })).toThrow(
      /activation/,
    );
    expect(
      () =>
        new MLP({ layers: [2, 3], loss: 'categoricalCrossEntropy', outputActivation: 'sigmoid' }),
    ).toThrow(/softmax/);
    expect(() => new MLP({ layers: [2, 3], learningRate: 1 } as never)).toThrow(/unknown option/);
    const net = new MLP({ layers: [2, 3, 2], outputActivation: 'softmax' });
    expect(() => net.forward([[1, 2, 3]])).toThrow(/expected 2, got 3/);
    expect(() => net.trainBatch([[1, 2]], [5])).toThrow(/class index/);
    expect(() => net.trainBatch([[1, NaN]], [1])).toThrow(/NaN/);
    expect(() => net.trainBatch([[1, 2]], [0, 1])).toThrow(/same number of rows/);
  });
});

describe('MLP.trainBatch', () => {
  it('performs w ← w − lr·(mean gradient) with SGD', () => {
    const rng = new Random(2);
    const x = Array.from({ length: 10 }, () => [rng.normal(0, 1), rng.normal(0, 1)]);
    const y = x.map(([a, b]) => (a! * b! > 0 ? 1 : -1));
    const net = new MLP({
      layers: [2, 8, 8, 1],
      outputActivation: 'tanh',
      init: 'playground',
      seed: 4,
      optimizer: sgd({ learningRate: 0.03 }),
    });
    const before = net.parameters().map((p) => p.slice());
    const lossBefore = net.computeGradients(x, y);
    const grads = net.gradients().map((g) => g.slice());
    const reported = net.trainBatch(x, y);
    expect(reported).toBe(lossBefore);
    net.parameters().forEach((p, i) => {
      // one subtraction per entry: 1e-15 absolute
      for (let k = 0; k < p.length; k++)
        expect(p[k]).toBeCloseTo(before[i]![k]! - 0.03 * grads[i]![k]!, 15);
    });
  });

  it('applies L1 after the step and zeroes weights that cross zero (Playground rule)', () => {
    const rng = new Random(8);
    const x = Array.from({ length: 10 }, () => [rng.normal(0, 1), rng.normal(0, 1)]);
    const y = x.map(([a]) => (a! > 0 ? 1 : -1));
    const lr = 0.1;
    const rate = 2;
    const net = new MLP({
      layers: [2, 4, 1],
      outputActivation: 'tanh',
      seed: 2,
      optimizer: sgd({ learningRate: lr }),
    });
    net.setLayer(0, [0.01, -0.02, 0.3, -0.4, 0.04, 0.6, -0.7, 0.8], [0, 0, 0, 0]);
    const w0 = net.parameters()[0]!.slice();
    net.computeGradients(x, y);
    const g = net.gradients()[0]!.slice();
    net.setRegularization('l1', rate);
    net.trainBatch(x, y);
    const w = net.parameters()[0]!;
    let zeroed = 0;
    for (let k = 0; k < w.length; k++) {
      const afterData = w0[k]! - lr * g[k]!;
      const afterL1 = afterData - lr * rate * Math.sign(afterData);
      const expected = afterData * afterL1 < 0 ? 0 : afterL1;
      if (expected === 0) zeroed++;
      // two subtractions per entry: 1e-15 absolute
      expect(w[k]).toBeCloseTo(expected, 15);
    }
    expect(zeroed).toBeGreaterThan(0);
  });

  it('allocates workspaces per batch size and works with float32', () => {
    const net = new MLP({
      layers: [3, 5, 2],
      outputActivation: 'softmax',
      dtype: 'float32',
      optimizer: adam({ learningRate: 0.01 }),
    });
    const x = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      [4, 3],
    );
    const y = [0, 1, 1, 0];
    const first = net.trainBatch(x, y);
    for (let i = 0; i < 200; i++) net.trainBatch(x, y);
    expect(net.loss(x, y)).toBeLessThan(first);
    expect(net.forward(x).dtype).toBe('float32');
  });
});

describe('MLP JSON', () => {
  it('round-trips exactly, optimizer state included', () => {
    const net = new MLP({
      layers: [3, 4, 2],
      activation: 'leakyRelu',
      outputActivation: 'sigmoid',
      loss: 'binaryCrossEntropy',
      dtype: 'float32',
      regularization: 'l2',
      lambda: 0.01,
      optimizer: adam({ learningRate: 0.05 }),
      seed: 9,
    });
    const x = [
      [1, 2, 3],
      [-1, 0.5, 2],
      [0, 0, 1],
    ];
    const y = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    for (let i = 0; i < 5; i++) net.trainBatch(x, y);
    const doc = JSON.parse(JSON.stringify(net.toJSON()));
    const copy = MLP.fromJSON(doc);
    expect(copy.toJSON()).toEqual(net.toJSON());
    for (let i = 0; i < 3; i++) {
      net.trainBatch(x, y);
      copy.trainBatch(x, y);
    }
    expect(Array.from(copy.forward(x).data)).toEqual(Array.from(net.forward(x).data));
  });

  it('rejects malformed and future documents', () => {
    const doc = new MLP({ layers: [2, 2] }).toJSON();
    expect(() => MLP.fromJSON({ ...doc, version: 2 } as never)).toThrow(
      /unsupported document version; expected 1 \(this release\), got 2/,
    );
    expect(() => MLP.fromJSON({ ...doc, type: 'CNN' } as never)).toThrow(/expected 'MLP'/);
    expect(() => MLP.fromJSON({ ...doc, weights: [[1, 2]] })).toThrow(ModelError);
    expect(() => MLP.fromJSON({ ...doc, biases: [[NaN, 1]] })).toThrow(/finite/);
    expect(() => MLP.fromJSON(null as never)).toThrow(ModelError);
    expect(() => MLP.fromJSON('{oops')).toThrow(/not valid JSON/);
    expect(() => MLP.fromJSON({ ...doc, activations: 5 } as never)).toThrow(ModelError);
    expect(() => MLP.fromJSON({ ...doc, layers: [2, 0] })).toThrow(/layers/);
    expect(MLP.fromJSON(JSON.stringify(doc)).toJSON()).toEqual(doc);
  });
});
