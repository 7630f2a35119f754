import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  det,
  eye,
  inv,
  logdet,
  lu,
  matmul,
  Random,
  solve,
  solveTriangular,
  tensor,
  transpose,
} from '../src/index.js';
import { maxDiff, randomMatrix } from './helpers.js';

/** Determinant by cofactor expansion along the first row (independent reference, O(n!)). */
function cofactorDet(a: number[][]): number {
  const n = a.length;
  if (n === 1) return a[0]![0]!;
  let d = 0;
  for (let j = 0; j < n; j++) {
    const minor = a.slice(1).map((row) => row.filter((_, c) => c !== j));
    d += (j % 2 === 0 ? 1 : -1) * a[0]![j]! * cofactorDet(minor);
  }
  return d;
}

/** Well-conditioned random matrix: random entries plus n on the diagonal. */
function wellConditioned(rng: Random, n: number): number[][] {
  return randomMatrix(rng, n, n).map((row, i) => row.map((v, j) => v + (i === j ? n : 0)));
}

describe('solve', () => {
  it('solves a hand-worked 2×2 system', () => {
    // 2x + y = 3, x + 3y = 5 → x = 4/5, y = 7/5.
    const x = solve(
      tensor([
        [2, 1],
        [1, 3],
      ]),
      tensor([3, 5]),
    );
    expect(x.shape).toEqual([2]);
    expect(maxDiff(x, tensor([0.8, 1.4]))).toBeLessThan(1e-15); // a couple of ulps
  });

  it('needs pivoting: a zero leading entry is fine', () => {
    const x = solve(
      tensor([
        [0, 1],
        [1, 0],
      ]),
      tensor([2, 3]),
    );
    expect(maxDiff(x, tensor([3, 2]))).toBe(0); // permutation matrix: exact
  });

  it('gives A·solve(A, b) = b for random systems and several right-hand sides (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (n, k, seed) => {
          const rng = new Random(seed);
          const a = tensor(wellConditioned(rng, n));
          const b = tensor(randomMatrix(rng, n, k));
          const x = solve(a, b);
          expect(x.shape).toEqual([n, k]);
          // Diagonally dominant ⇒ cond(A) = O(1); residual is a few n ε ‖A‖.
          expect(maxDiff(matmul(a, x), b)).toBeLessThan(1e-12);
        },
      ),
      { seed: 3, numRuns: 60 },
    );
  });

  it('reports singular matrices, exact and numerical', () => {
    expect(() =>
      solve(
        tensor([
          [1, 2],
          [2, 4],
        ]),
        tensor([1, 2]),
      ),
    ).toThrow(/solve: singular matrix/);
    // [[1,2,3],[4,5,6],[7,8,9]] is singular but LU leaves a ~1e-16 pivot in floating point.
    expect(() =>
      solve(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
        tensor([1, 1, 1]),
      ),
    ).toThrow(/singular matrix/);
  });

  it('reports shape mismatches and NaN', () => {
    expect(() =>
      solve(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        tensor([1, 2, 3]),
      ),
    ).toThrow('solve: b must have shape [2] or [2,k] to match a [2,2], got [3]');
    expect(() =>
      solve(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        tensor([1, Number.NaN]),
      ),
    ).toThrow(/solve: b contains NaN/);
    expect(() =>
      solve(
        tensor([
          [1, 0, 0],
          [0, 1, 0],
        ]),
        tensor([1, 2]),
      ),
    ).toThrow(/must be square/);
  });
});

describe('solveTriangular', () => {
  const L = [
    [2, 0, 0],
    [1, 3, 0],
    [-1, 2, 4],
  ];
  const U = [
    [2, 1, -1],
    [0, 3, 2],
    [0, 0, 4],
  ];

  it('forward substitution on a lower triangle, checked by multiplication', () => {
    const b = tensor([2, 7, 9]);
    const x = solveTriangular(tensor(L), b);
    // By hand: x0 = 1, x1 = (7 − 1)/3 = 2, x2 = (9 + 1 − 4)/4 = 1.5.
    expect(maxDiff(x, tensor([1, 2, 1.5]))).toBeLessThan(1e-15);
  });

  it('handles upper, transpose and unit-diagonal variants', () => {
    const rng = new Random(4);
    const b = tensor(randomMatrix(rng, 3, 2));
    const xu = solveTriangular(tensor(U), b, { lower: false });
    expect(maxDiff(matmul(tensor(U), xu), b)).toBeLessThan(1e-14); // tiny well-conditioned triangle
    const xt = solveTriangular(tensor(L), b, { transpose: true });
    expect(maxDiff(matmul(transpose(tensor(L)), xt), b)).toBeLessThan(1e-14);
    const unitL = L.map((row, i) => row.map((v, j) => (i === j ? 1 : v)));
    // The diagonal of `a` is ignored with unitDiagonal, so pass L itself.
    const x1 = solveTriangular(tensor(L), b, { unitDiagonal: true });
    expect(maxDiff(matmul(tensor(unitL), x1), b)).toBeLessThan(1e-14);
  });

  it('ignores the other triangle', () => {
    const full = L.map((row, i) => row.map((v, j) => (j > i ? 99 : v)));
    expect(
      maxDiff(solveTriangular(tensor(full), tensor([2, 7, 9])), tensor([1, 2, 1.5])),
    ).toBeLessThan(1e-15);
  });

  it('reports a zero on the diagonal', () => {
    expect(() =>
      solveTriangular(
        tensor([
          [1, 0],
          [1, 0],
        ]),
        tensor([1, 1]),
      ),
    ).toThrow(/solveTriangular: singular matrix; diagonal entry 1 is 0/);
  });
});

describe('lu', () => {
  it('packs L and U with P·A = L·U', () => {
    const a = randomMatrix(new Random(5), 5, 5);
    const { lu: packed, pivots, sign } = lu(tensor(a));
    const n = 5;
    const L = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : j < i ? packed.get(i, j) : 0)),
    );
    const U = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (j >= i ? packed.get(i, j) : 0)),
    );
    // Apply the recorded row swaps to A in order.
    const pa = a.map((r) => [...r]);
    let s = 1;
    for (let k = 0; k < n; k++) {
      const p = pivots[k]!;
      if (p !== k) {
        [pa[k], pa[p]] = [pa[p]!, pa[k]!];
        s = -s;
      }
    }
    expect(sign).toBe(s);
    expect(maxDiff(matmul(tensor(L), tensor(U)), tensor(pa))).toBeLessThan(1e-14); // backward-stable, entries ≤ 1
    for (let i = 1; i < n; i++)
      for (let j = 0; j < i; j++) expect(Math.abs(L[i]![j]!)).toBeLessThanOrEqual(1); // partial pivoting bound
  });
});

describe('inv', () => {
  it('inverts a hand-worked 2×2', () => {
    // [[4,7],[2,6]]⁻¹ = (1/10)[[6,-7],[-2,4]].
    expect(
      maxDiff(
        inv(
          tensor([
            [4, 7],
            [2, 6],
          ]),
        ),
        tensor([
          [0.6, -0.7],
          [-0.2, 0.4],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  it('gives A·inv(A) = I and inv(A)·A = I (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const a = tensor(wellConditioned(new Random(seed), n));
        const ai = inv(a);
        // cond(A) = O(1): both products are I to a few n ε.
        expect(maxDiff(matmul(a, ai), eye(n))).toBeLessThan(1e-13);
        expect(maxDiff(matmul(ai, a), eye(n))).toBeLessThan(1e-13);
      }),
      { seed: 6, numRuns: 40 },
    );
  });

  it('reports a singular matrix', () => {
    expect(() =>
      inv(
        tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow(/inv: singular matrix/);
    expect(() =>
      inv(
        tensor([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toThrow(/inv: singular matrix/);
  });
});

describe('det / logdet', () => {
  it('matches a hand cofactor expansion on random matrices up to 6×6', () => {
    const rng = new Random(7);
    for (let n = 1; n <= 6; n++) {
      for (let t = 0; t < 5; t++) {
        const a = randomMatrix(rng, n, n).map((r) => r.map((v) => 3 * v));
        const ref = cofactorDet(a);
        // LU and cofactor expansion differ by rounding only: relative 1e-12 (entries ≤ 3, n ≤ 6).
        expect(Math.abs(det(tensor(a)) - ref)).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(ref)) * 10 ** (n / 2),
        );
        const { sign, logAbsDet } = logdet(tensor(a));
        expect(sign).toBe(Math.sign(ref));
        expect(Math.abs(logAbsDet - Math.log(Math.abs(ref)))).toBeLessThan(1e-10); // relative error of det ≲ 1e-11
      }
    }
  });

  it('knows the textbook values', () => {
    expect(
      det(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBeCloseTo(-2, 14); // 1·4 − 2·3
    expect(det(eye(4))).toBe(1);
    // log 2 + log 3 vs log 6: one rounding each; 5e-16 absolute.
    expect(
      logdet(
        tensor([
          [2, 0],
          [0, 3],
        ]),
      ).logAbsDet,
    ).toBeCloseTo(Math.log(6), 15);
  });

  it('does not overflow in logdet where det does', () => {
    const big = tensor(
      Array.from({ length: 200 }, (_, i) =>
        Array.from({ length: 200 }, (_, j) => (i === j ? 1e4 : 0)),
      ),
    );
    expect(det(big)).toBe(Infinity);
    const { sign, logAbsDet } = logdet(big);
    expect(sign).toBe(1);
    // Sum of 200 logs of ~9.2: rounding ≲ 200·ε·1842 ≈ 8e-11; 5e-10 absolute.
    expect(logAbsDet).toBeCloseTo(200 * Math.log(1e4), 9);
  });

  it('gives det 0 and logdet { sign: 0, -Infinity } for an exactly singular matrix', () => {
    expect(
      det(
        tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(0);
    expect(
      logdet(
        tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toEqual({ sign: 0, logAbsDet: -Infinity });
  });
});
