import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dot,
  matmul,
  ones,
  Random,
  randomUniform,
  reshape,
  slice,
  Tensor,
  TensorError,
  tensor,
  transpose,
  zeros,
} from '../src/index.js';
import { maxDiff, naiveMatmul, randomMatrix } from './helpers.js';

describe('matmul', () => {
  it('multiplies a hand-worked 2×2 by 2×1', () => {
    // [1 2; 3 4]·[5; 6] = [17; 39]
    expect(
      matmul(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([[5], [6]]),
      ).toArray(),
    ).toEqual([[17], [39]]);
  });

  it('matches a brute-force triple loop on random shapes and transposed operands (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, k, n, ta, tb, f32, seed) => {
          const rng = new Random(seed);
          const A = randomMatrix(rng, m, k);
          const B = randomMatrix(rng, k, n);
          const dtype = f32 ? 'float32' : 'float64';
          const r = (v: number[][]) => v.map((row) => row.map((x) => (f32 ? Math.fround(x) : x)));
          const At = r(A)[0]!.map((_, j) => r(A).map((row) => row[j] as number));
          const Bt = r(B)[0]!.map((_, j) => r(B).map((row) => row[j] as number));
          // Operands given either directly or as transposed views of their transposes.
          const a = ta
            ? transpose(tensor(At, undefined, { dtype }))
            : tensor(A, undefined, { dtype });
          const b = tb
            ? transpose(tensor(Bt, undefined, { dtype }))
            : tensor(B, undefined, { dtype });
          const c = matmul(a, b);
          expect(c.dtype).toBe(dtype);
          const ref = tensor(naiveMatmul(r(A), r(B)));
          // float64: k ≤ 40 terms of size ≤ 1 differ only in summation order (≤ kε). float32 output rounding: 2^-24·k.
          expect(maxDiff(c, ref)).toBeLessThan(f32 ? 40 * 2 ** -24 : 1e-13);
        },
      ),
      { seed: 12, numRuns: 120 },
    );
  });

  it('is exact on integer matrices large enough to use every kernel path', () => {
    const rng = new Random(13);
    for (const [m, k, n] of [
      [67, 45, 73],
      [128, 130, 5],
      [3, 300, 129],
      [5, 9, 1030],
    ] as const) {
      const A = Array.from({ length: m }, () => Array.from({ length: k }, () => rng.int(-5, 6)));
      const B = Array.from({ length: k }, () => Array.from({ length: n }, () => rng.int(-5, 6)));
      expect(maxDiff(matmul(tensor(A), tensor(B)), tensor(naiveMatmul(A, B)))).toBe(0); // small integers: exact
      expect(
        maxDiff(
          matmul(
            tensor(A, undefined, { dtype: 'float32' }),
            tensor(B, undefined, { dtype: 'float32' }),
          ),
          tensor(naiveMatmul(A, B)),
        ),
      ).toBe(0);
    }
  });

  it('reads sliced views (row offsets and column strides)', () => {
    const big = tensor(randomMatrix(new Random(14), 10, 8));
    const a = slice(slice(big, 2, 7), 1, 6, 1); // rows 2..6, cols 1..5
    const b = transpose(slice(big, 0, 3, 1)); // [3, 10]
    const A = a.toArray() as number[][];
    const B = b.toArray() as number[][];
    expect(
      maxDiff(
        matmul(b, transpose(b)),
        tensor(
          naiveMatmul(
            B,
            B[0]!.map((_, j) => B.map((r) => r[j] as number)),
          ),
        ),
      ),
    ).toBeLessThan(1e-14);
    expect(
      maxDiff(
        matmul(a, transpose(a)),
        tensor(
          naiveMatmul(
            A,
            A[0]!.map((_, j) => A.map((r) => r[j] as number)),
          ),
        ),
      ),
    ).toBeLessThan(1e-14);
  });

  it('promotes 1-D operands like NumPy', () => {
    const m = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(matmul(m, tensor([1, 1])).toArray()).toEqual([3, 7, 11]);
    expect(matmul(tensor([1, 0, 1]), m).toArray()).toEqual([6, 8]);
    expect(matmul(tensor([1, 2]), tensor([3, 4])).shape).toEqual([]);
    expect(matmul(tensor([1, 2]), tensor([3, 4])).item()).toBe(11);
  });

  it('batches with broadcasting of the batch axes', () => {
    const rng = new Random(15);
    const a = randomUniform(rng, [2, 1, 3, 4]);
    const b = randomUniform(rng, [5, 4, 2]);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 5, 3, 2]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 5; j++) {
        const A = Array.from({ length: 3 }, (_, r) =>
          Array.from({ length: 4 }, (_, q) => a.get(i, 0, r, q)),
        );
        const B = Array.from({ length: 4 }, (_, r) =>
          Array.from({ length: 2 }, (_, q) => b.get(j, r, q)),
        );
        const ref = naiveMatmul(A, B);
        for (let r = 0; r < 3; r++)
          for (let q = 0; q < 2; q++)
            expect(Math.abs(c.get(i, j, r, q) - ref[r]![q]!)).toBeLessThan(1e-15);
      }
    }
  });

  it('writes into out, including a strided out and an out that aliases an input', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const out = zeros([2, 2]);
    expect(matmul(a, a, out)).toBe(out);
    expect(out.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    const base = zeros([2, 2]);
    matmul(a, a, transpose(base));
    expect(base.toArray()).toEqual([
      [7, 15],
      [10, 22],
    ]);
    const b = tensor([
      [1, 2],
      [3, 4],
    ]);
    matmul(b, b, b); // aliasing goes through a temporary
    expect(b.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    const o32 = zeros([2, 2], { dtype: 'float32' });
    matmul(a, a, o32);
    expect(o32.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });

  it('handles empty inner and outer dimensions', () => {
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(matmul(zeros([0, 2]), zeros([2, 3])).shape).toEqual([0, 3]);
    expect(matmul(reshape(ones([6]), [2, 3]), ones([3, 1])).toArray()).toEqual([[3], [3]]);
  });

  it('names the op and both shapes on mismatch', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      'matmul: inner dimensions must match, got [2,3] and [4,5]',
    );
    expect(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 1]))).toThrow(
      'matmul: batch dimensions cannot be broadcast together, got [2,2,3] and [3,3,1]',
    );
    expect(() => matmul(zeros([2, 2]), zeros([2, 2]), zeros([2, 3]))).toThrow(
      'matmul: out must have shape [2,2], got [2,3]',
    );
    expect(() => matmul(tensor(1), zeros([1]))).toThrow(TensorError);
  });
});

describe('dot', () => {
  it('computes the inner product of vectors, including strided views', () => {
    expect(dot(tensor([1, 2, 3]), tensor([4, 5, 6]))).toBe(32);
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    const column1 = new Tensor(m.data, [2], [2], 1); // [2, 4], stride 2
    expect(dot(column1, tensor([1, 1]))).toBe(6);
    expect(() => dot(tensor([1]), tensor([1, 2]))).toThrow(
      'dot: expected two 1-D tensors of equal length, got [1] and [2]',
    );
  });
});
