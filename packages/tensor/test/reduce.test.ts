import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argmax,
  argmin,
  max,
  mean,
  min,
  pairwiseSum,
  Random,
  randomUniform,
  sum,
  TensorError,
  tensor,
  transpose,
  zeros,
} from '../src/index.js';

describe('sum / mean / max / min', () => {
  const a = tensor([
    [1, 5, 3],
    [7, 2, 0],
  ]);

  it('reduce over every axis and over all elements (hand-worked)', () => {
    expect(sum(a).item()).toBe(18);
    expect(sum(a).shape).toEqual([]);
    expect(sum(a, 0).toArray()).toEqual([8, 7, 3]);
    expect(sum(a, 1).toArray()).toEqual([9, 9]);
    expect(sum(a, -1, true).toArray()).toEqual([[9], [9]]);
    expect(sum(a, undefined, true).shape).toEqual([1, 1]);
    expect(mean(a, 0).toArray()).toEqual([4, 3.5, 1.5]);
    expect(max(a, 1).toArray()).toEqual([5, 7]);
    expect(min(a, 0).toArray()).toEqual([1, 2, 0]);
    expect(max(a).item()).toBe(7);
  });

  it('work on transposed views', () => {
    expect(sum(transpose(a), 1).toArray()).toEqual([8, 7, 3]);
  });

  it('match a brute-force loop on random 3-D tensors along each axis (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -3, max: 2 }),
        fc.integer(),
        (shape, axis, seed) => {
          const t = randomUniform(new Random(seed), shape, -1, 1);
          const ax = axis < 0 ? axis + 3 : axis;
          const s = sum(t, axis);
          const m = max(t, axis);
          const keep = shape.filter((_, i) => i !== ax);
          expect(s.shape).toEqual(keep);
          const [d0, d1] = keep as [number, number];
          for (let i = 0; i < d0; i++) {
            for (let j = 0; j < d1; j++) {
              let ref = 0;
              let best = -Infinity;
              for (let k = 0; k < (shape[ax] as number); k++) {
                const idx = ax === 0 ? [k, i, j] : ax === 1 ? [i, k, j] : [i, j, k];
                ref += t.get(...idx);
                best = Math.max(best, t.get(...idx));
              }
              expect(Math.abs(s.get(i, j) - ref)).toBeLessThan(1e-14); // ≤ 5 terms of size ≤ 1
              expect(m.get(i, j)).toBe(best);
            }
          }
        },
      ),
      { seed: 11, numRuns: 50 },
    );
  });

  it('propagate NaN in max/min and report empty reductions', () => {
    expect(max(tensor([1, Number.NaN, 3])).item()).toBeNaN();
    expect(min(tensor([Number.NaN, 1])).item()).toBeNaN();
    expect(sum(zeros([0])).item()).toBe(0);
    expect(() => mean(zeros([0]))).toThrow(/mean: cannot reduce an empty tensor of shape \[0\]/);
    expect(() => max(zeros([2, 0]), 1)).toThrow(TensorError);
    expect(() => sum(a, 2)).toThrow(
      'sum: axis 2 is out of range for a tensor with 2 dimensions; expected -2 <= axis < 2',
    );
  });

  it('keep float32', () => {
    expect(sum(tensor([1, 2], undefined, { dtype: 'float32' })).dtype).toBe('float32');
  });
});

describe('argmax / argmin', () => {
  it('return first-occurrence indices as float64', () => {
    const a = tensor([
      [1, 5, 5],
      [7, 2, 7],
    ]);
    expect(argmax(a, 1).toArray()).toEqual([1, 0]);
    expect(argmin(a, 0).toArray()).toEqual([0, 1, 0]);
    expect(argmax(a).item()).toBe(3);
    expect(argmax(tensor([1, Number.NaN, 9])).item()).toBe(1); // NaN wins, as in NumPy
    expect(argmax(tensor([1, 2], undefined, { dtype: 'float32' })).dtype).toBe('float64');
  });
});

describe('pairwiseSum', () => {
  it('is far more accurate than a naive loop on 100 000 copies of 0.1', () => {
    const n = 100_000;
    const x = new Float64Array(n).fill(0.1);
    // Exact sum of the double nearest 0.1 (0.1000000000000000055511151231257827) times n.
    const exact = 10000.000000000000555;
    let naive = 0;
    for (let i = 0; i < n; i++) naive += 0.1;
    const pairErr = Math.abs(pairwiseSum(x) - exact);
    expect(pairErr).toBeLessThan(4e-11); // pairwise bound ε·log₂(n)·Σ|x| ≈ 2.2e-16·17·1e4 ≈ 3.8e-11
    expect(Math.abs(naive - exact)).toBeGreaterThan(100 * pairErr);
    expect(Math.abs(sum(tensor(x)).item() - exact)).toBe(pairErr);
  });

  it('sums sub-ranges and checks bounds', () => {
    expect(pairwiseSum([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(pairwiseSum(Array.from({ length: 1000 }, (_, i) => i))).toBe(499500);
    expect(() => pairwiseSum([1, 2], 0, 3)).toThrow(TensorError);
  });
});
