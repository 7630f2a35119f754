import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { Gaussian, ProbabilityError } from '../src/index.js';

describe('Gaussian', () => {
  it('pdf matches hand-evaluated closed forms', () => {
    // N(1 | 0, 1) = e^{-1/2} / √(2π) = 0.24197072451914337 (tables: φ(1) = 0.2419707245).
    expect(new Gaussian(0, 1).pdf(1)).toBeCloseTo(0.24197072451914337, 15);
    // N(0 | 0, 1) = 1/√(2π).
    expect(new Gaussian().pdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    // N(3 | 1, σ = 2): z = 1, so φ(1) / 2.
    expect(new Gaussian(1, 2).pdf(3)).toBeCloseTo(0.24197072451914337 / 2, 15);
    // log N(x | μ, σ²) = −½ log(2πσ²) − (x−μ)²/(2σ²), written out: x = −2, μ = 0.5, σ = 0.7.
    const ref = -0.5 * Math.log(2 * Math.PI * 0.49) - (2.5 * 2.5) / (2 * 0.49);
    // Same formula evaluated in a different order on values ~7: a few ulps (≈1e-15); 5e-14 absolute.
    expect(new Gaussian(0.5, 0.7).logPdf(-2)).toBeCloseTo(ref, 13);
  });

  it('pdf integrates to 1 (trapezoid rule over ±12σ)', () => {
    const g = new Gaussian(-1.5, 0.8);
    const m = 24_000;
    const a = g.mean - 12 * g.std;
    const h = (24 * g.std) / m;
    let s = 0.5 * (g.pdf(a) + g.pdf(a + m * h));
    for (let i = 1; i < m; i++) s += g.pdf(a + i * h);
    // Mass beyond 12σ is ~4e-33 and the trapezoid rule is spectrally accurate for this smooth,
    // decaying integrand; what remains is summation rounding (~m·ε ≈ 5e-12).
    expect(Math.abs(s * h - 1)).toBeLessThan(1e-10);
  });

  it('logPdf stays finite far in the tail where pdf underflows', () => {
    const g = new Gaussian(0, 1);
    expect(g.pdf(100)).toBe(0);
    // ulp(5000) ≈ 9e-13; 5e-10 absolute is a relative 1e-13.
    expect(g.logPdf(100)).toBeCloseTo(-5000 - 0.5 * Math.log(2 * Math.PI), 9);
  });

  it('cdf matches published normal-table values', () => {
    const g = new Gaussian(0, 1);
    // Φ(1.96) = 0.9750021048517795 and Φ(−3) = 0.0013498980316301 (e.g. scipy.stats.norm.cdf).
    // Φ is documented accurate to ~1e-14 absolute (erfc rational approximation); the tail value ~1e-3
    // is checked to 5e-16, i.e. the approximation's relative accuracy of a few 1e-13 there.
    expect(Math.abs(g.cdf(1.96) - 0.9750021048517795)).toBeLessThan(1e-14);
    expect(g.cdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    // Shifted/scaled: P(X < μ + σ) = Φ(1) = 0.8413447460685429.
    expect(Math.abs(new Gaussian(10, 3).cdf(13) - 0.8413447460685429)).toBeLessThan(1e-14); // documented bound, as above
  });

  it('fit is the ML estimate (variance divides by N)', () => {
    // Mean 5; squared deviations 9,1,1,1,0,0,4,16 sum to 32; 32 / 8 = 4, so σ = 2 exactly.
    const g = Gaussian.fit([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(g.mean).toBe(5);
    expect(g.variance).toBe(4);
    expect(g.std).toBe(2);
  });

  it('fit recovers the parameters from many seeded samples', () => {
    const truth = new Gaussian(3, 2);
    const n = 100_000;
    const g = Gaussian.fit(truth.sample(new Random(11), n));
    // Standard errors: mean σ/√n = 0.0063, variance σ²√(2/n) = 0.0179; allow 4 standard errors.
    expect(Math.abs(g.mean - 3)).toBeLessThan(4 * (2 / Math.sqrt(n)));
    expect(Math.abs(g.variance - 4)).toBeLessThan(4 * 4 * Math.sqrt(2 / n));
  });

  it('sampling is reproducible from the seed', () => {
    const g = new Gaussian(1, 0.5);
    expect(Array.from(g.sample(new Random(5), 10))).toEqual(
      Array.from(g.sample(new Random(5), 10)),
    );
    expect(Array.from(g.sample(new Random(5), 10))).not.toEqual(
      Array.from(g.sample(new Random(6), 10)),
    );
    expect(g.sample(new Random(1)).length).toBe(1);
  });

  it('fromVariance, toJSON and fromJSON', () => {
    const g = Gaussian.fromVariance(1, 9);
    expect(g.std).toBe(3);
    expect(Gaussian.fromJSON(JSON.parse(JSON.stringify(g)))).toEqual(g);
  });

  it('rejects bad parameters and data with clear errors', () => {
    expect(() => new Gaussian(0, 0)).toThrow(ProbabilityError);
    expect(() => new Gaussian(0, -1)).toThrow(/std must be > 0/);
    expect(() => new Gaussian(NaN, 1)).toThrow(/mean must be a number; expected a number, got NaN/);
    expect(() => Gaussian.fit([])).toThrow(/empty/);
    expect(() => Gaussian.fit([1, NaN])).toThrow(/index 1/);
    expect(() => Gaussian.fit([2, 2, 2])).toThrow(/zero variance/);
    // a non-number is refused by name, not coerced ('3' used to be read as 3)
    expect(() => Gaussian.fit([1, '3', 2] as never)).toThrow(
      'Gaussian.fit: data must contain numbers; expected a number at index 1, got "3"',
    );
    expect(() => Gaussian.fit('123' as never)).toThrow(
      'Gaussian.fit: data must be a vector; expected a Tensor or an array of numbers, got "123"',
    );
    expect(() => new Gaussian().sample(new Random(1), -1)).toThrow(
      /n is out of range; expected an integer >= 0, got -1/,
    );
    try {
      new Gaussian(0, 0);
    } catch (e) {
      expect((e as ProbabilityError).name).toBe('ProbabilityError');
      expect((e as ProbabilityError).op).toBe('Gaussian');
    }
  });
});
