import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  Bernoulli,
  bayes,
  Categorical,
  JointTable,
  logPosterior,
  ProbabilityError,
} from '../src/index.js';

describe('bayes', () => {
  it('reproduces the textbook disease-test example', () => {
    // Prevalence 1%, sensitivity 99%, false-positive rate 5%, positive test:
    // p(D|+) = 0.99·0.01 / (0.99·0.01 + 0.05·0.99) = 0.0099 / 0.0594 = 1/6.
    const post = bayes([0.99, 0.05], [0.01, 0.99]);
    // Two products and one division of O(1) numbers: a few ulps, inside 5e-16.
    expect(post[0]).toBeCloseTo(1 / 6, 15);
    expect(post[1]).toBeCloseTo(5 / 6, 15);
  });

  it('with equal likelihoods returns the prior', () => {
    expect(Array.from(bayes([0.3, 0.3, 0.3], [0.2, 0.5, 0.3]))).toEqual([0.2, 0.5, 0.3]);
  });

  it('validates lengths, signs, prior normalisation and zero evidence', () => {
    expect(() => bayes([0.5], [0.5, 0.5])).toThrow(/same length; got 1 and 2/);
    expect(() => bayes([-0.1, 0.5], [0.5, 0.5])).toThrow(/non-negative/);
    expect(() => bayes([0.5, 0.5], [0.5, -0.5, 1])).toThrow(/non-negative/);
    expect(() => bayes([0.5, 0.5], [0.5, 0.6])).toThrow(/sum to 1/);
    expect(() => bayes([0, 0], [0.5, 0.5])).toThrow(/evidence/);
    expect(() => bayes([1, 0], [0, 1])).toThrow(ProbabilityError);
    expect(() => bayes([NaN, 1], [0.5, 0.5])).toThrow(
      'bayes: likelihoods contains NaN at index 0; expected finite numbers',
    );
    expect(() => bayes([0.5, null] as never, [0.5, 0.5])).toThrow(
      'bayes: likelihoods must contain numbers; expected a number at index 1, got null',
    );
    // 0.1 + 0.2 + 0.7 = 1.0000000000000002 in floating point: within tolerance.
    expect(() => bayes([1, 1, 1], [0.1, 0.2, 0.7])).not.toThrow();
  });

  it('logPosterior agrees with bayes and survives likelihoods that underflow', () => {
    const like = [0.99, 0.05];
    const prior = [0.01, 0.99];
    const lp = logPosterior(like.map(Math.log), prior.map(Math.log));
    const p = bayes(like, prior);
    // Both are a handful of roundings away from 1/6 and 5/6.
    lp.forEach((v, k) => expect(Math.exp(v)).toBeCloseTo(p[k] as number, 14));
    // e^-1000 underflows; in log space the answer is σ(1). The log joints near −1000 carry an
    // absolute rounding error of ulp(1000) ≈ 1.1e-13, which passes straight into the posterior.
    const deep = logPosterior([-1000, -1001], [Math.log(0.5), Math.log(0.5)]);
    expect(Math.abs(Math.exp(deep[0] as number) - 1 / (1 + Math.exp(-1)))).toBeLessThan(5e-13);
    expect(() => logPosterior([-Infinity, -Infinity], [0, 0])).toThrow(/evidence/);
    expect(() => logPosterior([0], [0, 0])).toThrow(/same length/);
    // −Infinity (log 0) is allowed, a non-number is not
    expect(() => logPosterior([0, '-1'] as never, [0, 0])).toThrow(
      'logPosterior: logLikelihoods must contain numbers; expected a number at index 1, got "-1"',
    );
  });
});

describe('JointTable', () => {
  const table = [
    [0.1, 0.2, 0.1],
    [0.3, 0.05, 0.25],
  ];

  it('marginal is the sum rule', () => {
    const t = new JointTable(table);
    const px = t.marginal('x');
    const py = t.marginal('y');
    // Row sums and column sums written out by hand.
    // Sums of three one-decimal entries: ≤ 2 roundings of values < 1 (≤ 2.2e-16); 5e-16.
    expect(px[0]).toBeCloseTo(0.4, 15);
    expect(px[1]).toBeCloseTo(0.6, 15);
    expect(Array.from(py).map((v) => Number(v.toFixed(12)))).toEqual([0.4, 0.25, 0.35]);
    expect(() => t.marginal('z' as 'x')).toThrow(ProbabilityError);
  });

  it('conditional is the product rule: p(X,Y) = p(Y|X) p(X) = p(X|Y) p(Y)', () => {
    const t = new JointTable(table);
    const px = t.marginal('x');
    const py = t.marginal('y');
    const yGivenX = t.conditional('x');
    const xGivenY = t.conditional('y');
    for (let i = 0; i < 2; i++) {
      let rowSum = 0;
      for (let j = 0; j < 3; j++) {
        rowSum += yGivenX.get(i, j);
        // One division and one multiplication: 2 ulp of values ≤ 1.
        expect(yGivenX.get(i, j) * (px[i] as number)).toBeCloseTo(t.get(i, j), 15);
        expect(xGivenY.get(i, j) * (py[j] as number)).toBeCloseTo(t.get(i, j), 15);
      }
      expect(rowSum).toBeCloseTo(1, 15);
    }
    // p(Y = 1 | X = 1) = 0.05 / 0.6 by hand.
    expect(yGivenX.get(1, 1)).toBeCloseTo(0.05 / 0.6, 15);
  });

  it('Bayes rule on the table agrees with bayes()', () => {
    const t = new JointTable(table);
    const yGivenX = t.conditional('x');
    const xGivenY = t.conditional('y');
    const px = t.marginal('x');
    for (let j = 0; j < 3; j++) {
      const post = bayes([yGivenX.get(0, j), yGivenX.get(1, j)], px);
      expect(post[0]).toBeCloseTo(xGivenY.get(0, j), 14);
      expect(post[1]).toBeCloseTo(xGivenY.get(1, j), 14);
    }
  });

  it('fromConditional and fromCounts rebuild the joint', () => {
    const t = new JointTable(table);
    const rebuilt = JointTable.fromConditional(t.conditional('x'), t.marginal('x'));
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) expect(rebuilt.get(i, j)).toBeCloseTo(t.get(i, j), 15);
    const counted = JointTable.fromCounts([
      [2, 4, 2],
      [6, 1, 5],
    ]);
    expect(counted.get(1, 0)).toBeCloseTo(6 / 20, 15);
    expect(() => JointTable.fromCounts([[0, 0]])).toThrow(/sum to 0/);
  });

  it('rejects bad tables and undefined conditionals', () => {
    expect(() => new JointTable([[0.5, 0.6]])).toThrow(/sum to 1/);
    expect(() => new JointTable([[1.2, -0.2]])).toThrow(/non-negative/);
    expect(() => new JointTable([[0.5], [0.25, 0.25]])).toThrow(
      'JointTable: table is ragged; expected rows of length 1, got length 2 at row 1',
    );
    expect(() => new JointTable([])).toThrow(/non-empty/);
    const t = new JointTable([
      [0.5, 0.5],
      [0, 0],
    ]);
    expect(() => t.conditional('x')).toThrow(/p\(X = 1\) is 0/);
    expect(() => t.get(2, 0)).toThrow(ProbabilityError);
  });
});

describe('Categorical', () => {
  it('pmf, mean and entropy match hand calculations', () => {
    const c = new Categorical([0.2, 0.3, 0.5]);
    // Stored probabilities and their logs/sums: ≤ 2 roundings of values ≤ 1.3; 5e-16 (5e-15 for the 3-term entropy).
    expect(c.pmf(1)).toBeCloseTo(0.3, 15);
    expect(c.pmf(5)).toBe(0);
    expect(c.logPmf(2)).toBeCloseTo(Math.log(0.5), 15);
    expect(c.mean()).toBeCloseTo(0.3 + 1.0, 15);
    const h = -(0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.5 * Math.log(0.5));
    expect(c.entropy()).toBeCloseTo(h, 14);
    expect(() => c.pmf(0.5)).toThrow(ProbabilityError);
  });

  it('sample frequencies match the probabilities', () => {
    const p = [0.1, 0.6, 0.3];
    const n = 60_000;
    const s = new Categorical(p).sample(new Random(21), n);
    const counts = [0, 0, 0];
    for (const k of s) counts[k]!++;
    // Binomial SE √(p(1−p)/n) ≤ 0.002; allow 4 SE.
    p.forEach((pk, k) =>
      expect(Math.abs(counts[k]! / n - pk)).toBeLessThan(4 * Math.sqrt((pk * (1 - pk)) / n)),
    );
    expect(new Categorical([0, 1, 0]).sample(new Random(1), 100).every((k) => k === 1)).toBe(true);
  });

  it('fit gives class frequencies (ML) and optional smoothing', () => {
    const c = Categorical.fit([0, 2, 2, 1, 2, 0, 2, 2]);
    // Counts/8 are exact binary fractions, so exact equality is the right check.
    expect(Array.from(c.probs)).toEqual([2 / 8, 1 / 8, 5 / 8]);
    const s = Categorical.fit([0, 0], 3, { smoothing: 1 });
    expect(Array.from(s.probs)).toEqual([3 / 5, 1 / 5, 1 / 5]);
    expect(() => Categorical.fit([0, 1.5])).toThrow(/integers/);
    expect(() => Categorical.fit([0, 3], 2)).toThrow(/numClasses/);
    expect(() => Categorical.fit([0, 1], 2, { smoothing: -1 })).toThrow(
      'Categorical.fit: smoothing is out of range; expected a number >= 0, got -1',
    );
    expect(() => Categorical.fit([0, 1], 2, { smoothing: Infinity })).toThrow(
      'Categorical.fit: smoothing must be finite; expected a number >= 0, got Infinity',
    );
  });

  it('fromLogits is softmax, and bad probabilities are rejected', () => {
    // 3/(1+3) after exp(log 3) = 3(1 ± ε): ~1 ulp of 0.75.
    expect(Categorical.fromLogits([0, Math.log(3)]).probs[1]).toBeCloseTo(0.75, 15);
    expect(() => new Categorical([])).toThrow(/empty/);
    expect(() => new Categorical([0.5, 0.4])).toThrow(/sum to 1/);
    expect(() => new Categorical([1.5, -0.5])).toThrow(/non-negative/);
  });
});

describe('Bernoulli', () => {
  it('pmf, moments and entropy', () => {
    const b = new Bernoulli(0.3);
    expect(b.pmf(1)).toBe(0.3);
    expect(b.pmf(0)).toBe(0.7);
    expect(b.pmf(2)).toBe(0);
    // One log / product / three-term sum of values ≤ 1: ≤ 2 ulps, inside 5e-16.
    expect(b.logPmf(0)).toBeCloseTo(Math.log(0.7), 15);
    expect(b.variance()).toBeCloseTo(0.21, 15);
    expect(b.entropy()).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 15);
    expect(new Bernoulli(0).entropy()).toBe(0);
    expect(Bernoulli.fromLogit(0).p).toBe(0.5);
  });

  it('sampling and fit recover p', () => {
    const n = 40_000;
    const s = new Bernoulli(0.25).sample(new Random(9), n);
    const fitted = Bernoulli.fit(s);
    // SE √(p(1−p)/n) = 0.0022; 4 SE.
    expect(Math.abs(fitted.p - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
    expect(() => Bernoulli.fit([0, 1, 2])).toThrow(/0 or 1; got 2 at index 2/);
    expect(() => new Bernoulli(1.1)).toThrow(/\[0, 1\]/);
  });
});
