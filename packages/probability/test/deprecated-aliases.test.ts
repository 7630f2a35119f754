// Renamed options of @termgrad/probability still work for one minor version, warn exactly once
// (DeprecationWarning, code TERMGRAD_DEPRECATED), and give the same result as the new name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MultivariateGaussian, ProbabilityError } from '../src/index.js';

const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
const messages = (): string[] => spy.mock.calls.map((c) => String(c[0]));
afterEach(() => spy.mockClear());

// Collinear rows: the ML covariance [[2/3, 4/3], [4/3, 8/3]] is singular, so only the ridge makes it definite.
const collinear = [
  [0, 0],
  [1, 2],
  [2, 4],
];

describe('deprecated aliases in @termgrad/probability', () => {
  it('MultivariateGaussian.fit: regularization → lambda (same covariance, one warning)', () => {
    const old = MultivariateGaussian.fit(collinear, { regularization: 0.01 });
    MultivariateGaussian.fit(collinear, { regularization: 0.01 });
    expect(messages()).toEqual([
      "MultivariateGaussian.fit: option 'regularization' is deprecated; use 'lambda' (the alias is removed in the next minor version)",
    ]);
    expect(spy.mock.calls[0]?.[1]).toEqual({
      type: 'DeprecationWarning',
      code: 'TERMGRAD_DEPRECATED',
    });
    const current = MultivariateGaussian.fit(collinear, { lambda: 0.01 });
    expect(messages()).toHaveLength(1);
    expect(old.covariance.toArray()).toEqual(current.covariance.toArray());
    // ML covariance + λI, by hand
    expect(current.covariance.get(0, 0)).toBeCloseTo(2 / 3 + 0.01, 14);
    expect(current.covariance.get(1, 1)).toBeCloseTo(8 / 3 + 0.01, 14);
    expect(current.covariance.get(0, 1)).toBeCloseTo(4 / 3, 14);
  });

  it('MultivariateGaussian.fit: the alias and its new name together are refused', () => {
    expect(() => MultivariateGaussian.fit(collinear, { regularization: 0.1, lambda: 0.1 })).toThrow(
      ProbabilityError,
    );
    expect(() => MultivariateGaussian.fit(collinear, { regularization: 0.1, lambda: 0.1 })).toThrow(
      'give lambda or its deprecated alias regularization, not both',
    );
  });
});
