// Checks of the documented correspondences with scikit-learn (README "Conventions vs scikit-learn").
// scikit-learn is not available offline, so each test writes out sklearn's documented definition —
// its objective, its closed form or its estimator formula — independently of our implementation,
// and checks that our fitted model satisfies it.
import { describe, expect, it } from 'vitest';
import {
  GaussianGenerativeClassifier,
  LogisticRegression,
  Perceptron,
  PolynomialRegression,
  polynomialFeatures,
  SoftmaxRegression,
} from '../src/index.js';
import { blobs, gaussSolve, sigma, sinData, twoClouds } from './helpers.js';

describe('Ridge (sklearn.linear_model.Ridge, fit_intercept=True)', () => {
  it('alpha = λ with penalizeBias: false: equals the centred closed form w = (XcᵀXc + αI)⁻¹Xcᵀyc, b = ȳ − x̄ᵀw', () => {
    // sklearn Ridge minimises ‖y − Xw − b‖² + α‖w‖² (intercept not penalised), solved by centring X and y.
    // Ours: ½Σ(y(xₙ) − tₙ)² + (λ/2)‖w₁..w_M‖²; doubling gives sklearn's objective with α = λ.
    const { x, t } = sinData(30, 41, { uniform: true });
    const M = 3;
    for (const alpha of [1e-3, 0.05, 2]) {
      const X = x.map((v) => Array.from({ length: M }, (_, j) => v ** (j + 1))); // features x, x², x³
      const xbar = Array.from({ length: M }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / x.length);
      const ybar = t.reduce((s, v) => s + v, 0) / t.length;
      const Xc = X.map((r) => r.map((v, j) => v - xbar[j]!));
      const A = Array.from({ length: M }, (_, j) =>
        Array.from(
          { length: M },
          (_, k) => Xc.reduce((s, r) => s + r[j]! * r[k]!, 0) + (j === k ? alpha : 0),
        ),
      );
      const rhs = Array.from({ length: M }, (_, j) =>
        Xc.reduce((s, r, i) => s + r[j]! * (t[i]! - ybar), 0),
      );
      const w = gaussSolve(A, rhs);
      const b = ybar - xbar.reduce((s, v, j) => s + v * w[j]!, 0);
      const ours = new PolynomialRegression({ degree: M, lambda: alpha, penalizeBias: false }).fit(
        x,
        t,
      ).coefficients;
      // cond(XcᵀXc + αI) ≲ 1e4 for x ∈ [0, 1], M = 3: the normal-equation reference is good to ~1e-12; 1e-9 absolute.
      expect(Math.abs(ours[0]! - b)).toBeLessThan(1e-9);
      for (let j = 0; j < M; j++) expect(Math.abs(ours[j + 1]! - w[j]!)).toBeLessThan(1e-9);
    }
  });

  it('the default (penalizeBias: true, the lecture) differs from sklearn: it also shrinks w₀', () => {
    const { x, t } = sinData(30, 42, { uniform: true });
    const a = new PolynomialRegression({ degree: 3, lambda: 1 }).fit(x, t).coefficients;
    const b = new PolynomialRegression({ degree: 3, lambda: 1, penalizeBias: false }).fit(
      x,
      t,
    ).coefficients;
    // With λ = 1 on 30 points the two intercepts differ at the 1e-2 level, far above rounding.
    expect(Math.abs(a[0]! - b[0]!)).toBeGreaterThan(1e-3);
  });
});

describe('PolynomialFeatures (sklearn.preprocessing, include_bias=False)', () => {
  it('lists the monomials in sklearn’s order: by degree, then itertools.combinations_with_replacement order', () => {
    // Independent generator of index multisets i₁ ≤ i₂ ≤ … ≤ i_deg in lexicographic order.
    const combos = (d: number, deg: number, start = 0): number[][] =>
      deg === 0
        ? [[]]
        : Array.from({ length: d - start }, (_, k) =>
            combos(d, deg - 1, start + k).map((c) => [start + k, ...c]),
          ).flat();
    const x = [2, 3, 5];
    const ref = [1, 2, 3].flatMap((deg) =>
      combos(3, deg).map((c) => c.reduce((p, i) => p * x[i]!, 1)),
    );
    // Products of small integers: exact.
    expect((polynomialFeatures([x], 3).toArray() as number[][])[0]).toEqual(ref);
  });
});

describe('LinearDiscriminantAnalysis (sklearn, solver="lsqr", shrinkage=None, priors=None)', () => {
  const { x, y } = blobs(
    [
      [-2, 0],
      [2, 0.5],
      [0, 2.5],
    ],
    25,
    43,
    1.2,
  );

  it('covariance_ = Σ_k priors_k · empirical_covariance(X_k) (per-class, divided by N_k) equals our pooled covariance / N', () => {
    // sklearn's _class_cov weights each class's biased (divide by N_k) covariance by its prior N_k/N.
    const g = new GaussianGenerativeClassifier().fit(x, y);
    const S = [
      [0, 0],
      [0, 0],
    ];
    for (let k = 0; k < 3; k++) {
      const rows = x.filter((_, i) => y[i] === k);
      const nk = rows.length;
      const m = [0, 1].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / nk);
      const prior = nk / x.length;
      for (let a = 0; a < 2; a++)
        for (let c = 0; c < 2; c++)
          S[a]![c]! +=
            (prior * rows.reduce((s, r) => s + (r[a]! - m[a]!) * (r[c]! - m[c]!), 0)) / nk;
      // priors_ = class frequencies (sklearn's default): exact, k/75 computed the same way.
      expect(g.priors[k]).toBe(nk / x.length);
    }
    const cov = g.covariance.toArray() as number[][];
    // Same sums grouped differently, entries ~1.5: rounding ~1e-15; 1e-13 absolute.
    for (let a = 0; a < 2; a++)
      for (let c = 0; c < 2; c++) expect(Math.abs(cov[a]![c]! - S[a]![c]!)).toBeLessThan(1e-13);
  });

  it('coef_ = lstsq(covariance_, means_ᵀ)ᵀ and intercept_ = −½ diag(means_ coef_ᵀ) + log(priors_) equal discriminant()', () => {
    const g = new GaussianGenerativeClassifier().fit(x, y);
    const S = g.covariance.toArray() as number[][];
    const mu = g.means.toArray() as number[][];
    const { weights, biases } = g.discriminant();
    const W = weights.toArray() as number[][];
    for (let k = 0; k < 3; k++) {
      const coef = gaussSolve(S, mu[k]!); // Σ coef_k = μ_k, by elimination rather than Cholesky
      const intercept =
        -0.5 * (mu[k]![0]! * coef[0]! + mu[k]![1]! * coef[1]!) + Math.log(g.priors[k]!);
      // Well-conditioned 2×2 (cond ≈ 2): the two solves agree to ~1e-15 relative; 1e-12 absolute.
      expect(Math.abs(W[k]![0]! - coef[0]!)).toBeLessThan(1e-12);
      expect(Math.abs(W[k]![1]! - coef[1]!)).toBeLessThan(1e-12);
      expect(Math.abs(biases[k]! - intercept)).toBeLessThan(1e-12);
    }
  });

  it('binary: sklearn keeps coef_[1] − coef_[0], intercept_[1] − intercept_[0], which is binaryDiscriminant()', () => {
    const { x: bx, t } = twoClouds(60, 44, 1.2, 1);
    const g = new GaussianGenerativeClassifier().fit(bx, t);
    const { weights, biases } = g.discriminant();
    const { w, w0 } = g.binaryDiscriminant();
    // Differences of the same O(1) numbers: a few ulps.
    expect(Math.abs(w[0]! - (weights.get(1, 0) - weights.get(0, 0)))).toBeLessThan(1e-12);
    expect(Math.abs(w[1]! - (weights.get(1, 1) - weights.get(0, 1)))).toBeLessThan(1e-12);
    expect(Math.abs(w0 - (biases[1]! - biases[0]!))).toBeLessThan(1e-12);
    // predict_proba for two classes is expit(decision_function) in sklearn.
    const p = g.predictProba([[0.3, -0.2]]).toArray() as number[][];
    expect(Math.abs(p[0]![1]! - sigma(w[0]! * 0.3 - w[1]! * 0.2 + w0))).toBeLessThan(1e-14); // one sigmoid of an O(1) argument
  });
});

describe('LogisticRegression (sklearn, penalty="l2", C = 1/λ)', () => {
  it('satisfies sklearn’s optimality condition w + C·Σ(σ(aₙ) − tₙ)xₙ = 0, Σ(σ(aₙ) − tₙ) = 0 (intercept not penalised)', () => {
    // sklearn minimises ½‖w‖² + C Σ CEₙ = C·(Σ CEₙ + (λ/2)‖w‖²) with λ = 1/C: the same minimiser as ours.
    const { x, t } = twoClouds(80, 45, 1, 1.4);
    for (const C of [0.1, 1, 10]) {
      const m = new LogisticRegression({ lambda: 1 / C }).fit(x, t);
      const w = m.weights;
      const g = [w[0]!, w[1]!, 0];
      x.forEach((r, i) => {
        const res = C * (sigma(w[0]! * r[0]! + w[1]! * r[1]! + m.bias) - t[i]!);
        g[0]! += res * r[0]!;
        g[1]! += res * r[1]!;
        g[2]! += res;
      });
      // Our fit stops at ‖∇E‖ ≤ 1e-9, sklearn's gradient is C·∇E; 1e-6·max(1, C) leaves room for rounding of 80 terms.
      expect(Math.hypot(...g)).toBeLessThan(1e-6 * Math.max(1, C));
    }
  });
});

describe('LogisticRegression multinomial (sklearn) vs SoftmaxRegression, C = 1/λ', () => {
  it('satisfies W_k + C·Σ(pₙₖ − tₙₖ)xₙ = 0 and Σ(pₙₖ − tₙₖ) = 0 for every class k', () => {
    // sklearn's multinomial objective: ½‖W‖²_F + C Σ CEₙ with all K intercepts free and unpenalised.
    // Ours fixes the last bias at 0; the softmax is shift invariant, so the posteriors are the same.
    const { x, y } = blobs(
      [
        [-2, 0],
        [2, 0],
        [0, 2.5],
      ],
      30,
      46,
      1.3,
    );
    const C = 2;
    const m = new SoftmaxRegression({ lambda: 1 / C }).fit(x, y);
    const W = m.weights.toArray() as number[][];
    const b = Array.from(m.bias);
    for (let k = 0; k < 3; k++) {
      const g = [W[k]![0]!, W[k]![1]!, 0];
      x.forEach((r, i) => {
        const a = W.map((wk, j) => wk[0]! * r[0]! + wk[1]! * r[1]! + b[j]!);
        const mx = Math.max(...a);
        const z = a.reduce((s, v) => s + Math.exp(v - mx), 0);
        const res = C * (Math.exp(a[k]! - mx) / z - (y[i] === k ? 1 : 0));
        g[0]! += res * r[0]!;
        g[1]! += res * r[1]!;
        g[2]! += res;
      });
      // As above: ‖C·∇E‖ ≤ C·1e-9 at the stop, plus rounding of 90 O(1) terms.
      expect(Math.hypot(...g)).toBeLessThan(1e-6 * C);
    }
  });
});

describe('Perceptron (sklearn.linear_model.Perceptron, eta0 = learningRate)', () => {
  it('updates by ±η·x̃ on a mistake; a point exactly on the boundary (a = 0) counts as class 0, not a mistake for t = 0', () => {
    // sklearn updates when y·a ≤ 0 with y = ±1, so a = 0 is a mistake for both classes there; ours uses
    // f(x) = 1 iff a > 0 (the lecture's step function), so a = 0 with t = 0 is correct. Hand trace:
    // start w = 0, b = 0; x = 1, t = 0: a = 0 → f = 0 = t, no update; x = 2, t = 1: a = 0 → f = 0, update
    // w = 0 + 0.5·2 = 1, b = 0.5. Epoch 2: a(1) = 1.5 > 0 → f = 1 ≠ 0: w = 0.5, b = 0; a(2) = 1 > 0 ok.
    const seen: [number, number, number][] = [];
    new Perceptron({
      learningRate: 0.5,
      maxEpochs: 2,
      onEpoch: (e) => void seen.push([e.mistakes, e.weights[0]!, e.bias]),
    }).fit([[1], [2]], [0, 1]);
    expect(seen).toEqual([
      [1, 1, 0.5],
      [1, 0.5, 0],
    ]);
  });
});
