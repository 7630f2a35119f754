import { describe, expect, it } from 'vitest';
import { allClose, TensorError, tensor, zeros } from '../src/index.js';

describe('allClose', () => {
  it('uses |a − b| ≤ atol + rtol·|b| like NumPy', () => {
    expect(allClose(tensor([1, 2]), tensor([1, 2 + 1e-9]))).toBe(true);
    expect(allClose(tensor([1000]), tensor([1000.009]))).toBe(true); // 0.009 ≤ 1e-8 + 1e-5·1000.009
    expect(allClose(tensor([1000]), tensor([1000.02]))).toBe(false);
    expect(allClose(tensor([0]), tensor([1e-9]))).toBe(true); // atol 1e-8 covers it
    expect(allClose(tensor([1]), tensor([1.1]), { rtol: 0.2 })).toBe(true);
    expect(allClose(tensor([1]), tensor([1.1]), { rtol: 0, atol: 0.05 })).toBe(false);
  });

  it('broadcasts, treats NaN as never close and equal infinities as close', () => {
    expect(
      allClose(
        tensor([
          [1, 1],
          [1, 1],
        ]),
        tensor([1]),
      ),
    ).toBe(true);
    expect(allClose(tensor([Number.NaN]), tensor([Number.NaN]))).toBe(false);
    expect(allClose(tensor([Infinity]), tensor([Infinity]))).toBe(true);
    expect(() => allClose(zeros([2]), zeros([3]))).toThrow(TensorError);
  });

  it('rejects negative or NaN tolerances (a NaN rtol would make every comparison pass or fail silently)', () => {
    expect(() => allClose(tensor([1]), tensor([2]), { rtol: Number.NaN })).toThrow(
      'allClose: rtol and atol must be finite numbers >= 0, got NaN and 1e-8',
    );
    expect(() => allClose(tensor([1]), tensor([2]), { atol: -1 })).toThrow(TensorError);
  });
});
