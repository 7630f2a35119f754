// Hard inputs for PolynomialRegression (issue 14): x far from 0 (centring), ridge with fewer points
// than coefficients, the rank-deficient lstsq fallback, fitInfo, and malformed documents. Expected
// values are exact rationals (BigInt) or closed forms, never the code's own output.

import { Random } from '@termgrad/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError, PolynomialRegression } from '../src/index.js';
import { Frac, solveExact } from './exact.js';

/** q(d) = 1 + 2d − d²/2 + d³/4 with d = x − 1005: every value at integer or half-integer x is exact in double. */
const Q = [1, 2, -0.5, 0.25];
const qAt = (x: number): number => {
  const d = x - 1005;
  return Q[0]! + Q[1]! * d + Q[2]! * d * d + Q[3]! * d * d * d;
};

/** Exact x-coefficients of q: expand Σ c_k (x − 1005)^k with binomials. */
function shiftedCoefficientsExact(): Frac[] {
  const w = [0, 1, 2, 3].map(() => new Frac(0n));
  const binom = [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]];
  for (let k = 0; k < 4; k++) {
    for (let j = 0; j <= k; j++) {
      const term = Frac.of(Q[k]!).mul(new Frac(BigInt(binom[k]![j]!) * (-1005n) ** BigInt(k - j)));
      w[j] = w[j]!.add(term);
    }
  }
  return w;
}

/** Exact ridge solution of (XᵀX + λ·P) w = Xᵀt with P = I (or I without the (0,0) entry). */
function ridgeExact(
  x: number[],
  t: number[],
  degree: number,
  lambda: number,
  penalizeBias: boolean,
): Frac[] {
  const p = degree + 1;
  const X = x.map((v) => Array.from({ length: p }, (_, j) => Frac.of(v ** j)));
  const lam = Frac.of(lambda);
  const A = Array.from({ length: p }, (_, j) =>
    Array.from({ length: p }, (_, k) => {
      let s = X.reduce((acc, row) => acc.add(row[j]!.mul(row[k]!)), new Frac(0n));
      if (j === k && (penalizeBias || j > 0)) s = s.add(lam);
      return s;
    }),
  );
  const rhs = Array.from({ length: p }, (_, j) =>
    X.reduce((acc, row, i) => acc.add(row[j]!.mul(Frac.of(t[i]!))), new Frac(0n)),
  );
  return solveExact(A, rhs);
}

describe('PolynomialRegression: x far from 0 (centring and scaling)', () => {
  const x = Array.from({ length: 11 }, (_, i) => 1000 + i);
  const t = x.map(qAt);

  it('fits a cubic on x ∈ [1000, 1010] to 1e-10 (uncentred: ~1e-7)', () => {
    const m = new PolynomialRegression({ degree: 3 }).fit(x, t);
    // In u = (x − 1005)/5 the Vandermonde matrix has κ ≈ 10, so errors are ~1e-14 on values ≤ 40;
    // 1e-10 leaves margin and is still 1000× below the ~1e-7 error of a fit in raw x (κ ≈ 1e14).
    for (const xi of [...x, 1000.5, 1004.5, 1009.5])
      expect(Math.abs(m.evaluate(xi) - qAt(xi))).toBeLessThan(1e-10);
    const pred = m.predict(x).toTypedArray();
    x.forEach((xi, i) => expect(Math.abs(pred[i]! - qAt(xi))).toBeLessThan(1e-10));
    expect(m.sumOfSquaresError(x, t)).toBeLessThan(1e-20); // ½Σ of eleven (≤1e-10)² residuals
    expect(m.fitInfo).toEqual({ n: 11, rank: 4 });
  });

  it('reports the x-coefficients of the expanded polynomial (exact BigInt expansion as reference)', () => {
    const w = new PolynomialRegression({ degree: 3 }).fit(x, t).coefficients;
    const exact = shiftedCoefficientsExact().map((f) => f.toNumber());
    // w_j = Σ_k C(k,j)(−1005)^(k−j) v_k sums terms up to 0.25·3·1005² ≈ 7.6e5 (j = 1) that cancel;
    // each term carries ~1e-14 relative error from the fit, so bound |Δw_j| by 1e-12 × Σ|terms|.
    const binom = [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]];
    for (let j = 0; j < 4; j++) {
      let mag = 0;
      for (let k = j; k < 4; k++) mag += Math.abs(binom[k]![j]! * 1005 ** (k - j) * Q[k]!);
      expect(Math.abs(w[j]! - exact[j]!)).toBeLessThan(1e-12 * mag);
    }
  });

  it('round-trips a far-shifted fit through toJSON/fromJSON bit for bit', () => {
    const m = new PolynomialRegression({ degree: 3 }).fit(x, t);
    const back = PolynomialRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    for (const xi of [1000, 1003.25, 1010]) expect(back.evaluate(xi)).toBe(m.evaluate(xi));
    expect(Array.from(back.coefficients)).toEqual(Array.from(m.coefficients));
  });

  it('a single distinct x (degree 0) predicts the mean without dividing by a zero range', () => {
    const m = new PolynomialRegression({ degree: 0 }).fit([5, 5, 5], [1, 2, 6]);
    expect(m.evaluate(5)).toBeCloseTo(3, 14); // mean of three integers: exact to ulps
    expect(m.evaluate(7)).toBeCloseTo(3, 14);
    expect(m.coefficients[0]).toBeCloseTo(3, 14);
    // Degree 1 with ridge on one distinct x: u must be 0 (half-range 1), not 0/0.
    const r = new PolynomialRegression({ degree: 1, lambda: 1 }).fit([5, 5, 5], [1, 2, 6]);
    const exact = ridgeExact([5, 5, 5], [1, 2, 6], 1, 1, true);
    // κ(XᵀX + I) ≈ 80: the augmented QR solution is accurate to ~1e-14; 1e-12 absolute.
    exact.forEach((f, j) =>
      expect(Math.abs(r.coefficients[j]! - f.toNumber())).toBeLessThan(1e-12),
    );
    expect(
      Math.abs(r.evaluate(5) - (exact[0]!.toNumber() + 5 * exact[1]!.toNumber())),
    ).toBeLessThan(1e-12);
  });

  it('shifting and scaling x leaves the predictions unchanged (fast-check, seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer(),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.integer({ min: -3, max: 3 }),
        (degree, extra, seed, shift, scaleExp) => {
          const rng = new Random(seed);
          const n = degree + 1 + extra;
          // Distinct, well-spread x in [−1, 1]: a jittered grid keeps the u-Vandermonde well conditioned.
          const x = Array.from(
            { length: n },
            (_, i) => -1 + (2 * i) / (n - 1) + rng.uniform(-0.2, 0.2) / (n - 1),
          );
          const t = x.map(() => rng.uniform(-1, 1));
          const s = 10 ** scaleExp;
          const xs = x.map((v) => s * v + shift);
          const a = new PolynomialRegression({ degree }).fit(x, t);
          const b = new PolynomialRegression({ degree }).fit(xs, t);
          // The fitted u-polynomial is the same up to the rounding of s·x + c (relative 1e-16·|c|/(s·1)
          // ≤ 1e-12 here) amplified by κ ≤ 1e3 of a degree-5 fit on a jittered grid: 1e-8 absolute.
          for (let i = 0; i < n; i++)
            expect(Math.abs(b.evaluate(xs[i]!) - a.evaluate(x[i]!))).toBeLessThan(1e-8);
          const mid = 0.37;
          expect(Math.abs(b.evaluate(s * mid + shift) - a.evaluate(mid))).toBeLessThan(1e-8);
        },
      ),
      { seed: 2014, numRuns: 60 },
    );
  });
});

describe('PolynomialRegression: ridge, fallback and read-outs', () => {
  it('ridge with fewer points than coefficients matches the exact normal-equation solution', () => {
    // N = 2 < M + 1 = 4: XᵀX is singular but XᵀX + λI is not. Reference in exact rationals.
    const x = [1, 2];
    const t = [1, 3];
    for (const penalizeBias of [true, false]) {
      const m = new PolynomialRegression({ degree: 3, lambda: 0.5, penalizeBias }).fit(x, t);
      const exact = ridgeExact(x, t, 3, 0.5, penalizeBias);
      const w = m.coefficients;
      // κ(XᵀX + λI) ≈ 2e2: the QR solution of the augmented problem is accurate to ~1e-14; 1e-12 absolute.
      exact.forEach((f, j) => expect(Math.abs(w[j]! - f.toNumber())).toBeLessThan(1e-12));
      // The objective E(w) = ½Σ(y − t)² + (λ/2)‖w‖² (w₀ left out when penalizeBias is false), exact.
      let e = new Frac(0n);
      x.forEach((xi, i) => {
        const y = exact.reduce((acc, c, j) => acc.add(c.mul(Frac.of(xi ** j))), new Frac(0n));
        const r = y.sub(Frac.of(t[i]!));
        e = e.add(r.mul(r).div(new Frac(2n)));
      });
      exact.forEach((c, j) => {
        if (penalizeBias || j > 0) e = e.add(c.mul(c).mul(new Frac(1n, 4n)));
      });
      expect(Math.abs(m.objective(x, t) - e.toNumber())).toBeLessThan(1e-12); // O(1) value, same accuracy as w
      expect(m.fitInfo).toEqual({ n: 2, rank: 4 });
    }
  });

  it('a numerically rank-deficient ridge problem falls back to pivoted lstsq and still fits the group means', () => {
    // Two distinct x for degree 2 and λ = 1e-40 (penalty rows ~1e-20): the fast QR reports rank
    // deficiency, lstsq finds rank 2, and any least-squares fit through two x values must pass
    // through the mean target at each of them: 1.5 at x = 1 and 5.5 at x = 2.
    const m = new PolynomialRegression({ degree: 2, lambda: 1e-40 }).fit(
      [1, 1, 2, 2],
      [1, 2, 5, 6],
    );
    expect(m.fitInfo).toEqual({ n: 4, rank: 2 });
    expect(Math.abs(m.evaluate(1) - 1.5)).toBeLessThan(1e-12); // O(1) values from a 7×3 QR: ulps
    expect(Math.abs(m.evaluate(2) - 5.5)).toBeLessThan(1e-12);
    for (const v of m.coefficients) expect(Number.isFinite(v)).toBe(true);
    // Without the penalty the same data is an error, naming the cause.
    expect(() => new PolynomialRegression({ degree: 2 }).fit([1, 1, 2, 2], [1, 2, 5, 6])).toThrow(
      /rank deficient \(rank 2 < 3\)/,
    );
  });

  it('N = M + 1 points is enough without ridge, N = M is not', () => {
    const m = new PolynomialRegression({ degree: 2 }).fit([0, 1, 2], [1, 2, 5]); // t = 1 + x²
    expect(Array.from(m.coefficients).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 0, 1]);
    expect(() => new PolynomialRegression({ degree: 2 }).fit([0, 1], [1, 2])).toThrow(
      /expected N >= 3, got 2/,
    );
  });

  it('fitInfo is null before fit, and lnLambda reads back ln λ', () => {
    expect(new PolynomialRegression().fitInfo).toBeNull();
    expect(new PolynomialRegression().lnLambda).toBe(-Infinity);
    expect(new PolynomialRegression({ lambda: Math.E ** 2 }).lnLambda).toBeCloseTo(2, 14);
    expect(new PolynomialRegression({ lnLambda: -Infinity }).lambda).toBe(0);
    expect(new PolynomialRegression().degree).toBe(3);
    expect(new PolynomialRegression().penalizeBias).toBe(true);
    expect(() => new PolynomialRegression({ degree: 31 })).toThrow(/degree/);
    expect(new PolynomialRegression({ degree: 30 }).degree).toBe(30);
    expect(() => new PolynomialRegression({ penalizeBias: 'yes' as never })).toThrow(
      /penalizeBias must be a boolean/,
    );
  });

  it('eRms is √(2E/N) and objective adds (λ/2)‖w‖² to E_D', () => {
    const m = new PolynomialRegression({ degree: 1, lambda: 0.5 }).fit([0, 1, 2], [0, 1, 3]);
    const w = m.coefficients;
    const r = [0, 1, 2].map((xi, i) => w[0]! + w[1]! * xi - [0, 1, 3][i]!);
    const ed = 0.5 * r.reduce((s, v) => s + v * v, 0);
    expect(m.sumOfSquaresError([0, 1, 2], [0, 1, 3])).toBeCloseTo(ed, 13); // three O(1) squares
    expect(m.eRms([0, 1, 2], [0, 1, 3])).toBeCloseTo(Math.sqrt((2 * ed) / 3), 13);
    expect(m.objective([0, 1, 2], [0, 1, 3])).toBeCloseTo(
      ed + 0.25 * (w[0]! ** 2 + w[1]! ** 2),
      13,
    );
  });

  it('fromJSON rejects a negative λ and a zero, negative or −0 halfRange', () => {
    const doc = new PolynomialRegression({ degree: 1 }).fit([0, 1, 2], [0, 1, 2]).toJSON();
    expect(() => PolynomialRegression.fromJSON({ ...doc, lambda: -1 })).toThrow(ModelError);
    expect(() => PolynomialRegression.fromJSON({ ...doc, lambda: -1 })).toThrow(
      /lambda must be >= 0; got -1/,
    );
    for (const halfRange of [0, -1, '-0']) {
      expect(() => PolynomialRegression.fromJSON({ ...doc, halfRange })).toThrow(
        /halfRange must be > 0/,
      );
    }
    expect(PolynomialRegression.fromJSON({ ...doc, lambda: 0 }).lambda).toBe(0);
  });
});

describe('PolynomialRegression.evaluate: input check (mutation survivor)', () => {
  it('rejects NaN, ±Infinity and non-numbers with a clear error', () => {
    const m = new PolynomialRegression({ degree: 1 }).fit([0, 1, 2], [1, 3, 5]);
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '1' as never,
    ]) {
      expect(() => m.evaluate(bad)).toThrow(
        /^PolynomialRegression\.evaluate: x must be (a number|finite); expected a number, got /,
      );
    }
    expect(Math.abs(m.evaluate(3) - 7)).toBeLessThan(1e-14); // t = 1 + 2x, exact data: ulps
  });
});
