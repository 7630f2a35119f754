import { sinCurve } from '@termgrad/datasets';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { ModelError, PolynomialRegression } from '../src/index.js';
import { gaussSolve, sinData } from './helpers.js';

describe('PolynomialRegression', () => {
  it('fits the least-squares line through 3 points solved by hand', () => {
    // (0,1), (1,2), (2,4): slope = Σ(x−x̄)(t−t̄)/Σ(x−x̄)² = 3/2, intercept = t̄ − 1.5·x̄ = 7/3 − 3/2 = 5/6.
    const m = new PolynomialRegression({ degree: 1 }).fit([0, 1, 2], [1, 2, 4]);
    const w = m.coefficients;
    // A 3-point QR solve: a few ulps of rounding.
    expect(w[0]).toBeCloseTo(5 / 6, 14);
    expect(w[1]).toBeCloseTo(1.5, 14);
    // E = ½ Σ r² with residuals (1/6, −1/3, 1/6) → E = ½·(1/36 + 1/9 + 1/36) = 1/12; E_RMS = √(2E/N) = √(1/18).
    expect(m.sumOfSquaresError([0, 1, 2], [1, 2, 4])).toBeCloseTo(1 / 12, 14);
    expect(m.eRms([0, 1, 2], [1, 2, 4])).toBeCloseTo(Math.sqrt(1 / 18), 14);
  });

  it('recovers the exact coefficients of a cubic', () => {
    const wTrue = [0.5, -1.25, 2, 0.75];
    const x = Array.from({ length: 20 }, (_, i) => -2 + i * 0.2);
    const t = x.map((v) => wTrue[0]! + wTrue[1]! * v + wTrue[2]! * v ** 2 + wTrue[3]! * v ** 3);
    const w = new PolynomialRegression({ degree: 3 }).fit(x, t).coefficients;
    // Exact data, well-conditioned scaled basis: error is rounding only (≈ 1e-15 relative).
    wTrue.forEach((c, j) => expect(Math.abs(w[j]! - c)).toBeLessThan(1e-13));
  });

  it('recovers a degree-5 polynomial from 100 000 points (fast path) to 1e-11', () => {
    const rng = new Random(7);
    const wTrue = [1, -2, 0.5, 0.3, -0.05, 0.002];
    const n = 100_000;
    const x = new Float64Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = rng.uniform(-1, 1);
      let y = 0;
      for (let k = 5; k >= 0; k--) y = y * x[i]! + wTrue[k]!;
      t[i] = y;
    }
    const w = new PolynomialRegression({ degree: 5 }).fit(x, t).coefficients;
    // Householder QR is backward stable; cond of the scaled Vandermonde on [-1,1] is ~30, so ~1e-14.
    wTrue.forEach((c, j) => expect(Math.abs(w[j]! - c)).toBeLessThan(1e-11));
  });

  it('shows the lecture overfitting picture: train E_RMS falls with M, test E_RMS rises at M = 9, ridge repairs it', () => {
    // Bishop's setting: N = 10 evenly spaced points, noise σ = 0.3, 100 test points (seeded).
    const data = sinCurve({ n: 10, noise: 0.3, testN: 100, seed: 3 });
    const train = { x: data.train.x, t: data.train.y };
    const test = { x: data.test.x, t: data.test.y };
    const trainErr: number[] = [];
    const testErr: number[] = [];
    for (let M = 0; M <= 9; M++) {
      const m = new PolynomialRegression({ degree: M }).fit(train.x, train.t);
      trainErr.push(m.eRms(train.x, train.t));
      testErr.push(m.eRms(test.x, test.t));
    }
    // Nested models: the training optimum cannot get worse as M grows (slack for rounding).
    for (let M = 1; M <= 9; M++) expect(trainErr[M]!).toBeLessThanOrEqual(trainErr[M - 1]! + 1e-12);
    // M = 9 interpolates 10 points: zero training error up to rounding amplified by the interpolation.
    expect(trainErr[9]!).toBeLessThan(1e-8);
    // Overfitting: test error at M = 9 is far above the M = 3 fit (Bishop's figure 1.5 shows ~1 vs ~0.3;
    // this deterministic seed gives 0.80 vs 0.36).
    expect(testErr[9]!).toBeGreaterThan(1.8 * testErr[3]!);
    const ridge = new PolynomialRegression({ degree: 9, lnLambda: -18 });
    ridge.fit(train.x, train.t);
    // ln λ = −18 brings the test error back near the good M = 3 fit, and the coefficients shrink.
    expect(ridge.eRms(test.x, test.t)).toBeLessThan(0.5 * testErr[9]!);
    expect(ridge.eRms(test.x, test.t)).toBeLessThan(1.5 * testErr[3]!);
    const unreg = new PolynomialRegression({ degree: 9 }).fit(train.x, train.t);
    const norm = (w: Float64Array) => Math.hypot(...w);
    expect(norm(ridge.coefficients)).toBeLessThan(norm(unreg.coefficients) / 10);
  });

  it('ridge equals (XᵀX + λI)⁻¹Xᵀt computed independently on a well-conditioned case', () => {
    const { x, t } = sinData(25, 3, { uniform: true });
    const lambda = 0.05;
    const M = 3;
    // Normal equations in the raw monomial basis (fine here: x ∈ [0,1], M = 3, λ > 0).
    const p = M + 1;
    const A = Array.from({ length: p }, (_, j) =>
      Array.from(
        { length: p },
        (_, k) => x.reduce((s, v) => s + v ** (j + k), 0) + (j === k ? lambda : 0),
      ),
    );
    const rhs = Array.from({ length: p }, (_, j) => x.reduce((s, v, i) => s + v ** j * t[i]!, 0));
    const ref = gaussSolve(A, rhs);
    const w = new PolynomialRegression({ degree: M, lambda }).fit(x, t).coefficients;
    // cond(XᵀX + λI) ≈ 1e3 here, so the reference itself is good to ~1e-12.
    ref.forEach((c, j) => expect(Math.abs(w[j]! - c)).toBeLessThan(1e-10));
    // penalizeBias: false leaves w₀ out of the penalty (zero in the [0,0] entry).
    A[0]![0]! -= lambda;
    const ref2 = gaussSolve(A, rhs);
    const w2 = new PolynomialRegression({ degree: M, lambda, penalizeBias: false }).fit(
      x,
      t,
    ).coefficients;
    ref2.forEach((c, j) => expect(Math.abs(w2[j]! - c)).toBeLessThan(1e-10));
  });

  it('minimises the documented objective: E(w) at the optimum is below E at perturbed w', () => {
    const { x, t } = sinData(15, 4);
    const m = new PolynomialRegression({ degree: 4, lnLambda: -3 }).fit(x, t);
    const w = m.coefficients;
    const E = (ww: number[]) =>
      0.5 * x.reduce((s, v, i) => s + (ww.reduce((y, c, j) => y + c * v ** j, 0) - t[i]!) ** 2, 0) +
      (Math.exp(-3) / 2) * ww.reduce((s, c) => s + c * c, 0);
    const e0 = E(Array.from(w));
    // objective() agrees with the hand formula (rounding only).
    expect(Math.abs(m.objective(x, t) - e0)).toBeLessThan(1e-12);
    for (let j = 0; j < w.length; j++) {
      for (const h of [1e-4, -1e-4]) {
        const ww = Array.from(w);
        ww[j]! += h;
        expect(E(ww)).toBeGreaterThan(e0);
      }
    }
  });

  it('accepts lambda or lnLambda (−Infinity = no penalty) and reports lnLambda', () => {
    const { x, t } = sinData(12, 5);
    const a = new PolynomialRegression({ degree: 5, lambda: Math.exp(-4) }).fit(x, t).coefficients;
    const b = new PolynomialRegression({ degree: 5, lnLambda: -4 }).fit(x, t).coefficients;
    a.forEach((c, j) => expect(c).toBe(b[j]));
    expect(new PolynomialRegression({ lnLambda: -Infinity }).lambda).toBe(0);
    // log(exp(2)) returns 2 to within 1 ulp; 5e-15 absolute.
    expect(new PolynomialRegression({ lambda: Math.exp(2) }).lnLambda).toBeCloseTo(2, 14);
  });

  it('accepts Tensor [N], Tensor [N,1], Float64Array and number[] inputs alike', () => {
    const { x, t } = sinData(10, 6);
    const ref = new PolynomialRegression({ degree: 2 }).fit(x, t).coefficients;
    for (const xi of [
      new Tensor(Float64Array.from(x), [10]),
      new Tensor(Float64Array.from(x), [10, 1]),
      Float64Array.from(x),
      x.map((v) => [v]),
      x.map((v) => Float64Array.of(v)), // rows as typed arrays (the shared converter)
    ]) {
      const w = new PolynomialRegression({ degree: 2 }).fit(
        xi,
        new Tensor(Float64Array.from(t), [10]),
      ).coefficients;
      w.forEach((c, j) => expect(c).toBe(ref[j]));
    }
    // integer inputs as an Int32Array column: the same fit as the number[] of those integers
    const xi = [0, 1, 2, 3, 4];
    const ti = [1, 0, 2, 5, 3];
    const a = new PolynomialRegression({ degree: 2 }).fit(xi, ti).coefficients;
    const b = new PolynomialRegression({ degree: 2 }).fit(Int32Array.from(xi), Int32Array.from(ti));
    b.coefficients.forEach((c, j) => expect(c).toBe(a[j]));
    const m = new PolynomialRegression({ degree: 2 }).fit(x, t);
    expect(m.predict([0.5]).shape).toEqual([1]);
    expect(m.evaluate(0.5)).toBe(m.predict([0.5]).data[0]);
  });

  it('handles a degree higher than the distinct x count only with λ > 0', () => {
    const x = [0, 0, 1, 1, 2, 2];
    const t = [0, 0.1, 1, 1.1, 4, 4.1];
    expect(() => new PolynomialRegression({ degree: 4 }).fit(x, t)).toThrow(/rank deficient/);
    expect(() => new PolynomialRegression({ degree: 9 }).fit(x, t)).toThrow(/at least 10 points/);
    const lambda = 1e-3;
    const w = new PolynomialRegression({ degree: 4, lambda }).fit(x, t).coefficients;
    // Reference: the ridge normal equations (XᵀX + λI)w = Xᵀt, non-singular for λ > 0 even though XᵀX is
    // singular (rank 3 < 5). cond ≈ 1e6 with x ≤ 2: the reference is good to ~1e-9; 1e-6 absolute.
    const A = Array.from({ length: 5 }, (_, j) =>
      Array.from(
        { length: 5 },
        (_, k) => x.reduce((s, v) => s + v ** (j + k), 0) + (j === k ? lambda : 0),
      ),
    );
    const rhs = Array.from({ length: 5 }, (_, j) => x.reduce((s, v, i) => s + v ** j * t[i]!, 0));
    gaussSolve(A, rhs).forEach((c, j) => expect(Math.abs(w[j]! - c)).toBeLessThan(1e-6));
  });

  it('rejects bad input with ModelError messages', () => {
    const m = new PolynomialRegression({ degree: 1 });
    expect(() => m.fit([], [])).toThrow(ModelError);
    expect(() => m.fit([1, 2], [1])).toThrow(
      'PolynomialRegression.fit: y has the wrong length; expected 2, got 1',
    );
    expect(() => m.fit([1, NaN, 3], [1, 2, 3])).toThrow(/finite/);
    expect(() => m.fit([[1, 2]], [1])).toThrow(/expected 1, got 2/);
    expect(() => new PolynomialRegression({ degree: -1 })).toThrow(/degree/);
    expect(() => new PolynomialRegression({ degree: 1.5 })).toThrow(/integer/);
    expect(() => new PolynomialRegression({ lambda: -1 })).toThrow(/lambda/);
    expect(() => new PolynomialRegression({ lambda: 1, lnLambda: 0 })).toThrow(/not both/);
    expect(() => new PolynomialRegression({ lamda: 1 } as never)).toThrow(/unknown option 'lamda'/);
    expect(() => m.predict([1])).toThrow(/not fitted/);
    expect(() => m.toJSON()).toThrow(/not fitted/);
    expect(() => m.fit([0, 1, Infinity], [0, 1, 2])).toThrow(
      'PolynomialRegression.fit: x contains Infinity at row 2, column 0; expected finite numbers',
    );
    expect(() => m.fit([0, 1, 2], [0, NaN, 2])).toThrow(
      'PolynomialRegression.fit: y contains NaN at index 1; expected finite numbers',
    );
    expect(() => new PolynomialRegression({ lambda: NaN })).toThrow(
      /lambda must be a number; expected a number >= 0, got NaN/,
    );
    expect(() => new PolynomialRegression({ lnLambda: Infinity })).toThrow(
      /lnLambda must be a number or -Infinity/,
    );
    const fitted = new PolynomialRegression({ degree: 1 }).fit([0, 1, 2], [0, 1, 2]);
    expect(() => fitted.predict([NaN])).toThrow(
      /PolynomialRegression\.predict: x contains NaN at row 0, column 0/,
    );
    expect(() => fitted.evaluate(NaN)).toThrow(
      'PolynomialRegression.evaluate: x must be a number; expected a number, got NaN',
    );
    expect(() => fitted.eRms([0, 1], [1])).toThrow(
      /eRms: y has the wrong length; expected 2, got 1/,
    );
    expect(() => fitted.eRms([], [])).toThrow(/x is empty/);
  });
});
