import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  logSigmoid,
  logSigmoidArray,
  ProbabilityError,
  sigmoid,
  sigmoidArray,
  softplus,
} from '../src/index.js';

/** Many seeded test points: a wide uniform spread plus the awkward special values. */
function manyA(): number[] {
  const rng = new Random(7);
  const xs = [
    0,
    -0,
    1e-300,
    5e-324,
    1e-17,
    0.5,
    1,
    2,
    10,
    17,
    36.7,
    37,
    40,
    700,
    709.8,
    710,
    1000,
    1e300,
    Number.MAX_VALUE,
  ];
  for (let i = 0; i < 5000; i++) xs.push(rng.uniform(-60, 60));
  for (let i = 0; i < 1000; i++) xs.push(rng.normal(0, 1e-3));
  return xs.flatMap((a) => [a, -a]);
}

describe('sigmoid', () => {
  it('is exactly symmetric: sigmoid(-a) === 1 - sigmoid(a) bitwise for many a', () => {
    for (const a of manyA()) {
      expect(sigmoid(-a)).toBe(1 - sigmoid(a));
      expect(sigmoid(a) + sigmoid(-a)).toBe(1);
    }
  });

  it('does not overflow at |a| = 1000', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('matches the closed form 1 / (1 + exp(-a)) for moderate a', () => {
    const rng = new Random(1);
    for (let i = 0; i < 2000; i++) {
      const a = rng.uniform(-30, 30);
      // 1 − (1 − s) rounds s to a multiple of 2^-53 for a < 0: absolute error ≤ 2 ulp(1) ≈ 2.3e-16.
      expect(Math.abs(sigmoid(a) - 1 / (1 + Math.exp(-a)))).toBeLessThanOrEqual(2.3e-16);
    }
  });

  it('array version equals the scalar one, writes into out, and may work in place', () => {
    const xs = new Float64Array([-1000, -3, 0, 0.25, 1000]);
    const out = new Float64Array(5);
    expect(sigmoidArray(xs, out)).toBe(out);
    xs.forEach((a, i) => expect(out[i]).toBe(sigmoid(a)));
    const copy = Float64Array.from(xs);
    sigmoidArray(copy, copy);
    expect(Array.from(copy)).toEqual(Array.from(out));
    expect(() => sigmoidArray(xs, new Float64Array(2))).toThrow(ProbabilityError);
  });
});

describe('logSigmoid', () => {
  it('is finite and exact in both tails at |a| = 1000', () => {
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(1000)).toBeCloseTo(0, 300); // −log1p(e^-1000) underflows to −0
    expect(logSigmoid(0)).toBe(-Math.LN2);
  });

  it('equals log(1 / (1 + exp(-a))) for moderate a', () => {
    const rng = new Random(2);
    for (let i = 0; i < 2000; i++) {
      const a = rng.uniform(-20, 20);
      const ref = -Math.log(1 + Math.exp(-a));
      // The reference itself loses ~exp(a) relative accuracy in log(1 + tiny); 1e-12 covers both.
      expect(Math.abs(logSigmoid(a) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
    }
  });

  it('satisfies the log-odds identity logσ(a) − logσ(−a) = a', () => {
    for (const a of [-700, -30, -1, -1e-8, 0, 1e-8, 2, 35, 700]) {
      // Each term is accurate to ~1 ulp of max(|a|, 1): tolerance 4 ulp of that scale.
      expect(Math.abs(logSigmoid(a) - logSigmoid(-a) - a)).toBeLessThanOrEqual(
        4 * Number.EPSILON * Math.max(1, Math.abs(a)),
      );
    }
  });

  it('array version equals the scalar one', () => {
    const xs = [-1000, -2, 0, 3, 1000];
    const out = logSigmoidArray(xs);
    xs.forEach((a, i) => expect(out[i]).toBe(logSigmoid(a)));
  });
});

describe('softplus', () => {
  it('is −logσ(−a) and log(1 + e^a) without overflow', () => {
    for (const a of [-1000, -5, 0, 0.3, 5, 1000]) expect(softplus(a)).toBe(-logSigmoid(-a));
    expect(softplus(1000)).toBe(1000);
    // Closed form at 0.3: log(1 + e^0.3), evaluated directly (no overflow there); 1 ulp of 0.85.
    expect(softplus(0.3)).toBeCloseTo(Math.log(1 + Math.exp(0.3)), 15);
  });
});
