import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { Gaussian, MultivariateGaussian, ProbabilityError } from '../src/index.js';

describe('MultivariateGaussian', () => {
  it('logPdf with diagonal covariance equals the sum of 1-D log densities', () => {
    const mu = [1, -2, 0.5];
    const sd = [0.5, 2, 1.5];
    const g = new MultivariateGaussian(mu, [
      [sd[0]! ** 2, 0, 0],
      [0, sd[1]! ** 2, 0],
      [0, 0, sd[2]! ** 2],
    ]);
    const rng = new Random(3);
    for (let t = 0; t < 50; t++) {
      const x = [rng.normal(0, 2), rng.normal(0, 2), rng.normal(0, 2)];
      const ref = x.reduce((s, xi, i) => s + new Gaussian(mu[i], sd[i]).logPdf(xi), 0);
      // Same quantities, summed in a different order: a few ulp of |ref| (< 50).
      expect(Math.abs(g.logPdf(x) - ref)).toBeLessThan(1e-12);
    }
  });

  it('logPdf matches the explicit 2×2 inverse/determinant formula', () => {
    const s11 = 2;
    const s12 = 0.6;
    const s22 = 1;
    const det = s11 * s22 - s12 * s12; // 1.64
    const mu = [0.3, -0.7];
    const g = new MultivariateGaussian(mu, [
      [s11, s12],
      [s12, s22],
    ]);
    const rng = new Random(4);
    for (let t = 0; t < 50; t++) {
      const x = [rng.normal(0, 2), rng.normal(0, 2)];
      const d0 = x[0]! - mu[0]!;
      const d1 = x[1]! - mu[1]!;
      // Σ⁻¹ = (1/det) [[s22, −s12], [−s12, s11]].
      const quad = (s22 * d0 * d0 - 2 * s12 * d0 * d1 + s11 * d1 * d1) / det;
      const ref = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
      // Cholesky vs explicit inverse: both backward stable on a condition number ~3; 1e-12 absolute.
      expect(Math.abs(g.logPdf(x) - ref)).toBeLessThan(1e-12);
      expect(g.pdf(x)).toBeCloseTo(Math.exp(ref), 14);
    }
    // 2·Σ log Lᵢᵢ vs log(1.64): a few ulps of 0.49; 5e-15.
    expect(g.logDetCovariance).toBeCloseTo(Math.log(det), 14);
    expect(g.dim).toBe(2);
  });

  it('accepts tensors and evaluates many rows at once into out', () => {
    const g = new MultivariateGaussian(
      new Tensor(new Float64Array([1, 2]), [2]),
      new Tensor(new Float64Array([1, 0.2, 0.2, 0.5]), [2, 2]),
    );
    const x = g.sample(new Random(8), 7);
    expect(x.shape).toEqual([7, 2]);
    const out = new Float64Array(7);
    expect(g.logPdfRows(x, out)).toBe(out);
    for (let i = 0; i < 7; i++) expect(out[i]).toBe(g.logPdf([x.get(i, 0), x.get(i, 1)]));
    expect(Array.from(g.logPdfRows(x.toTypedArray() as Float64Array))).toEqual(Array.from(out));
    expect(() => g.logPdfRows(x, new Float64Array(3))).toThrow(ProbabilityError);
  });

  it('rejects a covariance that is not positive definite, not symmetric, or the wrong shape', () => {
    expect(
      () =>
        new MultivariateGaussian(
          [0, 0],
          [
            [1, 2],
            [2, 1],
          ],
        ),
    ).toThrow(/not positive definite/);
    expect(
      () =>
        new MultivariateGaussian(
          [0, 0],
          [
            [1, 0],
            [0, 0],
          ],
        ),
    ).toThrow(/not positive definite/);
    expect(
      () =>
        new MultivariateGaussian(
          [0, 0],
          [
            [1, 0.5],
            [0.1, 1],
          ],
        ),
    ).toThrow(/symmetric/);
    expect(
      () =>
        new MultivariateGaussian(
          [0, 0, 0],
          [
            [1, 0],
            [0, 1],
          ],
        ),
    ).toThrow(/\[3,3\]/);
    expect(
      () =>
        new MultivariateGaussian(
          [0, NaN],
          [
            [1, 0],
            [0, 1],
          ],
        ),
    ).toThrow(ProbabilityError);
    expect(() =>
      new MultivariateGaussian(
        [0, 0],
        [
          [1, 0],
          [0, 1],
        ],
      ).logPdf([1]),
    ).toThrow(/length 2/);
    expect(() =>
      new MultivariateGaussian(
        [0, 0],
        [
          [1, 0],
          [0, 1],
        ],
      ).logPdf([NaN, 0]),
    ).toThrow(/MultivariateGaussian\.logPdf: x must be finite/);
    expect(() => new MultivariateGaussian([], [])).toThrow(/mean is empty/);
    expect(() => new MultivariateGaussian([0], [[1]]).sample(new Random(1), -1)).toThrow(
      /n is out of range; expected an integer >= 0, got -1/,
    );
  });

  it('fit is the ML estimate (divides by N)', () => {
    // Corners of a 2×2 square: mean (1, 1); each coordinate has deviations ±1, so variance 1, covariance 0.
    const g = MultivariateGaussian.fit([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]);
    expect(Array.from(g.mean.data)).toEqual([1, 1]);
    expect(g.covariance.toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('fit reports singular data and accepts a regularization', () => {
    const collinear = [
      [0, 0],
      [1, 2],
      [2, 4],
    ];
    expect(() => MultivariateGaussian.fit(collinear)).toThrow(/not positive definite/);
    const g = MultivariateGaussian.fit(collinear, { lambda: 1e-3 });
    // Cov of x = (0,1,2) is 2/3; the ridge adds 1e-3 to the diagonal.
    expect(g.covariance.get(0, 0)).toBeCloseTo(2 / 3 + 1e-3, 14);
    expect(() => MultivariateGaussian.fit([])).toThrow(/non-empty/);
    expect(() => MultivariateGaussian.fit([[0, 1], [1]])).toThrow(
      'MultivariateGaussian.fit: rows is ragged; expected rows of length 2, got length 1 at row 1',
    );
    expect(() =>
      MultivariateGaussian.fit([
        [0, NaN],
        [1, 1],
        [2, 3],
      ]),
    ).toThrow(
      'MultivariateGaussian.fit: rows contains NaN at row 0, column 1; expected finite numbers',
    );
    expect(() => MultivariateGaussian.fit(collinear, { lambda: -1 })).toThrow(
      'MultivariateGaussian.fit: lambda is out of range; expected a number >= 0, got -1',
    );
    expect(() => MultivariateGaussian.fit(collinear, { lamda: 1 } as never)).toThrow(
      /unknown option 'lamda'/,
    );
  });

  it('samples have the right mean and covariance, and fit recovers them', () => {
    const mu = [1, -1];
    const cov = [
      [2, 0.6],
      [0.6, 1],
    ];
    const n = 50_000;
    const x = new MultivariateGaussian(mu, cov).sample(new Random(12), n);
    const g = MultivariateGaussian.fit(x);
    // SE of a mean: √(Σii/n) ≤ 0.0064; of a covariance entry: √((ΣiiΣjj + Σij²)/n) ≤ 0.0131. 4 SE each.
    for (let i = 0; i < 2; i++)
      expect(Math.abs(g.mean.get(i) - mu[i]!)).toBeLessThan(4 * Math.sqrt(2 / n));
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const se = Math.sqrt((cov[i]![i]! * cov[j]![j]! + cov[i]![j]! ** 2) / n);
        expect(Math.abs(g.covariance.get(i, j) - cov[i]![j]!)).toBeLessThan(4 * se);
      }
    }
  });

  it('sampling is reproducible from the seed', () => {
    const g = new MultivariateGaussian(
      [0, 0],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(g.sample(new Random(1), 5).toArray()).toEqual(g.sample(new Random(1), 5).toArray());
    expect(g.sample(new Random(1), 5).toArray()).not.toEqual(g.sample(new Random(2), 5).toArray());
  });
});
