import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholesky, eye, matmul, qr, Random, TensorError, tensor, transpose } from '../src/index.js';
import { maxDiff, naiveMatmul, randomMatrix } from './helpers.js';

describe('qr', () => {
  it('factors a hand-worked 2×2 exactly: [[3,1],[4,2]] has R = [[5, 11/5],[0, 2/5]]', () => {
    const { q, r } = qr(
      tensor([
        [3, 1],
        [4, 2],
      ]),
    );
    // Gram–Schmidt by hand: q1 = (3,4)/5, r12 = q1·(1,2) = 11/5, r22 = |(1,2) − 11/5 q1| = 2/5.
    expect(
      maxDiff(
        r,
        tensor([
          [5, 11 / 5],
          [0, 2 / 5],
        ]),
      ),
    ).toBeLessThan(1e-14); // a few ulps of values ~5
    expect(
      maxDiff(
        q,
        tensor([
          [0.6, -0.8],
          [0.8, 0.6],
        ]),
      ),
    ).toBeLessThan(1e-14);
  });

  it('gives Q·R = A, QᵀQ = I and upper-triangular R on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (m, n, seed) => {
          const a = tensor(randomMatrix(new Random(seed), m, n));
          const { q, r } = qr(a);
          const k = Math.min(m, n);
          expect(q.shape).toEqual([m, k]);
          expect(r.shape).toEqual([k, n]);
          // Householder QR is backward stable: errors are a small multiple of ε·‖A‖ (entries ≤ 1, sizes ≤ 12).
          expect(maxDiff(matmul(q, r), a)).toBeLessThan(1e-13);
          expect(maxDiff(matmul(transpose(q), q), eye(k))).toBeLessThan(1e-13);
          for (let i = 0; i < k; i++) {
            expect(r.get(i, i)).toBeGreaterThanOrEqual(0);
            for (let j = 0; j < Math.min(i, n); j++) expect(r.get(i, j)).toBe(0);
          }
        },
      ),
      { seed: 1, numRuns: 60 },
    );
  });

  it('complete mode returns a square orthogonal Q', () => {
    const a = tensor(randomMatrix(new Random(2), 6, 3));
    const { q, r } = qr(a, { mode: 'complete' });
    expect(q.shape).toEqual([6, 6]);
    expect(r.shape).toEqual([6, 3]);
    expect(maxDiff(matmul(q, r), a)).toBeLessThan(1e-14); // backward-stable, entries ≤ 1
    expect(maxDiff(matmul(transpose(q), q), eye(6))).toBeLessThan(1e-14);
  });

  it('reads float32 input and transposed views', () => {
    const base = randomMatrix(new Random(3), 4, 5);
    const a = transpose(tensor(base, undefined, { dtype: 'float32' }));
    const { q, r } = qr(a);
    expect(q.dtype).toBe('float64');
    // Compare with the float32-rounded values of Aᵀ computed by hand.
    const at = tensor(base[0]!.map((_, j) => base.map((row) => Math.fround(row[j] as number))));
    expect(maxDiff(matmul(q, r), at)).toBeLessThan(1e-14);
  });

  it('rejects bad input', () => {
    expect(() => qr(tensor([1, 2]))).toThrow(/qr: a must be a 2-D matrix; got shape \[2\]/);
    expect(() => qr(tensor([[1, Number.NaN]]))).toThrow(/qr: a contains NaN/);
    expect(() => qr(tensor([[1]]), { mode: 'full' as 'reduced' })).toThrow(TensorError);
  });
});

describe('cholesky', () => {
  it('factors a hand-worked SPD matrix', () => {
    // [[4,2],[2,3]]: l11 = 2, l21 = 2/2 = 1, l22 = √(3 − 1) = √2.
    const l = cholesky(
      tensor([
        [4, 2],
        [2, 3],
      ]),
    );
    expect(
      maxDiff(
        l,
        tensor([
          [2, 0],
          [1, Math.SQRT2],
        ]),
      ),
    ).toBeLessThan(1e-15); // 1 ulp of √2
  });

  it('gives L·Lᵀ = A with L lower triangular for random SPD matrices (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer(), (n, seed) => {
        const b = randomMatrix(new Random(seed), n, n);
        // A = B Bᵀ + n I is SPD with eigenvalues in [n, n + ‖B‖²].
        const bbt = naiveMatmul(b, b[0] ? b.map((_, i) => b.map((row) => row[i] as number)) : []);
        const a = tensor(bbt.map((row, i) => row.map((v, j) => v + (i === j ? n : 0))));
        const l = cholesky(a);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l.get(i, j)).toBe(0);
        // Cholesky is backward stable: ‖LLᵀ − A‖ ≲ n ε ‖A‖ with ‖A‖ ≤ 2n² here.
        expect(maxDiff(matmul(l, transpose(l)), a)).toBeLessThan(1e-12);
      }),
      { seed: 2, numRuns: 50 },
    );
  });

  it('reports matrices that are not positive definite', () => {
    expect(() =>
      cholesky(
        tensor([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(/cholesky: matrix is not positive definite; leading minor 2/);
    expect(() =>
      cholesky(
        tensor([
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/not positive definite; leading minor 1/);
    expect(() =>
      cholesky(
        tensor([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toThrow(/not positive definite/); // PSD but singular
  });

  it('rejects non-symmetric, non-square and NaN input', () => {
    expect(() =>
      cholesky(
        tensor([
          [2, 1],
          [0, 2],
        ]),
      ),
    ).toThrow(/cholesky: matrix must be symmetric/);
    expect(() => cholesky(tensor([[1, 2, 3]]))).toThrow(
      /cholesky: a must be square; got shape \[1,3\]/,
    );
    expect(() => cholesky(tensor([[Number.NaN]]))).toThrow(/cholesky: a contains NaN/);
  });
});
