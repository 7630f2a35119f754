import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { gaussianBasis, LogisticRegression, ModelError } from '../src/index.js';
import { negLogSigmoid, sigma, twoClouds } from './helpers.js';

/** Objective E = −Σ[t log σ(a) + (1−t) log σ(−a)] + (λ/2)‖w‖², hand-written. */
function objective(x: number[][], t: number[], w: number[], b: number, lambda: number): number {
  let e = 0;
  x.forEach((r, i) => {
    const a = r.reduce((s, v, j) => s + v * w[j]!, b);
    e += t[i] === 1 ? negLogSigmoid(a) : negLogSigmoid(-a);
  });
  return e + (lambda / 2) * w.reduce((s, v) => s + v * v, 0);
}

/** The slide's gradient Σ(σ(aₙ) − tₙ)x̃ₙ + λ[w; 0], hand-written. */
function gradient(x: number[][], t: number[], w: number[], b: number, lambda: number): number[] {
  const g = new Array<number>(w.length + 1).fill(0);
  x.forEach((r, i) => {
    const res = sigma(r.reduce((s, v, j) => s + v * w[j]!, b)) - t[i]!;
    r.forEach((v, j) => (g[j]! += res * v));
    g[w.length]! += res;
  });
  w.forEach((v, j) => (g[j]! += lambda * v));
  return g;
}

describe('LogisticRegression', () => {
  it('gradient() equals central finite differences of the objective', () => {
    const { x, t } = twoClouds(40, 41);
    const m = LogisticRegression.fromJSON({
      type: 'LogisticRegression',
      version: 1,
      lambda: 0.7,
      weights: [0.3, -0.8],
      bias: 0.2,
      features: null,
    });
    const g = m.gradient(x, t);
    const w = [0.3, -0.8];
    const b = 0.2;
    const h = 1e-6;
    const params = [...w, b];
    params.forEach((_, j) => {
      const plus = [...params];
      const minus = [...params];
      plus[j]! += h;
      minus[j]! -= h;
      const fd =
        (objective(x, t, plus.slice(0, 2), plus[2]!, 0.7) -
          objective(x, t, minus.slice(0, 2), minus[2]!, 0.7)) /
        (2 * h);
      // Central differences: O(h²) truncation + O(ε·E/h) ≈ 1e-9 rounding for E ≈ 30.
      expect(Math.abs(g[j]! - fd)).toBeLessThan(1e-6);
    });
    expect(m.objective(x, t)).toBeCloseTo(objective(x, t, w, b, 0.7), 12);
  });

  it('Newton reaches the first-order conditions ‖∇E‖ ≤ 1e-8 (gradient computed independently)', () => {
    const { x, t } = twoClouds(300, 42, 1);
    for (const lambda of [0, 2.5]) {
      const m = new LogisticRegression({ lambda }).fit(x, t);
      expect(m.fitInfo!.converged).toBe(true);
      expect(m.fitInfo!.separable).toBe(false);
      const g = gradient(x, t, Array.from(m.weights), m.bias, lambda);
      expect(Math.hypot(...g)).toBeLessThanOrEqual(1e-8);
      // Newton converges quadratically: a handful of iterations.
      expect(m.fitInfo!.iterations).toBeLessThan(15);
      // Mean cross-entropy reported = hand objective without the penalty / N.
      expect(m.fitInfo!.loss).toBeCloseTo(
        objective(x, t, Array.from(m.weights), m.bias, 0) / x.length,
        12,
      );
    }
  });

  it('does not penalise the bias: ∂E/∂w₀ = Σ(σ − t) vanishes, so mean prediction = class-1 fraction', () => {
    const { x, t } = twoClouds(101, 43, 0.8);
    const m = new LogisticRegression({ lambda: 50 }).fit(x, t);
    const p = m.predictProba(x).toArray() as number[];
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    const frac = t.reduce((a, b) => a + b, 0) / t.length;
    // First-order condition in w₀ at tol 1e-9, divided by N.
    expect(Math.abs(meanP - frac)).toBeLessThan(1e-10);
  });

  it('gradient descent (backtracking and fixed step) approaches the Newton optimum', () => {
    const { x, t } = twoClouds(200, 44, 1);
    const newton = new LogisticRegression({ lambda: 1 }).fit(x, t);
    const gd = new LogisticRegression({
      lambda: 1,
      solver: 'gd',
      maxIterations: 3000,
      tolerance: 1e-6,
    }).fit(x, t);
    const fixed = new LogisticRegression({
      lambda: 1,
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: 1,
      maxIterations: 3000,
      tolerance: 1e-6,
    }).fit(x, t);
    for (const m of [gd, fixed]) {
      expect(m.fitInfo!.converged).toBe(true);
      // ‖∇E‖ ≤ 1e-6 with strong convexity ≥ λ = 1 → parameter error ≤ 1e-6.
      m.weights.forEach((v, j) => expect(Math.abs(v - newton.weights[j]!)).toBeLessThan(1e-6));
    }
  });

  it('detects perfectly separable data with λ = 0: no endless loop, no NaN, a clear flag or error', () => {
    const x = [
      [0, 0],
      [1, 0.5],
      [0.5, 1],
      [3, 3],
      [4, 3.5],
      [3.5, 4],
    ];
    const t = [0, 0, 0, 1, 1, 1];
    const m = new LogisticRegression().fit(x, t);
    expect(m.fitInfo!.separable).toBe(true);
    expect(m.fitInfo!.converged).toBe(false);
    expect(m.fitInfo!.warning).toMatch(/separable.*lambda > 0/);
    m.weights.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(m.predict(x).toArray()).toEqual(t);
    expect(() => new LogisticRegression({ onSeparable: 'throw' }).fit(x, t)).toThrow(ModelError);
    expect(() => new LogisticRegression({ onSeparable: 'throw' }).fit(x, t)).toThrow(
      /expected lambda > 0/,
    );
    // With λ > 0 the optimum is finite and reached.
    const r = new LogisticRegression({ lambda: 0.1 }).fit(x, t);
    expect(r.fitInfo!.converged).toBe(true);
    expect(r.fitInfo!.separable).toBe(false);
  });

  it('flags quasi-separation (classes touching on the boundary) as separable too', () => {
    // Two points share x = 1 with different labels; all others are separated by x = 1.
    const x = [[-2], [-1], [0], [1], [1], [2], [3], [4]];
    const t = [0, 0, 0, 0, 1, 1, 1, 1];
    const m = new LogisticRegression().fit(x, t);
    expect(m.fitInfo!.separable).toBe(true);
    m.weights.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  });

  it('learns a non-linear boundary in a Gaussian basis feature space', () => {
    const rng = new Random(45);
    const x: number[][] = [];
    const t: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = i % 2 ? rng.uniform(0, 1) : rng.uniform(2, 3);
      const a = rng.uniform(0, 2 * Math.PI);
      x.push([r * Math.cos(a), r * Math.sin(a)]);
      t.push(i % 2);
    }
    const linear = new LogisticRegression({ lambda: 0.01 }).fit(x, t);
    const phi = gaussianBasis({ count: 5, data: x });
    const rbf = new LogisticRegression({ lambda: 0.01, features: phi }).fit(x, t);
    const acc = (m: LogisticRegression) =>
      (m.predict(x).toArray() as number[]).filter((p, i) => p === t[i]).length / t.length;
    // A circle is not linearly separable (≈ chance), but is in the Gaussian feature space.
    expect(acc(linear)).toBeLessThan(0.75);
    expect(acc(rbf)).toBe(1);
    expect(rbf.weights).toHaveLength(25);
  });

  it('rejects bad targets and options', () => {
    expect(() => new LogisticRegression().fit([[0], [1]], [0, 2])).toThrow(/0 or 1/);
    expect(() => new LogisticRegression().fit([[0], [1]], [1, 1])).toThrow(/both classes/);
    expect(() => new LogisticRegression({ solver: 'lbfgs' as never })).toThrow(/solver/);
    expect(() => new LogisticRegression({ tolerance: -1 })).toThrow(/tol/);
    expect(() => new LogisticRegression().predict([[0]])).toThrow(/not fitted/);
    const m = new LogisticRegression({ lambda: 1 }).fit([[0], [1], [2]], [0, 1, 1]);
    expect(() => m.predict([[0, 1]])).toThrow(/expected 1, got 2/);
  });
});
