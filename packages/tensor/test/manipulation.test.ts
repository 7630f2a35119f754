import { describe, expect, it } from 'vitest';
import {
  arange,
  astype,
  broadcastTo,
  concat,
  contiguous,
  ones,
  reshape,
  slice,
  stack,
  TensorError,
  take,
  tensor,
  transpose,
  zeros,
} from '../src/index.js';

describe('transpose', () => {
  it('is a view that swaps axes and shares memory', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const t = transpose(a);
    expect(t.shape).toEqual([3, 2]);
    expect(t.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(t.data).toBe(a.data);
    t.set(60, 2, 1);
    expect(a.get(1, 2)).toBe(60);
  });

  it('permutes arbitrary axes', () => {
    const a = reshape(arange(24), [2, 3, 4]);
    const p = transpose(a, [1, 2, 0]);
    expect(p.shape).toEqual([3, 4, 2]);
    expect(p.get(2, 1, 1)).toBe(a.get(1, 2, 1));
    expect(() => transpose(a, [0, 0, 1])).toThrow(/transpose: axes must be a permutation/);
  });
});

describe('reshape', () => {
  it('is a view of contiguous data and infers -1', () => {
    const a = arange(6);
    const r = reshape(a, [2, -1]);
    expect(r.shape).toEqual([2, 3]);
    expect(r.data).toBe(a.data);
    expect(r.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('copies non-contiguous data in row-major order', () => {
    const t = transpose(reshape(arange(6), [2, 3]));
    expect(reshape(t, [6]).toArray()).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('reports size mismatches', () => {
    expect(() => reshape(arange(6), [4])).toThrow(
      'reshape: cannot reshape [6] into [4]; sizes 6 and 4 differ',
    );
    expect(() => reshape(arange(6), [4, -1])).toThrow(TensorError);
  });
});

describe('slice / take', () => {
  const a = tensor([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);

  it('slice is a view of rows start..end-1', () => {
    const s = slice(a, 1, 3);
    expect(s.toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(s.data).toBe(a.data);
    expect(slice(a, -1).toArray()).toEqual([[7, 8]]);
    expect(slice(a, 1, 2, 1).toArray()).toEqual([[2], [4], [6], [8]]);
    expect(slice(a, 2, 2).shape).toEqual([0, 2]);
    expect(() => slice(a, 3, 5)).toThrow(
      'slice: range 3..5 is out of bounds for axis 0 of shape [4,2]',
    );
  });

  it('take gathers rows or columns into a copy', () => {
    const t = take(a, [3, 0, 3]);
    expect(t.toArray()).toEqual([
      [7, 8],
      [1, 2],
      [7, 8],
    ]);
    expect(t.data).not.toBe(a.data);
    expect(take(a, [1], 1).toArray()).toEqual([[2], [4], [6], [8]]);
    expect(take(a, new Int32Array([-1])).toArray()).toEqual([[7, 8]]);
    expect(take(transpose(a), [1]).toArray()).toEqual([[2, 4, 6, 8]]);
    expect(() => take(a, [4])).toThrow('take: index 4 is out of bounds for axis 0 with length 4');
  });
});

describe('concat / stack', () => {
  it('concatenates along rows and columns', () => {
    expect(
      concat([
        tensor([[1, 2]]),
        tensor([
          [3, 4],
          [5, 6],
        ]),
      ]).toArray(),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(
      concat(
        [
          tensor([[1], [2]]),
          tensor([
            [3, 4],
            [5, 6],
          ]),
        ],
        1,
      ).toArray(),
    ).toEqual([
      [1, 3, 4],
      [2, 5, 6],
    ]);
    expect(concat([transpose(tensor([[1, 2]])), tensor([[3]])]).toArray()).toEqual([[1], [2], [3]]);
    expect(() => concat([zeros([2, 2]), zeros([2, 3])])).toThrow(
      'concat: shapes must match except on axis 0, got [2,2] and [2,3]',
    );
    expect(() => concat([])).toThrow(TensorError);
  });

  it('stacks along a new axis', () => {
    const x = tensor([1, 2]);
    const y = tensor([3, 4]);
    expect(stack([x, y]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(stack([x, y], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(stack([x, y], -1).shape).toEqual([2, 2]);
    expect(() => stack([x, tensor([1])])).toThrow(/stack: all tensors must have the same shape/);
  });

  it('keeps float32 only when all inputs are float32', () => {
    const f = ones([1], { dtype: 'float32' });
    expect(concat([f, f]).dtype).toBe('float32');
    expect(concat([f, ones([1])]).dtype).toBe('float64');
  });
});

describe('broadcastTo / contiguous / astype', () => {
  it('broadcastTo is a zero-stride view', () => {
    const b = broadcastTo(tensor([1, 2]), [3, 2]);
    expect(b.strides).toEqual([0, 1]);
    expect(b.toArray()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(() => broadcastTo(tensor([1, 2]), [3])).toThrow(/broadcastTo/);
  });

  it('contiguous returns the same tensor or a copy', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(contiguous(a)).toBe(a);
    const c = contiguous(transpose(a));
    expect(c.isContiguous()).toBe(true);
    expect(c.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('astype converts with rounding', () => {
    const f = astype(tensor([0.1, 2]), 'float32');
    expect(f.dtype).toBe('float32');
    expect(f.get(0)).toBe(Math.fround(0.1));
    expect(astype(f, 'float64').dtype).toBe('float64');
  });
});
