// Every renamed option still works for one minor version, warns exactly once (DeprecationWarning,
// code TERMGRAD_DEPRECATED), and gives the same result as the new name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GaussianGenerativeClassifier,
  LogisticRegression,
  MLP,
  ModelError,
  Perceptron,
  PlaygroundTrainer,
  SoftmaxRegression,
} from '../src/index.js';

const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
const messages = (): string[] => spy.mock.calls.map((c) => String(c[0]));
afterEach(() => spy.mockClear());

const x = [
  [-2, -1],
  [-1, -2],
  [-1.5, 0.5],
  [1, 2],
  [2, 1],
  [0.5, 1.5],
];
const y = [0, 0, 0, 1, 1, 1];

/** Calls `make` twice with the old name; checks one warning naming it and the result of the new name. */
function aliasCase<T>(
  old: () => T,
  current: () => T,
  name: string,
  same: (a: T, b: T) => void,
): void {
  const a = old();
  old();
  const w = messages();
  expect(w).toHaveLength(1);
  expect(w[0]).toContain(`'${name}' is deprecated`);
  expect(spy.mock.calls[0]?.[1]).toEqual({
    type: 'DeprecationWarning',
    code: 'TERMGRAD_DEPRECATED',
  });
  same(a, current());
}

describe('deprecated aliases in @termgrad/models', () => {
  it('MLP: regularizationRate → lambda (option)', () => {
    aliasCase(
      () => new MLP({ layers: [2, 1], regularization: 'l2', regularizationRate: 0.2 }),
      () => new MLP({ layers: [2, 1], regularization: 'l2', lambda: 0.2 }),
      'regularizationRate',
      (a, b) => expect(a.toJSON()).toEqual(b.toJSON()),
    );
  });

  it('MLP: the regularizationRate getter reads lambda and warns once', () => {
    const m = new MLP({ layers: [2, 1], regularization: 'l1', lambda: 0.4 });
    expect(m.regularizationRate).toBe(0.4);
    expect(m.regularizationRate).toBe(0.4);
    expect(messages()).toHaveLength(1);
  });

  it('MLP.fit: epochs → maxEpochs', () => {
    const fit = (opts: object): number[] =>
      new MLP({
        layers: [2, 1],
        outputActivation: 'sigmoid',
        loss: 'binaryCrossEntropy',
        seed: 2,
      }).fit(x, y, { batchSize: 3, ...opts }).loss;
    aliasCase(
      () => fit({ epochs: 3 }),
      () => fit({ maxEpochs: 3 }),
      'epochs',
      (a, b) => {
        expect(a).toHaveLength(3);
        expect(a).toEqual(b);
      },
    );
  });

  it('LogisticRegression and SoftmaxRegression: maxIter → maxIterations, tol → tolerance', () => {
    const opts = { solver: 'gd' as const, lineSearch: 'fixed' as const };
    aliasCase(
      () => new LogisticRegression({ ...opts, maxIter: 3 }).fit(x, y),
      () => new LogisticRegression({ ...opts, maxIterations: 3 }).fit(x, y),
      'maxIter',
      (a, b) => expect(Array.from(a.weights)).toEqual(Array.from(b.weights)),
    );
    spy.mockClear();
    aliasCase(
      () => new LogisticRegression({ tol: 1e-3 }).fit(x, [0, 1, 0, 1, 0, 1]),
      () => new LogisticRegression({ tolerance: 1e-3 }).fit(x, [0, 1, 0, 1, 0, 1]),
      'tol',
      (a, b) => expect(a.fitInfo).toEqual(b.fitInfo),
    );
    spy.mockClear();
    aliasCase(
      () => new SoftmaxRegression({ ...opts, maxIter: 2 }).fit(x, y),
      () => new SoftmaxRegression({ ...opts, maxIterations: 2 }).fit(x, y),
      'maxIter',
      (a, b) =>
        expect(Array.from(a.predictProba(x).data)).toEqual(Array.from(b.predictProba(x).data)),
    );
    expect(() => new LogisticRegression({ maxIter: 1, maxIterations: 2 })).toThrow(
      /give maxIterations or its deprecated alias maxIter, not both/,
    );
  });

  it('GaussianGenerativeClassifier: reg → lambda, and documents with reg still load', () => {
    aliasCase(
      () => new GaussianGenerativeClassifier({ reg: 0.5 }).fit(x, y),
      () => new GaussianGenerativeClassifier({ lambda: 0.5 }).fit(x, y),
      'reg',
      (a, b) => expect(a.toJSON()).toEqual(b.toJSON()),
    );
    const doc: Record<string, unknown> = {
      ...new GaussianGenerativeClassifier({ lambda: 0.5 }).fit(x, y).toJSON(),
    };
    const old: Record<string, unknown> = { ...doc, reg: doc['lambda'] };
    delete old['lambda'];
    expect(GaussianGenerativeClassifier.fromJSON(old).lambda).toBe(0.5);
  });

  it('PlaygroundTrainer: regularizationRate → lambda (option and getter)', () => {
    const pm = y.map((v) => 2 * v - 1);
    const make = (opts: object): PlaygroundTrainer =>
      new PlaygroundTrainer(
        new MLP({ layers: [2, 2, 1], outputActivation: 'tanh', init: 'playground', seed: 1 }),
        { x, y: pm, regularization: 'l2', ...opts },
      );
    aliasCase(
      () => make({ regularizationRate: 0.01 }),
      () => make({ lambda: 0.01 }),
      'regularizationRate',
      (a, b) => {
        a.epoch();
        b.epoch();
        expect(a.lossTrain()).toBe(b.lossTrain());
        expect(b.lambda).toBe(0.01);
      },
    );
    spy.mockClear();
    expect(make({ lambda: 0.02 }).regularizationRate).toBe(0.02);
    expect(messages()).toHaveLength(1);
  });

  it('Perceptron: initialWeights in the constructor → fit option', () => {
    const start = { weights: [0.5, -0.5], bias: 0.25 };
    const a = new Perceptron({ maxEpochs: 2, initialWeights: start }).fit(x, y);
    new Perceptron({ initialWeights: start });
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toContain("'initialWeights' is deprecated");
    const b = new Perceptron({ maxEpochs: 2 }).fit(x, y, { initialWeights: start });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
    expect(() => new Perceptron().fit(x, y, { start } as never)).toThrow(ModelError);
  });
});

describe('selectModel validation set', () => {
  it('{ x, t } still works as { x, y }, warning once', async () => {
    const { selectModel } = await import('../src/index.js');
    const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    const ts = xs.map((v) => Math.sin(2 * Math.PI * v));
    const val = {
      x: [0.05, 0.35, 0.65],
      y: [0.05, 0.35, 0.65].map((v) => Math.sin(2 * Math.PI * v)),
    };
    const a = selectModel(xs, ts, { degrees: [1, 3], validation: { x: val.x, t: val.y } });
    selectModel(xs, ts, { degrees: [1, 3], validation: { x: val.x, t: val.y } });
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toContain("'t' is deprecated; use 'y'");
    const b = selectModel(xs, ts, { degrees: [1, 3], validation: val });
    expect(a.best).toEqual(b.best);
  });
});
