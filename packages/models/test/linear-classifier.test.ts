import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { composeLinear, LinearClassifier, ModelError } from '../src/index.js';
import { blobs, gaussSolve } from './helpers.js';

function randomMatrix(rng: Random, r: number, c: number): number[][] {
  return Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal(0, 1)));
}

describe('composeLinear', () => {
  it('two stacked linear layers equal one: B(Ax + a) + b = Cx + c with C = BA, c = Ba + b', () => {
    const rng = new Random(21);
    const A = randomMatrix(rng, 5, 3);
    const a = Array.from({ length: 5 }, () => rng.normal(0, 1));
    const B = randomMatrix(rng, 4, 5);
    const b = Array.from({ length: 4 }, () => rng.normal(0, 1));
    const composed = composeLinear({ weights: A, bias: a }, { weights: B, bias: b });
    const xs = randomMatrix(rng, 10, 3);
    const y = composed.scores(xs).toArray() as number[][];
    xs.forEach((x, n) => {
      const h = A.map((row, i) => row.reduce((s, v, j) => s + v * x[j]!, a[i]!));
      const ref = B.map((row, k) => row.reduce((s, v, i) => s + v * h[i]!, b[k]!));
      // Two evaluation orders of the same sums of O(1) terms: a few ulps.
      ref.forEach((v, k) => expect(Math.abs(y[n]![k]! - v)).toBeLessThan(1e-12));
    });
    expect(composed.weights.shape).toEqual([4, 3]);
    // Also accepts LinearClassifier instances; shape mismatches are reported.
    const again = composeLinear(
      new LinearClassifier({ weights: A, bias: a }),
      new LinearClassifier({ weights: B, bias: b }),
    );
    expect(again.weights.toArray()).toEqual(composed.weights.toArray());
    expect(() => composeLinear({ weights: A, bias: a }, { weights: A, bias: a })).toThrow(
      /expected 5, got 3/,
    );
  });
});

describe('LinearClassifier', () => {
  it('predicts argmax of Ax + a', () => {
    const f = new LinearClassifier({
      weights: [
        [1, 0],
        [0, 1],
        [-1, -1],
      ],
      bias: [0, 0.5, 0],
    });
    expect(
      f
        .predict([
          [2, 1],
          [0, 0],
          [-3, -3],
        ])
        .toArray(),
    ).toEqual([0, 1, 2]);
  });

  it('fits least squares to one-hot targets (equal to the normal-equation solution)', () => {
    const { x, y } = blobs(
      [
        [-4, 0],
        [4, 0],
        [0, 5],
      ],
      20,
      22,
    );
    const f = new LinearClassifier().fit(x, y);
    // Reference: (X̃ᵀX̃)⁻¹X̃ᵀT per class with X̃ = [x, 1]; well conditioned (cond ≈ 1e2).
    const Xt = x.map((r) => [...r, 1]);
    const G = [0, 1, 2].map((i) => [0, 1, 2].map((j) => Xt.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const W = f.weights.toArray() as number[][];
    const c = f.bias.toArray() as number[];
    for (let k = 0; k < 3; k++) {
      const rhs = [0, 1, 2].map((i) => Xt.reduce((s, r, n) => s + r[i]! * (y[n] === k ? 1 : 0), 0));
      const ref = gaussSolve(G, rhs);
      expect(Math.abs(W[k]![0]! - ref[0]!)).toBeLessThan(1e-12);
      expect(Math.abs(W[k]![1]! - ref[1]!)).toBeLessThan(1e-12);
      expect(Math.abs(c[k]! - ref[2]!)).toBeLessThan(1e-12);
    }
    const pred = f.predict(x).toArray() as number[];
    const acc = pred.filter((p, i) => p === y[i]).length / y.length;
    // Well-separated blobs (distance ≥ 6σ): least squares classifies nearly all.
    expect(acc).toBeGreaterThan(0.95);
  });

  it('validates parameters and input', () => {
    expect(() => new LinearClassifier({ weights: [[1, 2]], bias: [1, 2] })).toThrow(
      'LinearClassifier: params.bias has the wrong length; expected 1, got 2',
    );
    expect(() => new LinearClassifier().predict([[1]])).toThrow(ModelError);
    const f = new LinearClassifier({ weights: [[1, 2]], bias: [0] });
    expect(() => f.predict([[1, 2, 3]])).toThrow(/expected 2, got 3/);
    expect(() => f.predict([[NaN, 1]])).toThrow(
      /LinearClassifier\.scores: x contains NaN at row 0, column 0/,
    );
    expect(() => new LinearClassifier({ weights: [[NaN]], bias: [0] })).toThrow(
      /params\.weights contains NaN at row 0, column 0/,
    );
    expect(() =>
      new LinearClassifier().fit(
        [
          [0, NaN],
          [1, 1],
          [2, 2],
        ],
        [0, 1, 1],
      ),
    ).toThrow(/fit: x contains NaN at row 0, column 1; expected finite numbers/);
    expect(() =>
      new LinearClassifier().fit(
        [
          [0, 1],
          [1, 1],
        ],
        [0, 1, 1],
      ),
    ).toThrow(/y has the wrong length; expected 2, got 3/);
    expect(() => new LinearClassifier().fit([], [])).toThrow(/x is empty/);
    expect(() => new LinearClassifier().fit([[0], [1]], [0, 0.5])).toThrow(/class indices/);
    // Identical rows: [x, 1] has rank 1 < 3, so least squares has no unique solution.
    expect(() =>
      new LinearClassifier().fit(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        [0, 1, 0],
      ),
    ).toThrow(/rank deficient \(rank 1 < 3\)/);
  });
});
