import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  logSoftmax,
  logSoftmaxRows,
  logSumExp,
  logSumExpRows,
  ProbabilityError,
  softmax,
  softmaxRows,
} from '../src/index.js';

function seededLogits(seed: number, n: number, scale = 5): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => rng.normal(0, scale));
}

describe('logSumExp', () => {
  it('is exact at ±1000 where exp overflows/underflows', () => {
    // log(e^1000 + e^1000) = 1000 + log 2; the result is within 1 ulp of 1000 (1.1e-13).
    expect(Math.abs(logSumExp([1000, 1000]) - (1000 + Math.LN2))).toBeLessThanOrEqual(1.2e-13);
    expect(Math.abs(logSumExp([-1000, -1000]) - (-1000 + Math.LN2))).toBeLessThanOrEqual(1.2e-13);
    expect(logSumExp([1000, -1000])).toBe(1000);
  });

  it('matches the naive log Σ exp where that does not overflow', () => {
    const a = seededLogits(3, 50);
    let s = 0;
    for (const v of a) s += Math.exp(v);
    // 50 terms, each rounded once: relative 1e-14 is generous.
    expect(logSumExp(a)).toBeCloseTo(Math.log(s), 13);
  });

  it('handles empty, −Infinity and +Infinity entries and rejects NaN', () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([Infinity, 0])).toBe(Infinity);
    expect(() => logSumExp([0, NaN])).toThrow(ProbabilityError);
    expect(() => logSumExp([NaN, 0])).toThrow(/NaN at index 0/);
  });

  it('reads a sub-range and works row-wise', () => {
    const x = [1000, 1000, 0, 0, -5, 2];
    expect(logSumExp(x, 2, 4)).toBe(Math.LN2);
    const rows = logSumExpRows(x, 2);
    expect(Array.from(rows)).toEqual([logSumExp(x, 0, 2), logSumExp(x, 2, 4), logSumExp(x, 4, 6)]);
    // Row 3 by hand: log(e^-5 + e^2) = 2 + log1p(e^-7); one rounding in each of log1p and the sum.
    expect(Math.abs((rows[2] as number) - (2 + Math.log1p(Math.exp(-7))))).toBeLessThanOrEqual(
      4.5e-16,
    );
  });

  it('rejects a range outside the array instead of reading undefined as NaN', () => {
    expect(() => logSumExp([1, 2], 1, 5)).toThrow(
      'logSumExp: range must satisfy 0 <= start <= end <= 2; got start 1, end 5',
    );
    expect(() => logSumExp([1, 2], -1)).toThrow(ProbabilityError);
    expect(() => logSumExp([1, 2], 2, 1)).toThrow(/range/);
    expect(() => logSumExp([1, 2], 0.5)).toThrow(/range/);
    expect(logSumExp([1, 2], 1, 1)).toBe(-Infinity); // an empty range is the log of an empty sum
  });
});

describe('softmax', () => {
  it('equals exp(a) / Σ exp(a) for moderate logits', () => {
    const a = seededLogits(4, 10);
    let s = 0;
    for (const v of a) s += Math.exp(v);
    const p = softmax(a);
    // Each entry is a quotient of once-rounded terms: relative error a few ulp; 1e-14 covers it.
    a.forEach((v, i) =>
      expect(Math.abs((p[i] as number) - Math.exp(v) / s)).toBeLessThanOrEqual(
        1e-14 * (Math.exp(v) / s) + 1e-300,
      ),
    );
  });

  it('is invariant to adding a constant to every logit', () => {
    const a = seededLogits(5, 20);
    const base = softmax(a);
    for (const c of [1000, -1000, 1e5]) {
      const shifted = softmax(a.map((v) => v + c));
      // a + c rounds a to ulp(c) (1.1e-13 at 1000, 1.5e-11 at 1e5); p changes by about p·that.
      const tol = 4 * Number.EPSILON * Math.abs(c);
      shifted.forEach((p, i) => expect(Math.abs(p - (base[i] as number))).toBeLessThanOrEqual(tol));
    }
  });

  it('does not overflow at ±1000 and sums to 1', () => {
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
    expect(Array.from(softmax([-1000, -1000]))).toEqual([0.5, 0.5]);
    const p = softmax([1000, 0, -1000]);
    expect(p[0]).toBe(1);
    const a = seededLogits(6, 100, 30);
    const q = softmax(a);
    // 100 terms each with relative error ~1 ulp: the sum is within 100 ulp of 1.
    expect(Math.abs(q.reduce((s, v) => s + v, 0) - 1)).toBeLessThanOrEqual(100 * Number.EPSILON);
  });

  it('writes into out without allocating, also in place', () => {
    const a = Float64Array.from([1, 2, 3]);
    const out = new Float64Array(3);
    expect(softmax(a, out)).toBe(out);
    const inPlace = Float64Array.from(a);
    expect(softmax(inPlace, inPlace)).toBe(inPlace);
    expect(Array.from(inPlace)).toEqual(Array.from(out));
    expect(() => softmax(a, new Float64Array(4))).toThrow(/out must be a Float64Array of length 3/);
  });

  it('puts all mass on +Infinity logits and rejects empty, NaN and all −Infinity input', () => {
    expect(Array.from(softmax([Infinity, 0, Infinity]))).toEqual([0.5, 0, 0.5]);
    expect(() => softmax([])).toThrow(ProbabilityError);
    expect(() => softmax([1, NaN])).toThrow(/NaN/);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(/-Infinity/);
  });
});

describe('logSoftmax', () => {
  it('equals log(softmax) and its exps sum to 1', () => {
    const a = seededLogits(8, 12);
    const lp = logSoftmax(a);
    const p = softmax(a);
    // log of a value with relative error ~1e-15 has absolute error ~1e-15; 1e-13 is safe for |lp| < 40.
    lp.forEach((v, i) => expect(Math.abs(v - Math.log(p[i] as number))).toBeLessThanOrEqual(1e-13));
    expect(Math.abs(lp.reduce((s, v) => s + Math.exp(v), 0) - 1)).toBeLessThanOrEqual(
      20 * Number.EPSILON,
    );
  });

  it('is finite where softmax underflows', () => {
    const lp = logSoftmax([1000, 0, -1000]);
    expect(lp[0]).toBe(0);
    expect(lp[1]).toBe(-1000);
    expect(lp[2]).toBe(-2000);
  });
});

describe('softmaxRows / logSoftmaxRows', () => {
  it('equal the per-row functions exactly', () => {
    const k = 4;
    const x = seededLogits(9, 6 * k, 10);
    const rows = softmaxRows(x, k);
    const logRows = logSoftmaxRows(x, k);
    for (let r = 0; r < 6; r++) {
      const row = x.subarray(r * k, r * k + k);
      expect(Array.from(rows.subarray(r * k, r * k + k))).toEqual(Array.from(softmax(row)));
      expect(Array.from(logRows.subarray(r * k, r * k + k))).toEqual(Array.from(logSoftmax(row)));
    }
  });

  it('reuse out and run in place', () => {
    const x = seededLogits(10, 12);
    const out = new Float64Array(12);
    expect(softmaxRows(x, 3, out)).toBe(out);
    const y = Float64Array.from(x);
    logSoftmaxRows(y, 3, y);
    expect(Array.from(y)).toEqual(Array.from(logSoftmaxRows(x, 3)));
  });

  it('reject a k that does not divide the length and name the bad row', () => {
    expect(() => softmaxRows(new Float64Array(7), 3)).toThrow(
      /k must be a positive integer dividing the length 7/,
    );
    expect(() => softmaxRows(new Float64Array(6), 0)).toThrow(ProbabilityError);
    expect(() => softmaxRows([0, 0, -Infinity, -Infinity], 2)).toThrow(
      /every logit is -Infinity in row 1/,
    );
    expect(() => logSoftmaxRows([0, 0, 0, NaN], 2)).toThrow(/NaN at flat index 3/);
  });
});
