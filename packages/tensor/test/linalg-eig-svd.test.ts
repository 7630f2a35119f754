import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cond,
  eigh,
  eye,
  matmul,
  mul,
  norm,
  Random,
  svd,
  tensor,
  transpose,
} from '../src/index.js';
import { maxDiff, randomMatrix } from './helpers.js';

function symmetric(rng: Random, n: number): number[][] {
  const b = randomMatrix(rng, n, n);
  return b.map((row, i) => row.map((v, j) => v + (b[j]?.[i] as number)));
}

describe('eigh', () => {
  it('finds the eigenpairs of [[2,1],[1,2]]: 1 with (1,-1)/√2 and 3 with (1,1)/√2', () => {
    const { values, vectors } = eigh(
      tensor([
        [2, 1],
        [1, 2],
      ]),
    );
    // Exact answers 1 and 3 and ±1/2 for the products: Jacobi on a 2×2 is good to ~1 ulp.
    expect(maxDiff(values, tensor([1, 3]))).toBeLessThan(1e-15);
    // Eigenvectors are defined up to sign.
    expect(Math.abs(vectors.get(0, 0) * vectors.get(1, 0) + 0.5)).toBeLessThan(1e-15);
    expect(Math.abs(vectors.get(0, 1) * vectors.get(1, 1) - 0.5)).toBeLessThan(1e-15);
  });

  it('satisfies A v = λ v with orthonormal V and ascending λ (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const a = tensor(symmetric(new Random(seed), n));
        const { values, vectors } = eigh(a);
        // A V = V diag(λ): broadcasting λ over rows multiplies column j by λ_j.
        const av = matmul(a, vectors);
        const vl = mul(vectors, values);
        // Jacobi is accurate to a few ε·‖A‖ (entries ≤ 2, n ≤ 12).
        expect(maxDiff(av, vl)).toBeLessThan(1e-12);
        expect(maxDiff(matmul(transpose(vectors), vectors), eye(n))).toBeLessThan(1e-12);
        for (let i = 1; i < n; i++) expect(values.get(i)).toBeGreaterThanOrEqual(values.get(i - 1));
      }),
      { seed: 8, numRuns: 40 },
    );
  });

  it('sums eigenvalues to the trace', () => {
    const a = symmetric(new Random(1), 7);
    const trace = a.reduce((p, row, i) => p + (row[i] as number), 0);
    const s = Array.from(eigh(tensor(a)).values.data).reduce((p, v) => p + v, 0);
    expect(Math.abs(s - trace)).toBeLessThan(1e-13); // similarity preserves the trace up to rounding
  });

  it('rejects a non-symmetric matrix', () => {
    expect(() =>
      eigh(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(/eigh: matrix must be symmetric/);
  });
});

describe('svd', () => {
  it('finds the singular values of a diagonal matrix (absolute values, descending)', () => {
    expect(
      maxDiff(
        svd(
          tensor([
            [3, 0],
            [0, -4],
          ]),
        ).s,
        tensor([4, 3]),
      ),
    ).toBe(0);
  });

  it('gives U S Vᵀ = A with orthonormal U and V on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (m, n, seed) => {
          const a = tensor(randomMatrix(new Random(seed), m, n));
          const { u, s, vt } = svd(a);
          const k = Math.min(m, n);
          expect(u.shape).toEqual([m, k]);
          expect(s.shape).toEqual([k]);
          expect(vt.shape).toEqual([k, n]);
          // U diag(s) = U * s broadcast over rows.
          expect(maxDiff(matmul(mul(u, s), vt), a)).toBeLessThan(1e-13); // backward stable, entries ≤ 1
          expect(maxDiff(matmul(transpose(u), u), eye(k))).toBeLessThan(1e-13);
          expect(maxDiff(matmul(vt, transpose(vt)), eye(k))).toBeLessThan(1e-13);
          for (let i = 1; i < k; i++) expect(s.get(i)).toBeLessThanOrEqual(s.get(i - 1));
          // Frobenius norm identity: ‖A‖_F² = Σ s_i².
          const ss = Array.from(s.data).reduce((p, v) => p + v * v, 0);
          expect(Math.abs(ss - norm(a) ** 2)).toBeLessThan(1e-12);
        },
      ),
      { seed: 9, numRuns: 60 },
    );
  });

  it('keeps U orthonormal for a rank-deficient matrix', () => {
    const a = tensor([
      [1, 2, 3],
      [2, 4, 6],
      [1, 1, 1],
      [0, 0, 0],
    ]); // rank 2
    const { u, s, vt } = svd(a);
    expect(s.get(2)).toBeLessThan(1e-14); // zero singular value up to rounding
    expect(maxDiff(matmul(transpose(u), u), eye(3))).toBeLessThan(1e-13);
    expect(maxDiff(matmul(mul(u, s), vt), a)).toBeLessThan(1e-13);
  });

  it('agrees with eigh: singular values are the square roots of the eigenvalues of AᵀA', () => {
    const a = tensor(randomMatrix(new Random(10), 8, 4));
    const s = Array.from(svd(a).s.data);
    const ev = Array.from(eigh(matmul(transpose(a), a)).values.data).reverse();
    for (let i = 0; i < 4; i++)
      expect(Math.abs((s[i] as number) ** 2 - (ev[i] as number))).toBeLessThan(1e-13);
  });
});

describe('cond / norm', () => {
  it('knows diagonal and orthogonal cases', () => {
    // Diagonal: σ = 100 and 1 exactly; 10 digits leaves room for one-sided Jacobi rounding.
    expect(
      cond(
        tensor([
          [1, 0],
          [0, 100],
        ]),
      ),
    ).toBeCloseTo(100, 10);
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    expect(
      cond(
        tensor([
          [c, -s],
          [s, c],
        ]),
      ),
    ).toBeCloseTo(1, 14); // rotations have cond 1
    expect(
      cond(
        tensor([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toBeGreaterThan(1e15); // singular: σ_min is 0 or rounding noise
    expect(
      cond(
        tensor([
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toBe(Infinity);
  });

  it('computes Frobenius norms without overflow', () => {
    expect(norm(tensor([3, 4]))).toBe(5);
    // √25 = 5 up to ~1 ulp; at 1e±200 the digits argument scales the same relative 1e-14 (a naive Σx² would give Infinity / 0).
    expect(
      norm(
        tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBeCloseTo(5, 14);
    expect(norm(tensor([3e200, 4e200]))).toBeCloseTo(5e200, -186);
    expect(norm(tensor([3e-200, 4e-200]))).toBeCloseTo(5e-200, 210);
  });
});
