// Target contracts: each classifier names the target form it expects and rejects anything else;
// ±1 labels map to class indices and back; the Playground feature map matches its closed forms.
import { describe, expect, it } from 'vitest';
import {
  GaussianGenerativeClassifier,
  indicesToPlusMinusOne,
  LogisticRegression,
  MLP,
  ModelError,
  Perceptron,
  PLAYGROUND_FEATURES,
  playgroundFeatures,
  plusMinusOneToIndices,
  SoftmaxRegression,
} from '../src/index.js';

const x = [
  [-2, -1],
  [-1, -2],
  [1, 2],
  [2, 1],
];
const pm = [-1, -1, 1, 1];

describe('MLP target contracts', () => {
  it('sigmoid + binaryCrossEntropy rejects ±1 labels, naming the expected form', () => {
    const net = new MLP({ layers: [2, 3, 1], loss: 'binaryCrossEntropy', seed: 1 });
    const message =
      /y at row 0 is outside \[0, 1\]; expected 0\/1 labels .* map ±1 labels with plusMinusOneToIndices, got -1/;
    expect(() => net.trainBatch(x, pm)).toThrow(message);
    expect(() => net.fit(x, pm, { maxEpochs: 1 })).toThrow(message);
    expect(() => net.evaluate(x, pm)).toThrow(message);
    expect(() => net.computeGradients(x, pm)).toThrow(message);
    // the mapped labels train
    expect(Number.isFinite(net.trainBatch(x, plusMinusOneToIndices(pm)))).toBe(true);
  });

  it('softmax + categoricalCrossEntropy rejects out-of-range indices and rows that are not distributions', () => {
    const net = new MLP({ layers: [2, 3, 2], outputActivation: 'softmax', seed: 1 });
    expect(() => net.trainBatch(x, pm)).toThrow(
      /class index at row 0 out of range; expected an integer in 0..1, got -1/,
    );
    expect(() =>
      net.trainBatch(x, [
        [1, 0],
        [0, 1],
        [0.5, 0.4],
        [0, 1],
      ]),
    ).toThrow(
      /y row 2 does not sum to 1; expected class indices 0..1 \[n\] or one-hot\/probability rows \[n, 2\], got a row summing to 0.9/,
    );
    expect(() =>
      net.trainBatch(x, [
        [1, 0],
        [0, 1],
        [2, -1],
        [0, 1],
      ]),
    ).toThrow(/y at row 2 is outside \[0, 1\]/);
    expect(Number.isFinite(net.trainBatch(x, [0, 0, 1, 1]))).toBe(true);
  });

  it('a tanh output takes ±1 labels and rejects values outside [−1, 1]; a sigmoid + squared-error output rejects ±1', () => {
    const tanh = new MLP({ layers: [2, 3, 1], outputActivation: 'tanh', seed: 1 });
    expect(Number.isFinite(tanh.trainBatch(x, pm))).toBe(true);
    expect(() => tanh.trainBatch(x, [0, 1, 2, 1])).toThrow(
      /y at row 2 is outside \[-1, 1\]; expected targets in \[-1, 1\] \(±1 labels\) for a tanh output, got 2/,
    );
    const sig = new MLP({ layers: [2, 3, 1], outputActivation: 'sigmoid', seed: 1 });
    expect(() => sig.trainBatch(x, pm)).toThrow(
      /outside \[0, 1\]; expected targets in \[0, 1\] for a sigmoid output, got -1/,
    );
  });

  it('a linear (regression) output accepts any finite targets', () => {
    const lin = new MLP({ layers: [2, 3, 1], seed: 1 });
    expect(Number.isFinite(lin.trainBatch(x, [-7, 3, 1e3, 0]))).toBe(true);
  });

  it('every classical classifier rejects ±1 labels with a hint to the mapping helper', () => {
    const hint = /plusMinusOneToIndices/;
    expect(() => new LogisticRegression().fit(x, pm)).toThrow(hint);
    expect(() => new Perceptron().fit(x, pm)).toThrow(hint);
    expect(() => new SoftmaxRegression().fit(x, pm)).toThrow(hint);
    expect(() => new GaussianGenerativeClassifier().fit(x, pm)).toThrow(hint);
  });
});

describe('±1 labels ↔ class indices', () => {
  it('round-trips and maps −1 → 0, +1 → 1', () => {
    const labels = [1, -1, -1, 1, 1];
    const idx = plusMinusOneToIndices(labels);
    expect(Array.from(idx)).toEqual([1, 0, 0, 1, 1]);
    expect(Array.from(indicesToPlusMinusOne(idx))).toEqual(labels);
    expect(Array.from(plusMinusOneToIndices(indicesToPlusMinusOne([0, 1, 1, 0])))).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('rejects anything else, naming the index', () => {
    expect(() => plusMinusOneToIndices([1, 0, -1])).toThrow(
      /plusMinusOneToIndices: y must hold ±1 labels; expected -1 or 1 at index 1, got 0/,
    );
    expect(() => indicesToPlusMinusOne([0, -1])).toThrow(
      /indicesToPlusMinusOne: y must hold class indices 0 or 1; expected 0 or 1 at index 1, got -1/,
    );
    expect(() => plusMinusOneToIndices([1, NaN])).toThrow(ModelError);
  });
});

describe('playgroundFeatures', () => {
  it('computes the seven features by their closed forms, columns in the order named', () => {
    const p = [
      [0.5, -2],
      [3, 0.25],
    ];
    const all = playgroundFeatures(p);
    expect(all.shape).toEqual([2, 7]);
    expect([...PLAYGROUND_FEATURES]).toEqual([
      'x1',
      'x2',
      'x1sq',
      'x2sq',
      'x1x2',
      'sinx1',
      'sinx2',
    ]);
    const [a, b] = [0.5, -2];
    expect(Array.from(all.data.slice(0, 7))).toEqual([
      a,
      b,
      a * a,
      b * b,
      a * b,
      Math.sin(a),
      Math.sin(b),
    ]);
    const some = playgroundFeatures(p, ['sinx2', 'x1']);
    expect(Array.from(some.data)).toEqual([Math.sin(-2), 0.5, Math.sin(0.25), 3]);
  });

  it('rejects unknown or repeated names and points that are not [n, 2]', () => {
    expect(() => playgroundFeatures([[1, 2]], ['x3' as never])).toThrow(
      /unknown feature; expected one of x1, x2, .*, got "x3"/,
    );
    expect(() => playgroundFeatures([[1, 2]], ['x1', 'x1'])).toThrow(/listed twice/);
    expect(() => playgroundFeatures([[1, 2, 3]], ['x1'])).toThrow(ModelError);
  });
});
