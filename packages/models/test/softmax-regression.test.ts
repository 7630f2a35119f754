import { loadIris, Standardizer } from '@termgrad/datasets';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, ModelError, SoftmaxRegression } from '../src/index.js';
import { blobs, twoClouds } from './helpers.js';

/** ∇E over all K classes, hand-written: Σₙ (pₙₖ − tₙₖ)[xₙ; 1] + λ[W_k; 0]. */
function fullGradient(
  x: number[][],
  y: number[],
  W: number[][],
  b: number[],
  lambda: number,
): number[] {
  const K = W.length;
  const d = x[0]!.length;
  const g = new Array<number>(K * (d + 1)).fill(0);
  x.forEach((r, n) => {
    const a = W.map((w, k) => w.reduce((s, v, j) => s + v * r[j]!, b[k]!));
    const mx = Math.max(...a);
    const e = a.map((v) => Math.exp(v - mx));
    const z = e.reduce((s, v) => s + v, 0);
    for (let k = 0; k < K; k++) {
      const res = e[k]! / z - (y[n] === k ? 1 : 0);
      for (let j = 0; j < d; j++) g[k * (d + 1) + j]! += res * r[j]!;
      g[k * (d + 1) + d]! += res;
    }
  });
  W.forEach((w, k) => w.forEach((v, j) => (g[k * (d + 1) + j]! += lambda * v)));
  return g;
}

describe('SoftmaxRegression', () => {
  it('reaches the first-order conditions ‖∇E‖ ≤ 1e-8 over all K classes', () => {
    const { x, y } = blobs(
      [
        [-2, 0],
        [2, 0],
        [0, 2.5],
      ],
      60,
      51,
      1.5,
    );
    for (const lambda of [0, 0.5]) {
      const m = new SoftmaxRegression({ lambda }).fit(x, y);
      expect(m.fitInfo!.converged).toBe(true);
      const g = fullGradient(x, y, m.weights.toArray() as number[][], Array.from(m.bias), lambda);
      expect(Math.hypot(...g)).toBeLessThanOrEqual(1e-8);
      // The model's own gradient() agrees with the hand formula (same sums, different order).
      const own = m.gradient(x, y);
      const ownFlat = (own.weights.toArray() as number[][]).flatMap((row, k) => [
        ...row,
        own.bias[k]!,
      ]);
      ownFlat.forEach((v, i) => expect(Math.abs(v - g[i]!)).toBeLessThan(1e-9));
    }
  });

  it('classifies Iris (150 flowers, 4 features, 3 species) above 95% on the training data', () => {
    const iris = loadIris();
    const x = new Standardizer().fit(iris.x).transform(iris.x);
    const m = new SoftmaxRegression({ lambda: 0.01 }).fit(x, iris.y);
    expect(m.fitInfo!.converged).toBe(true);
    const pred = m.predict(x).toArray() as number[];
    const y = iris.y.toArray() as number[];
    const acc = pred.filter((p, i) => p === y[i]).length / y.length;
    // Published: multinomial logistic regression reaches ≈ 97–98% training accuracy on Iris.
    expect(acc).toBeGreaterThan(0.95);
    const g = fullGradient(
      x.toArray() as number[][],
      y,
      m.weights.toArray() as number[][],
      Array.from(m.bias),
      0.01,
    );
    expect(Math.hypot(...g)).toBeLessThanOrEqual(1e-8);
  });

  it('with two classes and λ = 0 it is logistic regression: W₁ − W₀ = w, b₁ − b₀ = w₀', () => {
    const { x, t } = twoClouds(150, 52, 1);
    const soft = new SoftmaxRegression().fit(x, t);
    const logi = new LogisticRegression().fit(x, t);
    const W = soft.weights.toArray() as number[][];
    const b = soft.bias;
    // Both at ‖∇‖ ≤ 1e-9 on a problem with Hessian eigenvalues ≳ 1: parameters agree to ~1e-9.
    for (let j = 0; j < 2; j++)
      expect(Math.abs(W[1]![j]! - W[0]![j]! - logi.weights[j]!)).toBeLessThan(1e-8);
    expect(Math.abs(b[1]! - b[0]! - logi.bias)).toBeLessThan(1e-8);
  });

  it('posteriors sum to one and predict is their argmax', () => {
    const { x, y } = blobs(
      [
        [-3, 0],
        [3, 0],
        [0, 3],
        [0, -3],
      ],
      20,
      53,
    );
    const m = new SoftmaxRegression({ lambda: 0.1 }).fit(x, y);
    const p = m.predictProba(x).toArray() as number[][];
    const pred = m.predict(x).toArray() as number[];
    p.forEach((row, i) => {
      // K = 4 terms of a normalised exponential: rounding only.
      expect(Math.abs(row.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-15);
      expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
    });
    expect(m.loss(x, y)).toBeCloseTo(m.fitInfo!.loss, 12);
  });

  it('flags separable classes with λ = 0 and handles them with λ > 0', () => {
    const { x, y } = blobs(
      [
        [-10, 0],
        [10, 0],
        [0, 10],
      ],
      10,
      54,
      0.5,
    );
    const m = new SoftmaxRegression().fit(x, y);
    expect(m.fitInfo!.separable).toBe(true);
    (m.weights.toArray() as number[][])
      .flat()
      .forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(() => new SoftmaxRegression({ onSeparable: 'throw' }).fit(x, y)).toThrow(ModelError);
    expect(new SoftmaxRegression({ lambda: 1 }).fit(x, y).fitInfo!.converged).toBe(true);
  });

  it('validates labels', () => {
    expect(() => new SoftmaxRegression().fit([[0], [1]], [0, -1])).toThrow(/class indices/);
    expect(() => new SoftmaxRegression({ numClasses: 3 }).fit([[0], [1]], [0, 1])).toThrow(
      /class 2 has no training samples/,
    );
  });
});
