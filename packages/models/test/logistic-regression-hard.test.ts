// Hard cases for LogisticRegression (issue 14): extreme logits (stable log-sigmoid and σ branches),
// loss(), the progress callback, warm starts and initial weights, blocked sums past 256 rows,
// every option's validation, and malformed documents. References are closed forms written here.

import { Random } from '@termgrad/tensor';
import { describe, expect, it, vi } from 'vitest';
import { LogisticRegression, ModelError } from '../src/index.js';
import { logisticProblem } from '../src/logistic-regression.js';

/** A model with the given w, w₀ (through the public document format). */
function withWeights(weights: number[], bias: number, lambda = 0): LogisticRegression {
  return LogisticRegression.fromJSON({
    type: 'LogisticRegression',
    version: 1,
    lambda,
    weights,
    bias,
    features: null,
  });
}

/** −log σ(z) in high precision for moderate z (log(1 + e^{−z}) with no cancellation for |z| ≤ 30). */
function negLogSigma(z: number): number {
  return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
}

describe('LogisticRegression: extreme logits', () => {
  it('loss() is exact at |a| = 800 where e^{800} overflows: −log σ(−800) = 800', () => {
    const m = withWeights([1], 0);
    // a = 800 with t = 0 costs 800 + log1p(e^{−800}) = 800; a = −800 with t = 1 likewise; the
    // matching labels cost log1p(e^{−800}) = 0 in double. Mean over 4 rows = 1600/4 = 400, exactly.
    expect(m.loss([[800], [-800], [800], [-800]], [0, 1, 1, 0])).toBe(400);
    // Objective is the sum: 1600 (λ = 0).
    expect(m.objective([[800], [-800]], [0, 1])).toBe(1600);
    // σ(−800) underflows to 0 (not 1, not NaN): the gradient of row (a = −800, t = 0) is exactly 0,
    // of row (a = 800, t = 0) is σ(800)·φ̃ = (800, 1).
    expect(Array.from(m.gradient([[-800]], [0])).map(Math.abs)).toEqual([0, 0]);
    expect(Array.from(m.gradient([[800]], [0]))).toEqual([800, 1]);
    expect(Array.from(m.gradient([[-800]], [1]))).toEqual([800, -1]);
    const p = m.predictProba([[800], [-800], [40]]).toTypedArray();
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
    expect(Number.isFinite(p[2]!)).toBe(true);
  });

  it('loss() matches −(1/N)Σ[t log σ(a) + (1−t) log σ(−a)] on moderate logits', () => {
    const m = withWeights([0.5, -2], 0.25);
    const x = [
      [1, 0],
      [0, 1],
      [-3, 0.5],
      [2, -1],
      [0, 0],
    ];
    const t = [1, 0, 0, 1, 1];
    let want = 0;
    x.forEach((r, i) => {
      const a = 0.5 * r[0]! - 2 * r[1]! + 0.25;
      want += t[i] === 1 ? negLogSigma(a) : negLogSigma(-a);
    });
    // Five O(1) terms, each to a few ulps: 1e-14 relative.
    expect(Math.abs(m.loss(x, t) - want / 5)).toBeLessThan(1e-14);
    // Evaluation data may hold one class only.
    expect(m.loss([[1, 0]], [1])).toBeCloseTo(negLogSigma(0.75), 14);
    expect(m.predict([[0, 0.125]]).toTypedArray()[0]).toBe(0); // a = 0 exactly → class 0 (p = ½ is not > ½)
    expect(m.predictProba([[0, 0.125]]).toTypedArray()[0]).toBe(0.5);
  });

  it('objective and gradient add λ/2‖w‖² and λw but never penalise w₀', () => {
    const lambda = 0.75;
    const m = withWeights([0.5, -2], 0.25, lambda);
    const x = [
      [1, 0],
      [0, 1],
      [-3, 0.5],
    ];
    const t = [1, 0, 0];
    let e = 0;
    const g: [number, number, number] = [0, 0, 0];
    x.forEach((r, i) => {
      const a = 0.5 * r[0]! - 2 * r[1]! + 0.25;
      e += t[i] === 1 ? negLogSigma(a) : negLogSigma(-a);
      const s = 1 / (1 + Math.exp(-a));
      g[0] += (s - t[i]!) * r[0]!;
      g[1] += (s - t[i]!) * r[1]!;
      g[2] += s - t[i]!;
    });
    e += (lambda / 2) * (0.25 + 4);
    g[0] += lambda * 0.5;
    g[1] += lambda * -2;
    expect(Math.abs(m.objective(x, t) - e)).toBeLessThan(1e-13); // O(1) terms: ulps
    const got = Array.from(m.gradient(x, t));
    got.forEach((v, j) => expect(Math.abs(v - g[j]!)).toBeLessThan(1e-14));
  });

  it('the Hessian is Σσ(1−σ)φ̃φ̃ᵀ + λ diag(1,…,1,0) and matches finite differences of the gradient', () => {
    const X = { data: Float64Array.from([1, 0, 0, 1, -3, 0.5, 2, 2]), rows: 4, cols: 2 };
    const t = Float64Array.from([1, 0, 0, 1]);
    const lambda = 0.5;
    const prob = logisticProblem(X, t, lambda);
    const theta = Float64Array.from([0.3, -0.7, 0.2]);
    const H = new Float64Array(9);
    prob.hessian(theta, H);
    const want = new Float64Array(9);
    for (let i = 0; i < 4; i++) {
      const phi = [X.data[2 * i]!, X.data[2 * i + 1]!, 1];
      const a = 0.3 * phi[0]! - 0.7 * phi[1]! + 0.2;
      const s = 1 / (1 + Math.exp(-a));
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 3; k++)
          want[j * 3 + k] = want[j * 3 + k]! + s * (1 - s) * phi[j]! * phi[k]!;
    }
    want[0] = want[0]! + lambda;
    want[4] = want[4]! + lambda;
    for (let q = 0; q < 9; q++) expect(Math.abs(H[q]! - want[q]!)).toBeLessThan(1e-14); // O(1) sums of 4 terms
    // Central differences of the gradient: error O(h²·|∇³E|) ≈ 1e-10 with h = 1e-5, plus rounding ε/h ≈ 1e-11.
    const h = 1e-5;
    for (let k = 0; k < 3; k++) {
      const tp = theta.slice();
      const tm = theta.slice();
      tp[k] = tp[k]! + h;
      tm[k] = tm[k]! - h;
      const gp = new Float64Array(3);
      const gm = new Float64Array(3);
      prob.gradient(tp, gp);
      prob.gradient(tm, gm);
      for (let j = 0; j < 3; j++)
        expect(Math.abs((gp[j]! - gm[j]!) / (2 * h) - H[j * 3 + k]!)).toBeLessThan(1e-8);
    }
    // The cache must not serve a stale θ: the objective at theta, then at another θ, then at theta again.
    const e1 = prob.objective(theta);
    const e2 = prob.objective(Float64Array.from([0, 0, 0]));
    expect(e2).toBeCloseTo(4 * Math.LN2, 14); // σ(0) = ½ for every row: 4·ln 2
    expect(prob.objective(theta)).toBe(e1);
    expect(prob.separates(Float64Array.from([0, 0, 0]))).toBe(false);
    // θ = (1, 0, −0.5): margins ±(a) with a = x₀ − 0.5 → rows 1,2 (t=0) have a = −0.5, −3.5 < 0 and
    // rows 0,3 (t=1) have 0.5, 1.5 > 0: every point strictly on its side.
    expect(prob.separates(Float64Array.from([1, 0, -0.5]))).toBe(true);
    expect(prob.separates(Float64Array.from([1, 0, -1]))).toBe(false); // row 0 now has a = 0: not strict
  });

  it('sums past one 256-row block give the same gradient as a plain loop', () => {
    const rng = new Random(5);
    const n = 700;
    const x = Array.from({ length: n }, () => [rng.uniform(-2, 2), rng.uniform(-2, 2)]);
    const t = x.map((r) => (r[0]! + 0.3 * r[1]! + rng.uniform(-1, 1) > 0 ? 1 : 0));
    const m = withWeights([0.8, -0.4], 0.1);
    const g: [number, number, number] = [0, 0, 0];
    x.forEach((r, i) => {
      const s = 1 / (1 + Math.exp(-(0.8 * r[0]! - 0.4 * r[1]! + 0.1)));
      g[0] += (s - t[i]!) * r[0]!;
      g[1] += (s - t[i]!) * r[1]!;
      g[2] += s - t[i]!;
    });
    // 700 terms of size ≤ 2: naive-sum rounding ≲ 700·ε·2 ≈ 3e-13.
    Array.from(m.gradient(x, t)).forEach((v, j) => expect(Math.abs(v - g[j]!)).toBeLessThan(1e-11));
    const H = new Float64Array(9);
    const X = { data: Float64Array.from(x.flat()), rows: n, cols: 2 };
    logisticProblem(X, Float64Array.from(t), 0).hessian(Float64Array.from([0.8, -0.4, 0.1]), H);
    let h00 = 0;
    x.forEach((r) => {
      const s = 1 / (1 + Math.exp(-(0.8 * r[0]! - 0.4 * r[1]! + 0.1)));
      h00 += s * (1 - s) * r[0]! * r[0]!;
    });
    expect(Math.abs(H[0]! - h00)).toBeLessThan(1e-11);
  });
});

describe('LogisticRegression: callbacks, starts and read-outs', () => {
  const x = [[0], [1], [2], [3], [1.5], [0.5]];
  const t = [0, 0, 1, 1, 0, 1];

  it('onIteration sees every iteration and returning false stops the run', () => {
    const seen: number[] = [];
    const m = new LogisticRegression({
      lambda: 0.1,
      onIteration: (info) => void seen.push(info.iteration),
    }).fit(x, t);
    expect(m.fitInfo?.converged).toBe(true);
    expect(seen.length).toBe(m.fitInfo?.iterations);
    const objectives: number[] = [];
    const stopped = new LogisticRegression({
      lambda: 0.1,
      onIteration: (info) => {
        objectives.push(info.objective);
        return info.iteration < 2 ? undefined : false;
      },
    }).fit(x, t);
    expect(stopped.fitInfo?.converged).toBe(false);
    expect(stopped.fitInfo?.warning).toMatch(/stopped \(callback\)/);
    expect(objectives.length).toBeLessThanOrEqual(3);
    expect(() => new LogisticRegression({ onIteration: 5 as never })).toThrow(
      /onIteration must be a function/,
    );
  });

  it('a run stopped by the callback is not called separable even with collinear features', () => {
    // Column 2 = 2·column 1: the Hessian is exactly singular everywhere, so a finished λ = 0 run
    // reports "separable or collinear"; a run the user stopped must not.
    const xc = x.map((r) => [r[0]!, 2 * r[0]!]);
    const full = new LogisticRegression().fit(xc, t);
    expect(full.fitInfo?.separable).toBe(true);
    const cut = new LogisticRegression({ onIteration: () => false }).fit(xc, t);
    expect(cut.fitInfo?.separable).toBe(false);
    expect(cut.fitInfo?.iterations).toBeLessThanOrEqual(1);
  });

  it('one fixed gradient step from initialWeights is θ − η∇E/N exactly (closed form)', () => {
    const eta = 0.5;
    const m = new LogisticRegression({
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: eta,
      maxIter: 1,
      tol: 0,
    });
    m.fit(x, t, { initialWeights: { weights: [0.2], bias: -0.1 } });
    let g0 = 0;
    let g1 = 0;
    x.forEach((r, i) => {
      const s = 1 / (1 + Math.exp(-(0.2 * r[0]! - 0.1)));
      g0 += (s - t[i]!) * r[0]!;
      g1 += s - t[i]!;
    });
    // Six O(1) terms: ~1e-16 each; 1e-14 absolute.
    expect(Math.abs(m.weights[0]! - (0.2 - (eta * g0) / 6))).toBeLessThan(1e-14);
    expect(Math.abs(m.bias - (-0.1 - (eta * g1) / 6))).toBeLessThan(1e-14);
    expect(m.fitInfo?.iterations).toBe(1);
    expect(m.fitInfo?.solver).toBe('gd');
    // Two warm-started single steps equal one fit with two steps, bit for bit.
    const two = new LogisticRegression({
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: eta,
      maxIter: 2,
      tol: 0,
    }).fit(x, t, {
      initialWeights: { weights: [0.2], bias: -0.1 },
    });
    m.fit(x, t, { warmStart: true });
    expect(m.weights[0]).toBe(two.weights[0]);
    expect(m.bias).toBe(two.bias);
  });

  it('checks initialWeights length, finiteness and the warm-start column count', () => {
    const m = new LogisticRegression({ lambda: 1 });
    expect(() => m.fit(x, t, { initialWeights: { weights: [1, 2], bias: 0 } })).toThrow(
      'LogisticRegression.fit: initialWeights.weights has the wrong length; expected 1, got 2',
    );
    expect(() => m.fit(x, t, { initialWeights: { weights: null as never, bias: 0 } })).toThrow(
      /got null/,
    );
    expect(() => m.fit(x, t, { initialWeights: { weights: [NaN], bias: 0 } })).toThrow(
      'LogisticRegression.fit: initialWeights.weights contains NaN at index 0; expected finite numbers',
    );
    expect(() => m.fit(x, t, { initialWeights: { weights: [0], bias: Infinity } })).toThrow(
      'LogisticRegression.fit: initialWeights.bias must be finite; expected a number, got Infinity',
    );
    expect(() => m.fit(x, t, { warm: true } as never)).toThrow(/unknown option 'warm'/);
    m.fit(x, t);
    expect(() =>
      m.fit(
        [
          [0, 1],
          [1, 0],
        ],
        [0, 1],
        { warmStart: true },
      ),
    ).toThrow(/expected 1 columns, got 2/);
    // A warm start at the optimum needs no Newton step.
    const w = m.weights[0];
    m.fit(x, t, { warmStart: true });
    expect(m.fitInfo?.iterations).toBe(0);
    expect(m.weights[0]).toBe(w);
    // initialWeights take precedence over warmStart.
    const g = new LogisticRegression({
      lambda: 1,
      solver: 'gd',
      lineSearch: 'fixed',
      maxIter: 1,
      tol: 0,
    });
    g.fit(x, t);
    const viaInit = new LogisticRegression({
      lambda: 1,
      solver: 'gd',
      lineSearch: 'fixed',
      maxIter: 1,
      tol: 0,
    }).fit(x, t, { initialWeights: { weights: [3], bias: 1 } });
    g.fit(x, t, { warmStart: true, initialWeights: { weights: [3], bias: 1 } });
    expect(g.weights[0]).toBe(viaInit.weights[0]);
  });

  it('fitInfo.loss is the mean cross-entropy without the penalty', () => {
    const m = new LogisticRegression({ lambda: 2 }).fit(x, t);
    const info = m.fitInfo!;
    expect(Math.abs(info.loss - m.loss(x, t))).toBeLessThan(1e-14); // same quantity, two summation orders
    expect(Math.abs(info.objective - m.objective(x, t))).toBeLessThan(1e-13);
    const w = m.weights[0]!;
    expect(Math.abs(info.objective - (6 * info.loss + w * w))).toBeLessThan(1e-13); // λ/2·w² with λ = 2
    expect(info.gradNorm).toBeLessThanOrEqual(1e-9);
    expect(info.warning).toBeUndefined();
    expect(new LogisticRegression().fitInfo).toBeNull();
  });

  it('onSeparable: warn sets the flag and warning; throw throws', () => {
    const xs = [[0], [1], [3], [4]];
    const ts = [0, 0, 1, 1];
    const warn = new LogisticRegression({ onSeparable: 'warn' }).fit(xs, ts);
    expect(warn.fitInfo?.separable).toBe(true);
    expect(warn.fitInfo?.warning).toMatch(/separable/);
    expect(warn.predict(xs).toTypedArray()).toEqual(Float64Array.from(ts));
    expect(() => new LogisticRegression({ onSeparable: 'throw' }).fit(xs, ts)).toThrow(
      /separable.*expected lambda > 0, got lambda = 0/,
    );
  });

  it('rejects every invalid option value and unknown options', () => {
    expect(() => new LogisticRegression({ lineSearch: 'armijo' as never })).toThrow(
      /option lineSearch must be 'backtracking' or 'fixed'; got "armijo"/,
    );
    expect(() => new LogisticRegression({ onSeparable: 'ignore' as never })).toThrow(
      /option onSeparable must be 'warn' or 'throw'; got "ignore"/,
    );
    expect(() => new LogisticRegression({ solver: 'lbfgs' as never })).toThrow(
      /option solver must be 'newton' or 'gd'; got "lbfgs"/,
    );
    expect(() => new LogisticRegression({ maxIterz: 3 } as never)).toThrow(ModelError);
    expect(() => new LogisticRegression({ maxIterz: 3 } as never)).toThrow(
      /unknown option 'maxIterz'/,
    );
    expect(() => new LogisticRegression({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new LogisticRegression({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => new LogisticRegression({ maxIter: 0 })).toThrow(/maxIter/);
    expect(() => new LogisticRegression({ maxIter: 1.5 })).toThrow(/maxIter/);
    expect(() => new LogisticRegression({ tol: -1 })).toThrow(/tol/);
    expect(new LogisticRegression({ tol: 0 })).toBeInstanceOf(LogisticRegression);
    expect(new LogisticRegression({ maxIter: 1 })).toBeInstanceOf(LogisticRegression);
  });

  it('default caps: Newton stops at 100 iterations, gd at 10 000', () => {
    // tol = 0 is unreachable for gd with a fixed tiny step, so it runs to its cap.
    const gd = new LogisticRegression({
      lambda: 1,
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: 1e-6,
      tol: 0,
    }).fit(x, t);
    expect(gd.fitInfo?.iterations).toBe(10_000);
    expect(gd.fitInfo?.warning).toMatch(/maxIter/);
  });

  it('fromJSON rejects a negative λ and empty weights', () => {
    const base = {
      type: 'LogisticRegression',
      version: 1,
      lambda: 0,
      weights: [1],
      bias: 0,
      features: null,
    };
    expect(() => LogisticRegression.fromJSON({ ...base, lambda: -1 })).toThrow(
      /lambda must be >= 0; got -1/,
    );
    expect(() => LogisticRegression.fromJSON({ ...base, weights: [] })).toThrow(
      /weights must not be empty/,
    );
    expect(LogisticRegression.fromJSON({ ...base, lambda: 0 }).lambda).toBe(0);
    expect(() => new LogisticRegression().weights).toThrow(/not fitted/);
    expect(() => new LogisticRegression().bias).toThrow(/not fitted/);
  });
});

describe('LogisticRegression: verdicts, restarts, documents and evaluation targets (mutation survivors)', () => {
  const x = [[0], [1], [2], [3], [1.5], [0.5]];
  const t = [0, 0, 1, 1, 0, 1];

  it('with λ > 0 a fit is never called separable, even with collinear features (the optimum is unique)', () => {
    // Column 2 = 2·column 1: XᵀWX is singular, so with λ = 0 the verdict is "separable or collinear"
    // (previous describe). Any λ > 0 makes E strictly convex in w, so the verdict must be false — even
    // λ = 1e-12, where the scaled Hessian's condition number (~1e12) is far above the 1e8 threshold.
    const xc = x.map((r) => [r[0]!, 2 * r[0]!]);
    const m = new LogisticRegression({ lambda: 1e-12 }).fit(xc, t);
    expect(m.fitInfo?.separable).toBe(false);
    expect(m.fitInfo?.converged).toBe(true);
    expect(m.fitInfo !== null && 'warning' in m.fitInfo).toBe(false);
  });

  it('a converged fit has no warning key at all; a capped one has it', () => {
    const ok = new LogisticRegression({ lambda: 0.5 }).fit(x, t).fitInfo!;
    expect(ok.converged).toBe(true);
    expect(Object.keys(ok)).not.toContain('warning');
    const capped = new LogisticRegression({ lambda: 0.5, maxIterations: 1 }).fit(x, t).fitInfo!;
    expect(Object.keys(capped)).toContain('warning');
  });

  it('a second fit without warmStart starts from zero again (same result as a fresh model)', () => {
    // One fixed gd step from θ = 0 is θ₁ = −η∇E(0)/N: ∇E(0) = Σ(½ − tₙ)(xₙ, 1).
    const eta = 0.5;
    const m = new LogisticRegression({
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: eta,
      maxIterations: 1,
      tolerance: 0,
    });
    m.fit(x, t);
    m.fit(x, t); // must not continue from the first fit's weights
    let g0 = 0;
    let g1 = 0;
    x.forEach((r, i) => {
      g0 += (0.5 - t[i]!) * r[0]!;
      g1 += 0.5 - t[i]!;
    });
    // Dyadic data: ∇E(0) = (−2.5 + …) is exact in binary; one step is exact to an ulp.
    expect(Math.abs(m.weights[0]! - -(eta * g0) / 6)).toBeLessThan(1e-15);
    expect(Math.abs(m.bias - -(eta * g1) / 6)).toBeLessThan(1e-15);
  });

  it('initialWeights.weights must be an array-like object, not a string of the right length', () => {
    const m = new LogisticRegression({ lambda: 1 });
    expect(() => m.fit(x, t, { initialWeights: { weights: '3' as never, bias: 0 } })).toThrow(
      'LogisticRegression.fit: initialWeights.weights must be a vector; expected a Tensor or an array of numbers, got "3"',
    );
    expect(() => m.fit(x, t, { initialWeights: { weights: 3 as never, bias: 0 } })).toThrow(
      'LogisticRegression.fit: initialWeights.weights must be a vector; expected a Tensor or an array of numbers, got 3',
    );
  });

  it('fromJSON accepts a document without a features key (φ(x) = x)', () => {
    const doc = { type: 'LogisticRegression', version: 1, lambda: 0, weights: [2], bias: -1 };
    const m = LogisticRegression.fromJSON(doc);
    expect(m.features).toBeNull();
    // a = 2·1.5 − 1 = 2 → σ(2) = 1/(1 + e^{−2}).
    expect(
      Math.abs(m.predictProba([[1.5]]).toTypedArray()[0]! - 1 / (1 + Math.exp(-2))),
    ).toBeLessThan(1e-16);
  });

  it('loss/objective/gradient validate evaluation targets: length, values, ±1 hint', () => {
    const m = new LogisticRegression({ lambda: 1 }).fit(x, t);
    expect(() => m.loss([[0], [1]], [0])).toThrow(
      'LogisticRegression.loss: y has the wrong length; expected 2, got 1',
    );
    expect(() => m.loss([[0], [1]], [0, 2])).toThrow(
      /[ty] must hold targets 0 or 1; expected 0 or 1 at index 1, got 2$/,
    );
    expect(() => m.objective([[0], [1]], [1, 0.5])).toThrow(/expected 0 or 1 at index 1, got 0.5/);
    expect(() => m.gradient([[0], [1]], [-1, 1])).toThrow(
      /got -1 \(±1 labels: map them with plusMinusOneToIndices\)/,
    );
    expect(() => m.gradient([[0], [1]], [1, -1])).toThrow(/at index 1, got -1 \(±1 labels/);
    // One class only is fine for evaluation: −log σ(a) at each point (closed form, independent of fit).
    const w = m.weights[0]!;
    const b = m.bias;
    const want = (Math.log1p(Math.exp(-b)) + Math.log1p(Math.exp(-(w + b)))) / 2;
    expect(Math.abs(m.loss([[0], [1]], [1, 1]) - want)).toBeLessThan(1e-15);
  });
});

describe('logisticProblem: one exp per point per θ, and a θ changed in place is noticed', () => {
  const X = { data: Float64Array.from([1, 0, 0, 1, -2, 0.5]), rows: 3, cols: 2 };
  const t = Float64Array.from([1, 0, 1]);

  it('objective, gradient, Hessian and separability at one θ cost one exp per point between them', () => {
    const prob = logisticProblem(X, t, 0.5);
    const theta = Float64Array.from([0.3, -0.2, 0.1]);
    const g = new Float64Array(3);
    const H = new Float64Array(9);
    const spy = vi.spyOn(Math, 'exp');
    try {
      prob.objective(theta);
      prob.gradient(theta, g);
      prob.hessian(theta, H);
      prob.separates(theta);
      prob.objective(Float64Array.from(theta)); // an equal copy is the same θ
      expect(spy).toHaveBeenCalledTimes(3);
      prob.objective(Float64Array.from([0.3, -0.2, 0.2]));
      expect(spy).toHaveBeenCalledTimes(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('mutating θ in place between calls gives the values at the new θ', () => {
    const prob = logisticProblem(X, t, 0);
    const theta = Float64Array.from([0, 0, 0]);
    // E(0) = 3·log 2 (every σ = ½).
    expect(Math.abs(prob.objective(theta) - 3 * Math.LN2)).toBeLessThan(1e-15);
    theta[2] = 1; // a = 1 for every row: E = 2·(−log σ(1)) + (−log σ(−1)) with t = (1, 0, 1)
    const want = 2 * Math.log1p(Math.exp(-1)) + (1 + Math.log1p(Math.exp(-1)));
    expect(Math.abs(prob.objective(theta) - want)).toBeLessThan(1e-15);
    const g = new Float64Array(3);
    prob.gradient(theta, g);
    // ∂E/∂w₀ = Σ(σ(1) − tₙ) = 3σ(1) − 2.
    expect(Math.abs(g[2]! - (3 / (1 + Math.exp(-1)) - 2))).toBeLessThan(1e-15);
  });
});
