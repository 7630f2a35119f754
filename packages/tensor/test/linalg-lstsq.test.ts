import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  div,
  lstsq,
  matmul,
  Random,
  solveTriangular,
  sub,
  svd,
  tensor,
  transpose,
} from '../src/index.js';
import { maxDiff, randomMatrix } from './helpers.js';

/** Vandermonde rows [1, x, x², …, x^deg]. */
function vandermonde(xs: number[], deg: number): number[][] {
  return xs.map((x) => Array.from({ length: deg + 1 }, (_, j) => x ** j));
}

function polyval(coef: number[], x: number): number {
  let y = 0;
  for (let j = coef.length - 1; j >= 0; j--) y = y * x + (coef[j] as number);
  return y;
}

describe('lstsq', () => {
  it('fits a hand-worked line: y = 1 + 2t through (0,1), (1,3), (2,5)', () => {
    const { x, rank, rankDeficient, residual } = lstsq(
      tensor([
        [1, 0],
        [1, 1],
        [1, 2],
      ]),
      tensor([1, 3, 5]),
    );
    // Exact-fit coefficients of size ≤ 2: QR rounding is a few ulps, far inside 5e-15.
    expect(x.get(0)).toBeCloseTo(1, 14);
    expect(x.get(1)).toBeCloseTo(2, 14);
    expect(rank).toBe(2);
    expect(rankDeficient).toBe(false);
    expect(residual).toBeLessThan(1e-28); // exact fit: residual is rounding noise squared
  });

  it('matches the closed-form regression line on noisy data', () => {
    // Closed form for y = a + b t: b = Σ(t−t̄)(y−ȳ) / Σ(t−t̄)², a = ȳ − b t̄.
    const ts = [0, 1, 2, 3, 4];
    const ys = [1.1, 2.9, 5.2, 6.8, 9.1];
    const tm = 2;
    const ym = ys.reduce((p, v) => p + v, 0) / 5;
    const b =
      ts.reduce((p, t, i) => p + (t - tm) * ((ys[i] as number) - ym), 0) /
      ts.reduce((p, t) => p + (t - tm) ** 2, 0);
    const a0 = ym - b * tm;
    const { x, residual } = lstsq(tensor(ts.map((t) => [1, t])), tensor(ys));
    // Closed form and QR are both accurate to ~1e-15 on this 5×2 problem; 5e-14 absolute.
    expect(x.get(0)).toBeCloseTo(a0, 13);
    expect(x.get(1)).toBeCloseTo(b, 13);
    const rss = ts.reduce((p, t, i) => p + (a0 + b * t - (ys[i] as number)) ** 2, 0);
    expect(residual).toBeCloseTo(rss, 13);
  });

  it('leaves a residual orthogonal to the columns of A (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (n, extra, k, seed) => {
          const rng = new Random(seed);
          const m = n + extra;
          const a = tensor(randomMatrix(rng, m, n));
          const b = tensor(randomMatrix(rng, m, k));
          const { x, rank } = lstsq(a, b);
          expect(x.shape).toEqual([n, k]);
          expect(rank).toBe(n); // random matrices are full rank with probability 1
          const r = sub(matmul(a, x), b);
          const atr = matmul(transpose(a), r);
          // Aᵀr = 0 up to rounding: ‖Aᵀr‖ ≲ cond(A)·ε·‖A‖‖b‖; random m×n with m ≥ n are mildly conditioned.
          const worst = Math.max(...Array.from(atr.data, Math.abs));
          expect(worst).toBeLessThan(1e-9);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('agrees with the SVD pseudo-inverse solution V S⁻¹ Uᵀ b (an independent route)', () => {
    const rng = new Random(21);
    const a = tensor(randomMatrix(rng, 30, 7));
    const b = tensor(randomMatrix(rng, 30, 2));
    const { u, s, vt } = svd(a);
    // x = V diag(1/s) Uᵀ b; dividing Uᵀb [7,2] by s reshaped as a column scales each row.
    const utb = matmul(transpose(u), b);
    const scaled = div(utb, tensor(Array.from(s.data), [7, 1]));
    const ref = matmul(transpose(vt), scaled);
    // Both are backward stable on a well-conditioned 30×7 problem: agreement to ~1e-14.
    expect(maxDiff(lstsq(a, b).x, ref)).toBeLessThan(1e-13);
  });

  it('recovers the exact coefficients of a degree-9 polynomial from 10 points in [0, 1]', () => {
    const coef = [1, -2, 3, -4, 5, -6, 7, -8, 9, -10];
    const xs = Array.from({ length: 10 }, (_, i) => i / 9);
    const a = tensor(vandermonde(xs, 9));
    const y = tensor(xs.map((x) => polyval(coef, x)));
    const { x, rank } = lstsq(a, y);
    expect(rank).toBe(10);
    const err = Math.max(...coef.map((c, j) => Math.abs(x.get(j) - c)));
    // cond(V) ≈ 1e7 here, so coefficients are good to ≈ 1e7·ε·|c| ≈ 1e-8; the spec asks for ≤ 1e-6.
    expect(err).toBeLessThan(1e-6);

    // Normal equations (VᵀV) c = Vᵀy by Cholesky square the condition number (≈ 1e14): much worse.
    const vtv = matmul(transpose(a), a);
    const vty = matmul(transpose(a), y);
    let normalErr = Infinity;
    try {
      const l = cholesky(vtv);
      const z = solveTriangular(l, vty);
      const c = solveTriangular(l, z, { transpose: true });
      normalErr = Math.max(...coef.map((cc, j) => Math.abs(c.get(j) - cc)));
    } catch {
      // VᵀV may not even be numerically positive definite; that also counts as "much worse".
    }
    expect(normalErr).toBeGreaterThan(1000 * err);
    expect(normalErr).toBeGreaterThan(1e-4);
  });

  it('fits a degree-5 polynomial to 100 000 noiseless points', () => {
    const coef = [0.5, -1, 2, 0.25, -3, 1.5];
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
    const { x, residual } = lstsq(
      tensor(vandermonde(xs, 5)),
      tensor(xs.map((t) => polyval(coef, t))),
    );
    // Well conditioned on [-1, 1] (cond ≈ 1e2 after scaling): coefficients to ~1e-12.
    for (let j = 0; j <= 5; j++)
      expect(Math.abs(x.get(j) - (coef[j] as number))).toBeLessThan(1e-11);
    expect(residual).toBeLessThan(1e-20);
  });

  it('reports rank deficiency and returns the minimum-norm solution of duplicated columns', () => {
    // Columns 0 and 1 are equal: y = 2·c0 + 0·c1 is one of infinitely many solutions; the minimum-norm one splits 1/1.
    const a = tensor([
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 0],
      [4, 4, 1],
    ]);
    const y = tensor([2, 5, 6, 9]); // = 2·col0 + 1·col2
    const { x, rank, rankDeficient, residual } = lstsq(a, y);
    expect(rank).toBe(2);
    expect(rankDeficient).toBe(true);
    // Pivoted QR of a rank-2 matrix: the null-space component is rounding-level (~1e-15); 5e-13 absolute.
    expect(x.get(0)).toBeCloseTo(1, 12);
    expect(x.get(1)).toBeCloseTo(1, 12);
    expect(x.get(2)).toBeCloseTo(1, 12);
    expect(residual).toBeLessThan(1e-24);
  });

  it('finds the rank of random low-rank products and still leaves Aᵀr = 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer(),
        (r, extraN, extraM, seed) => {
          const rng = new Random(seed);
          const n = r + extraN;
          const m = n + extraM;
          // A = L R with L [m, r] and R [r, n] has rank r with probability 1.
          const a = matmul(tensor(randomMatrix(rng, m, r)), tensor(randomMatrix(rng, r, n)));
          const b = tensor(randomMatrix(rng, m, 1));
          const { x, rank, rankDeficient } = lstsq(a, b);
          expect(rank).toBe(r);
          expect(rankDeficient).toBe(r < n);
          const atr = matmul(transpose(a), sub(matmul(a, x), b));
          // Normal-equation residual of the least-squares solution: rounding-level (entries of A ≲ r).
          expect(Math.max(...Array.from(atr.data, Math.abs))).toBeLessThan(1e-9);
        },
      ),
      { seed: 22, numRuns: 60 },
    );
  });

  it('handles an all-zero column and an underdetermined system', () => {
    const z = lstsq(
      tensor([
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
      tensor([1, 2, 3]),
    );
    expect(z.rank).toBe(1);
    expect(z.x.get(0)).toBeCloseTo(2, 14); // mean of y
    expect(z.x.get(1)).toBe(0);
    expect(z.residual).toBeCloseTo(2, 13); // (1-2)² + 0 + (3-2)²
    // x + y = 2 (one equation, two unknowns): minimum-norm solution (1, 1).
    const u = lstsq(tensor([[1, 1]]), tensor([2]));
    expect(u.rank).toBe(1);
    expect(u.rankDeficient).toBe(true);
    // A 1×2 system: the minimum-norm answer is exact up to a couple of ulps.
    expect(u.x.get(0)).toBeCloseTo(1, 14);
    expect(u.x.get(1)).toBeCloseTo(1, 14);
  });

  it('rejects bad input', () => {
    expect(() =>
      lstsq(
        tensor([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        tensor([1, 2]),
      ),
    ).toThrow('lstsq: b must have shape [3] or [3,k] to match a [3,2], got [2]');
    expect(() => lstsq(tensor([[1, Number.POSITIVE_INFINITY]]), tensor([1]))).toThrow(
      /lstsq: a contains Infinity/,
    );
    expect(() => lstsq(tensor([[1]]), tensor([1]), { rcond: -1 })).toThrow(/rcond/);
  });
});
