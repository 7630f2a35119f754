import { MultivariateGaussian } from '@termgrad/probability';
import { describe, expect, it } from 'vitest';
import { GaussianGenerativeClassifier, ModelError } from '../src/index.js';
import { blobs, sigma, twoClouds } from './helpers.js';

/** Shared-covariance ML estimates by brute force (2-D, hand formulas). */
function mlEstimates(x: number[][], y: number[], K: number) {
  const n = x.length;
  const mu = Array.from({ length: K }, (_, k) => {
    const rows = x.filter((_, i) => y[i] === k);
    return [0, 1].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  });
  const S = [
    [0, 0],
    [0, 0],
  ];
  x.forEach((r, i) => {
    const m = mu[y[i]!]!;
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) S[a]![b]! += ((r[a]! - m[a]!) * (r[b]! - m[b]!)) / n;
  });
  const prior = Array.from({ length: K }, (_, k) => y.filter((v) => v === k).length / n);
  return { mu, S, prior };
}

describe('GaussianGenerativeClassifier', () => {
  it('fits class means, the pooled covariance divided by N, and class-frequency priors', () => {
    const { x, t } = twoClouds(60, 31);
    const g = new GaussianGenerativeClassifier().fit(x, t);
    const ref = mlEstimates(x, t, 2);
    const mu = g.means.toArray() as number[][];
    const S = g.covariance.toArray() as number[][];
    // Sums of 60 O(1) terms in a different order: ~1e-15.
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 2; j++) expect(Math.abs(mu[k]![j]! - ref.mu[k]![j]!)).toBeLessThan(1e-13);
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) expect(Math.abs(S[a]![b]! - ref.S[a]![b]!)).toBeLessThan(1e-13);
    expect(Array.from(g.priors)).toEqual(ref.prior);
  });

  it('two classes: σ(wᵀx + w₀) with the lecture formulas equals the Bayes posterior from the Gaussian densities', () => {
    const { x, t } = twoClouds(80, 32, 1, 1.3);
    const g = new GaussianGenerativeClassifier().fit(x, t);
    const { mu, S, prior } = mlEstimates(x, t, 2);
    // Hand 2×2 inverse: Σ⁻¹ = adj(Σ)/det Σ.
    const det = S[0]![0]! * S[1]![1]! - S[0]![1]! * S[1]![0]!;
    const inv = [
      [S[1]![1]! / det, -S[0]![1]! / det],
      [-S[1]![0]! / det, S[0]![0]! / det],
    ];
    const mv = (v: number[]) => [
      inv[0]![0]! * v[0]! + inv[0]![1]! * v[1]!,
      inv[1]![0]! * v[0]! + inv[1]![1]! * v[1]!,
    ];
    const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]!;
    const [mu2, mu1] = [mu[0]!, mu[1]!]; // c₁ = label 1, c₂ = label 0
    const wRef = mv([mu1[0]! - mu2[0]!, mu1[1]! - mu2[1]!]);
    const w0Ref =
      -0.5 * dot(mu1, mv(mu1)) + 0.5 * dot(mu2, mv(mu2)) + Math.log(prior[1]! / prior[0]!);
    const { w, w0 } = g.binaryDiscriminant();
    // Cholesky solves vs an explicit 2×2 inverse of a well-conditioned Σ: ~1e-15 relative.
    expect(Math.abs(w[0]! - wRef[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(w[1]! - wRef[1]!)).toBeLessThan(1e-12);
    expect(Math.abs(w0 - w0Ref)).toBeLessThan(1e-12);
    // Bayes rule directly with the densities of @termgrad/probability.
    const p1 = new MultivariateGaussian(mu1, S);
    const p2 = new MultivariateGaussian(mu2, S);
    const probe = [
      [0, 0],
      [1, -1],
      [-2, 0.5],
      [3, 2],
    ];
    const post = g.predictProba(probe).toArray() as number[][];
    probe.forEach((q, i) => {
      const num = p1.pdf(q) * prior[1]!;
      const bayes = num / (num + p2.pdf(q) * prior[0]!);
      // Densities ~1e-3..1e-1 in double precision; both paths agree to ~1e-14.
      expect(Math.abs(sigma(w[0]! * q[0]! + w[1]! * q[1]! + w0) - bayes)).toBeLessThan(1e-12);
      expect(Math.abs(post[i]![1]! - bayes)).toBeLessThan(1e-12);
      expect(Math.abs(post[i]![0]! + post[i]![1]! - 1)).toBeLessThan(1e-15);
    });
    // Class-conditional log densities equal the reference logPdf.
    const ll = g.logLikelihood(probe).toArray() as number[][];
    probe.forEach((q, i) => expect(Math.abs(ll[i]![1]! - p1.logPdf(q))).toBeLessThan(1e-12));
  });

  it('K classes: softmax posteriors equal Bayes rule over K Gaussians', () => {
    const { x, y } = blobs(
      [
        [-3, 0],
        [3, 0],
        [0, 3],
      ],
      30,
      33,
      1.5,
    );
    const g = new GaussianGenerativeClassifier().fit(x, y);
    const { mu, S, prior } = mlEstimates(x, y, 3);
    const dens = mu.map((m) => new MultivariateGaussian(m, S));
    const probe = [
      [0, 0],
      [2, 1],
      [-1, 4],
    ];
    const post = g.predictProba(probe).toArray() as number[][];
    probe.forEach((q, i) => {
      const joint = dens.map((d, k) => d.pdf(q) * prior[k]!);
      const z = joint.reduce((a, b) => a + b, 0);
      // Same tolerance reasoning as the two-class case.
      joint.forEach((j, k) => expect(Math.abs(post[i]![k]! - j / z)).toBeLessThan(1e-12));
    });
    expect(() => g.binaryDiscriminant()).toThrow(/K = 3/);
    const pred = g.predict(probe).toArray() as number[];
    pred.forEach((p, i) => expect(p).toBe(post[i]!.indexOf(Math.max(...post[i]!))));
  });

  it('reports a singular covariance clearly and suggests lambda, which fixes it', () => {
    // Second feature = 2 × first: Σ has rank 1.
    const x = [
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
      [5, 10],
    ];
    const y = [0, 0, 0, 1, 1, 1];
    expect(() => new GaussianGenerativeClassifier().fit(x, y)).toThrow(ModelError);
    expect(() => new GaussianGenerativeClassifier().fit(x, y)).toThrow(/singular.*lambda: 1e-6/);
    const g = new GaussianGenerativeClassifier({ lambda: 1e-3 }).fit(x, y);
    expect(
      g
        .predict([
          [0, 0],
          [5, 10],
        ])
        .toArray(),
    ).toEqual([0, 1]);
  });

  it('rejects bad labels', () => {
    expect(() => new GaussianGenerativeClassifier().fit([[0], [1]], [0, 0.5])).toThrow(
      /class indices/,
    );
    expect(() => new GaussianGenerativeClassifier().fit([[0], [1], [2]], [0, 2, 2])).toThrow(
      /class 1 has no training samples/,
    );
    expect(() => new GaussianGenerativeClassifier().fit([[0], [1]], [0, 0])).toThrow(
      /at least 2 classes/,
    );
  });

  it('rejects bad shapes, NaN, empty data, unknown options and use before fit', () => {
    const { x, t } = twoClouds(20, 34);
    expect(() =>
      new GaussianGenerativeClassifier().fit(
        [
          [0, NaN],
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        [0, 0, 1, 1],
      ),
    ).toThrow(
      'GaussianGenerativeClassifier.fit: x contains NaN at row 0, column 1; expected finite numbers',
    );
    expect(() => new GaussianGenerativeClassifier().fit(x, t.slice(1))).toThrow(
      /y has the wrong length; expected 20, got 19/,
    );
    expect(() => new GaussianGenerativeClassifier().fit([], [])).toThrow(/x is empty/);
    expect(() => new GaussianGenerativeClassifier({ regularization: 1 } as never)).toThrow(
      /unknown option 'regularization'; expected one of lambda, numClasses/,
    );
    expect(() => new GaussianGenerativeClassifier({ lambda: -1 })).toThrow(
      /lambda is out of range; expected a number >= 0, got -1/,
    );
    expect(() => new GaussianGenerativeClassifier().predict([[1, 2]])).toThrow(/not fitted/);
    const g = new GaussianGenerativeClassifier().fit(x, t);
    expect(() => g.predict([[1, 2, 3]])).toThrow(/wrong number of columns; expected 2, got 3/);
    expect(() => g.predictProba([[NaN, 2]])).toThrow(/x contains NaN at row 0, column 0/);
    expect(() => g.logLikelihood([[Infinity, 2]])).toThrow(
      /logLikelihood: x contains Infinity at row 0, column 0/,
    );
  });
});
