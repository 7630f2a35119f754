import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { ModelError, Perceptron } from '../src/index.js';

/** Separable 2-D data: labels from a known w* with points inside a margin band removed. */
function separable(n: number, seed: number, wStar: [number, number, number], band: number) {
  const rng = new Random(seed);
  const x: number[][] = [];
  const t: number[] = [];
  while (x.length < n) {
    const p = [rng.uniform(-3, 3), rng.uniform(-3, 3)];
    const a = wStar[0] * p[0]! + wStar[1] * p[1]! + wStar[2];
    if (Math.abs(a) < band) continue;
    x.push(p);
    t.push(a > 0 ? 1 : 0);
  }
  return { x, t };
}

describe('Perceptron', () => {
  it('converges on separable data within the Novikoff bound (R/γ)²', () => {
    const wStar: [number, number, number] = [1, -2, 0.5];
    const { x, t } = separable(200, 61, wStar, 0.4);
    // Augmented space x̃ = (x, 1): R = max‖x̃‖, γ = minₙ yₙ w*ᵀx̃ₙ / ‖w*‖ with yₙ = ±1.
    const R = Math.max(...x.map((p) => Math.hypot(p[0]!, p[1]!, 1)));
    const norm = Math.hypot(...wStar);
    const gamma = Math.min(
      ...x.map(
        (p, i) => ((t[i] ? 1 : -1) * (wStar[0] * p[0]! + wStar[1] * p[1]! + wStar[2])) / norm,
      ),
    );
    const bound = (R / gamma) ** 2;
    for (const options of [{}, { shuffle: true, seed: 3 }, { learningRate: 0.1 }]) {
      const p = new Perceptron(options).fit(x, t);
      const info = p.fitInfo!;
      expect(info.converged).toBe(true);
      expect(info.updates).toBeLessThanOrEqual(bound);
      expect(info.history.at(-1)!.mistakes).toBe(0);
      expect(info.history.reduce((s, e) => s + e.mistakes, 0)).toBe(info.updates);
      expect(p.predict(x).toArray()).toEqual(t);
    }
  });

  it('stops at maxEpochs on non-separable data (XOR) and says so', () => {
    const x = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ];
    const t = [0, 0, 1, 1];
    const p = new Perceptron({ maxEpochs: 25 }).fit(x, t);
    expect(p.fitInfo!.converged).toBe(false);
    expect(p.fitInfo!.epochs).toBe(25);
    expect(p.fitInfo!.warning).toMatch(/not be linearly separable/);
    expect(p.fitInfo!.history).toHaveLength(25);
  });

  it('applies the update rule w ← w + η(t − f(x))x epoch by epoch (hand-traced)', () => {
    // 1-D: x = [1, -1], t = [1, 0], η = 1. Epoch 1: x=1: a=0 → f=0, err=1 → w=1, b=1;
    // x=−1: a=0 → f=0, err=0. Epoch 2: a(1)=2 → 1 ok; a(−1)=0 → 0 ok → converged.
    const seen: [number, number, number][] = [];
    const p = new Perceptron({
      onEpoch: (e) => void seen.push([e.mistakes, e.weights[0]!, e.bias]),
    }).fit([[1], [-1]], [1, 0]);
    expect(seen).toEqual([
      [1, 1, 1],
      [0, 1, 1],
    ]);
    expect(p.fitInfo!.epochs).toBe(2);
  });

  it('epochs() yields the same states as fit, and onEpoch can stop early', () => {
    const { x, t } = separable(50, 62, [2, 1, -0.5], 0.2);
    const fromGen = [...new Perceptron().epochs(x, t)];
    const fitted = new Perceptron().fit(x, t);
    expect(fromGen.map((e) => Array.from(e.weights))).toEqual(
      fitted.fitInfo!.history.map((e) => Array.from(e.weights)),
    );
    let calls = 0;
    const stopped = new Perceptron({ onEpoch: () => ++calls < 1 }).fit(x, t);
    expect(calls).toBe(1);
    expect(stopped.fitInfo!.epochs).toBe(1);
  });

  it('shuffled order is reproducible from the seed', () => {
    const { x, t } = separable(80, 63, [1, 1, 0], 0.3);
    const a = new Perceptron({ shuffle: true, seed: 9 }).fit(x, t);
    const b = new Perceptron({ shuffle: true, seed: 9 }).fit(x, t);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
  });

  it('rejects bad input', () => {
    expect(() => new Perceptron().fit([[0], [1]], [0, 2])).toThrow(/0 or 1/);
    expect(() => new Perceptron({ learningRate: 0 })).toThrow(ModelError);
    expect(() => new Perceptron({ maxEpochs: 0 })).toThrow(/maxEpochs/);
    expect(() => new Perceptron().predict([[0]])).toThrow(/not fitted/);
    expect(() => new Perceptron().fit([[NaN], [1]], [0, 1])).toThrow(
      'Perceptron.fit: x contains NaN at row 0, column 0; expected finite numbers',
    );
    expect(() => new Perceptron().fit([[0], [1]], [0, 1, 1])).toThrow(
      'Perceptron.fit: y has the wrong length; expected 2, got 3',
    );
    expect(() => new Perceptron().fit([], [])).toThrow(/x is empty/);
    expect(() => new Perceptron({ eta: 1 } as never)).toThrow(/unknown option 'eta'/);
    expect(() => new Perceptron({ shuffle: true, seed: NaN })).toThrow(/seed must be a number/);
    const p = new Perceptron().fit([[0], [1]], [0, 1]);
    expect(() => p.predict([[NaN]])).toThrow(/decisionFunction: x contains NaN at row 0, column 0/);
    expect(() => p.predict([[1, 2]])).toThrow(/wrong number of columns; expected 1, got 2/);
  });
});

describe('Perceptron initialWeights', () => {
  // Overlapping clouds: not separable, so every epoch makes updates and the run never converges.
  const rng = new Random(11);
  const x: number[][] = [];
  const t: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = i % 2;
    x.push([rng.normal(c, 1), rng.normal(-c, 1)]);
    t.push(c);
  }

  it('continues a run saved after k epochs exactly as the uninterrupted run, epoch for epoch (cyclic order)', () => {
    const k = 7;
    const m = 9;
    const full = new Perceptron({ maxEpochs: k + m, learningRate: 0.5 }).fit(x, t);
    const first = new Perceptron({ maxEpochs: k, learningRate: 0.5 }).fit(x, t);
    // Through the saved document, as the app does.
    const saved = Perceptron.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    const rest = new Perceptron({ maxEpochs: m, learningRate: 0.5 }).fit(x, t, {
      initialWeights: { weights: saved.weights, bias: saved.bias },
    });
    const fullHistory = full.fitInfo?.history ?? [];
    const restHistory = rest.fitInfo?.history ?? [];
    expect(fullHistory).toHaveLength(k + m);
    expect(restHistory).toHaveLength(m);
    for (let e = 0; e < m; e++) {
      const a = fullHistory[k + e];
      const b = restHistory[e];
      // Exact: the same floating-point operations in the same order.
      expect(Array.from(b?.weights ?? [])).toEqual(Array.from(a?.weights ?? []));
      expect(b?.bias).toBe(a?.bias);
      expect(b?.mistakes).toBe(a?.mistakes);
      expect(b?.epoch).toBe(e + 1);
    }
    expect(Array.from(rest.weights)).toEqual(Array.from(full.weights));
  });

  it('starts the first epoch from the given weights (one update checked by hand)', () => {
    // w = (1), w0 = -2: x = 0 (t = 1) gives a = -2 -> f = 0, mistake: w0 -> -1; x = 3 (t = 1): a = 2 -> ok.
    const p = new Perceptron({ maxEpochs: 1 }).fit([[0], [3]], [1, 1], {
      initialWeights: { weights: [1], bias: -2 },
    });
    expect(Array.from(p.weights)).toEqual([1]);
    expect(p.bias).toBe(-1);
  });

  it('rejects initial weights of the wrong shape or that are not finite', () => {
    expect(() =>
      new Perceptron().fit(x, t, { initialWeights: { weights: [NaN, 1], bias: 0 } }),
    ).toThrow(
      'Perceptron: option initialWeights.weights contains NaN at index 0; expected finite numbers',
    );
    expect(() =>
      new Perceptron().fit(x, t, { initialWeights: { weights: [1, 1], bias: Infinity } }),
    ).toThrow(
      'Perceptron: option initialWeights.bias must be finite; expected a number, got Infinity',
    );
    expect(() => new Perceptron().fit(x, t, { initialWeights: { weights: [], bias: 0 } })).toThrow(
      'Perceptron: option initialWeights.weights is empty; expected at least 1 value, got 0',
    );
    expect(() =>
      new Perceptron().fit(x, t, { initialWeights: { weights: [1, 2, 3], bias: 0 } }),
    ).toThrow(/expected 2 \(the columns of x\), got 3/);
  });
});
