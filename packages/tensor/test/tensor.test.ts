import { describe, expect, it } from 'vitest';
import {
  arange,
  assertFinite,
  eye,
  fromRows,
  full,
  linspace,
  ones,
  Tensor,
  TensorError,
  tensor,
  zeros,
} from '../src/index.js';

describe('Tensor', () => {
  it('reads elements through shape, strides and offset', () => {
    const data = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const t = new Tensor(data, [2, 3], [3, 1], 1); // rows [1,2,3], [4,5,6]
    expect(t.get(0, 0)).toBe(1);
    expect(t.get(1, 2)).toBe(6);
    expect(t.size).toBe(6);
    expect(t.ndim).toBe(2);
    expect(t.dtype).toBe('float64');
    expect(t.isContiguous()).toBe(true);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const colMajor = new Tensor(data, [3, 2], [1, 3]); // transpose of the first 6
    expect(colMajor.isContiguous()).toBe(false);
    expect(colMajor.toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(Array.from(colMajor.toTypedArray())).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('set writes the shared buffer', () => {
    const data = new Float64Array(4);
    const t = new Tensor(data, [2, 2]);
    t.set(7, 1, 0);
    expect(data[2]).toBe(7);
  });

  it('checks indices and buffer bounds', () => {
    const t = zeros([2, 3]);
    expect(() => t.get(2, 0)).toThrow('get: index [2,0] is out of bounds for shape [2,3]');
    expect(() => t.get(-1, 0)).toThrow(TensorError);
    expect(() => t.get(0)).toThrow(/expected 2 indices/);
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow(
      /reaches outside a buffer of length 5/,
    );
    expect(() => new Tensor([1, 2] as unknown as Float64Array)).toThrow(
      /Float64Array or Float32Array/,
    );
  });

  it('item returns the single value and rejects larger tensors', () => {
    expect(tensor(3.5).item()).toBe(3.5);
    expect(tensor([[2]]).item()).toBe(2);
    expect(() => tensor([1, 2]).item()).toThrow(
      'item: expected a tensor with one element, got shape [2]',
    );
  });
});

describe('constructors', () => {
  it('tensor infers shapes from nested arrays and copies', () => {
    const src = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const t = tensor(src);
    expect(t.shape).toEqual([2, 3]);
    src[0]![0] = 99;
    expect(t.get(0, 0)).toBe(1);
    expect(tensor(5).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 2]).get(2, 1)).toBe(6);
    expect(tensor(new Float32Array([1, 2])).dtype).toBe('float32');
    expect(tensor([0.1], undefined, { dtype: 'float32' }).get(0)).toBe(Math.fround(0.1));
  });

  it('tensor rejects ragged arrays, wrong sizes and non-numbers', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      /tensor: ragged nested array; expected shape \[2,2\]/,
    );
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: shape [2,2] needs 4 values, got 3');
    expect(() => tensor(['a'] as unknown as number[])).toThrow(TensorError);
    expect(() => zeros([2], { dtype: 'int32' as 'float64' })).toThrow(/unknown dtype/);
  });

  it('zeros, ones, full, eye', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7, { dtype: 'float32' }).dtype).toBe('float32');
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(() => zeros([-1])).toThrow(/non-negative integers/);
  });

  it('arange and linspace follow NumPy', () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 1, -2).toArray()).toEqual([5, 3]);
    expect(() => arange(0, 1, 0)).toThrow(TensorError);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0, 0.3, 4).get(3)).toBe(0.3); // endpoint exact
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
  });

  it('fromRows builds [n, d]', () => {
    const t = fromRows([new Float64Array([1, 2]), [3, 4], [5, 6]]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(() => fromRows([[1, 2], [3]])).toThrow(
      /fromRows: all rows must have the same length; expected 2, got 1 at row 1/,
    );
    expect(() => fromRows([])).toThrow(TensorError);
  });
});

describe('assertFinite', () => {
  it('names the op, argument and position of NaN/Infinity', () => {
    expect(() => assertFinite('fit', tensor([1, Number.NaN]))).toThrow(
      'fit: input contains NaN at flat index 1; expected finite values',
    );
    expect(() => assertFinite('fit', [0, -Infinity], 'x')).toThrow(
      'fit: x contains -Infinity at flat index 1',
    );
    expect(() =>
      assertFinite(
        'fit',
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).not.toThrow();
  });
});
