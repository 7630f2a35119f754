import { Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, ModelError, SoftmaxRegression } from '../src/index.js';
import { blobs, sigma, twoClouds } from './helpers.js';

/** ‖Σₙ (σ(aₙ) − tₙ)[xₙ; 1] + λ[w; 0]‖₂, hand-written (the optimum is where it vanishes). */
function logisticGradNorm(
  x: number[][],
  t: number[],
  w: ArrayLike<number>,
  b: number,
  lambda: number,
): number {
  const g = new Array<number>(w.length + 1).fill(0);
  x.forEach((r, i) => {
    const res = sigma(r.reduce((s, v, j) => s + v * w[j]!, b)) - t[i]!;
    r.forEach((v, j) => (g[j]! += res * v));
    g[w.length]! += res;
  });
  for (let j = 0; j < w.length; j++) g[j]! += lambda * w[j]!;
  return Math.hypot(...g);
}

describe('LogisticRegression warm start', () => {
  it('k warm-started one-iteration fits equal one fit of k iterations (fixed-step gradient descent)', () => {
    const { x, t } = twoClouds(60, 7, 1, 1.2);
    const opts = {
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: 0.5,
      tolerance: 0,
      lambda: 0.1,
    } as const;
    const stepwise = new LogisticRegression({ ...opts, maxIterations: 1 });
    for (let k = 0; k < 25; k++) stepwise.fit(x, t, { warmStart: true });
    const once = new LogisticRegression({ ...opts, maxIterations: 25 }).fit(x, t);
    // Identity: the same deterministic updates in the same order, so the results agree bit for bit.
    expect(Array.from(stepwise.weights)).toEqual(Array.from(once.weights));
    expect(stepwise.bias).toBe(once.bias);
    expect(stepwise.fitInfo?.iterations).toBe(1);
  });

  it('a warm-started Newton fit converges to the same optimum as a fit from zero', () => {
    const { x, t } = twoClouds(80, 11, 1, 1.5);
    const cold = new LogisticRegression({ lambda: 0.5 }).fit(x, t);
    const m = new LogisticRegression({ lambda: 0.5, solver: 'gd', maxIterations: 3 }).fit(x, t);
    const warm = LogisticRegression.fromJSON(m.toJSON()).fit(x, t, { warmStart: true });
    // λ > 0 makes E strictly convex: one optimum; both stop at ‖∇E‖ ≤ 1e-9, so the weights agree to ~1e-9/λ_min(H).
    for (let j = 0; j < 2; j++) expect(warm.weights[j]).toBeCloseTo(cold.weights[j]!, 7);
    expect(warm.bias).toBeCloseTo(cold.bias, 7);
    // The independent check: the hand-written gradient vanishes there (tol 1e-6 ≫ rounding of 80 terms).
    expect(logisticGradNorm(x, t, warm.weights, warm.bias, 0.5)).toBeLessThan(1e-6);
  });

  it('starting at the optimum takes no iteration; a far start still reaches it', () => {
    const { x, t } = twoClouds(50, 3, 1, 1.5);
    const cold = new LogisticRegression({ lambda: 1 }).fit(x, t);
    const again = new LogisticRegression({ lambda: 1 }).fit(x, t, {
      initialWeights: { weights: cold.weights, bias: cold.bias },
    });
    expect(again.fitInfo?.iterations).toBe(0);
    const far = new LogisticRegression({ lambda: 1 }).fit(x, t, {
      initialWeights: { weights: [8, -8], bias: 5 },
    });
    // Same strictly convex optimum (see above).
    expect(far.weights[0]).toBeCloseTo(cold.weights[0]!, 7);
    expect(far.bias).toBeCloseTo(cold.bias, 7);
  });

  it('warmStart on an unfitted model starts from zero', () => {
    const { x, t } = twoClouds(40, 5);
    const a = new LogisticRegression({ lambda: 0.2 }).fit(x, t, { warmStart: true });
    const b = new LogisticRegression({ lambda: 0.2 }).fit(x, t);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('rejects initial weights of the wrong length, non-finite ones and unknown options', () => {
    const { x, t } = twoClouds(20, 1);
    const m = new LogisticRegression();
    expect(() => m.fit(x, t, { initialWeights: { weights: [1], bias: 0 } })).toThrow(ModelError);
    expect(() => m.fit(x, t, { initialWeights: { weights: [1, NaN], bias: 0 } })).toThrow(
      'LogisticRegression.fit: initialWeights.weights contains NaN at index 1; expected finite numbers',
    );
    expect(() => m.fit(x, t, { warmstart: true } as never)).toThrow(ModelError);
    m.fit(x, t);
    expect(() =>
      m.fit(
        x.map((r) => [...r, 1]),
        t,
        { warmStart: true },
      ),
    ).toThrow(/warmStart/);
  });
});

describe('SoftmaxRegression warm start', () => {
  const { x, y } = blobs(
    [
      [-2, 0],
      [2, 0],
      [0, 2.5],
    ],
    40,
    21,
    1.3,
  );

  it('k warm-started one-iteration fits equal one fit of k iterations', () => {
    const opts = {
      solver: 'gd',
      lineSearch: 'fixed',
      learningRate: 0.3,
      tolerance: 0,
      lambda: 0.2,
    } as const;
    const stepwise = new SoftmaxRegression({ ...opts, maxIterations: 1 });
    for (let k = 0; k < 20; k++) stepwise.fit(x, y, { warmStart: true });
    const once = new SoftmaxRegression({ ...opts, maxIterations: 20 }).fit(x, y);
    // Identity: the same updates in the same order (the reference shift is a no-op on fitted parameters).
    expect(Array.from(stepwise.weights.toTypedArray())).toEqual(
      Array.from(once.weights.toTypedArray()),
    );
    expect(Array.from(stepwise.bias)).toEqual(Array.from(once.bias));
  });

  it('converges to the same optimum from a start outside the reference-class form', () => {
    for (const lambda of [0, 0.5]) {
      const cold = new SoftmaxRegression({ lambda }).fit(x, y);
      // Every class shifted by the same vector: the same posteriors, but not reference form.
      const W = [
        [1, 2],
        [-1, 0.5],
        [0.3, -2],
      ];
      const warm = new SoftmaxRegression({ lambda }).fit(x, y, {
        initialWeights: { weights: W, bias: [3, 1, 2] },
      });
      const pc = cold.predictProba(x).toTypedArray();
      const pw = warm.predictProba(x).toTypedArray();
      // Both stop at ‖∇E‖ ≤ 1e-9 of a convex objective; posteriors agree far below 1e-6.
      for (let i = 0; i < pc.length; i++) expect(Math.abs(pw[i]! - pc[i]!)).toBeLessThan(1e-6);
      expect(warm.bias[2]).toBe(0);
    }
  });

  it('a warm start from fromJSON continues and stops at once when already optimal', () => {
    const cold = new SoftmaxRegression({ lambda: 0.5 }).fit(x, y);
    const m = SoftmaxRegression.fromJSON(cold.toJSON()).fit(x, y, { warmStart: true });
    expect(m.fitInfo?.iterations).toBe(0);
  });

  it('rejects initial weights of the wrong shape or that are not finite', () => {
    const fit = (weights: never, bias: never) =>
      new SoftmaxRegression().fit(x, y, { initialWeights: { weights, bias } });
    // x has 2 features and y 3 classes: W [3, 2], b [3]
    expect(() => fit([1, 2] as never, [0, 0, 0] as never)).toThrow(ModelError);
    expect(() => fit([1, 2] as never, [0, 0, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.weights has the wrong size; expected W [3, 2] (6 values), got 2',
    );
    expect(() => fit([[1, 2]] as never, [0, 0, 0] as never)).toThrow(
      /initialWeights\.weights has the wrong size; expected W \[3, 2\] \(6 values\), got 2$/,
    );
    expect(() => fit([[1, 2, 3]] as never, [0, 0, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.weights has the wrong number of columns; expected 2, got 3',
    );
    const rows = [
      [1, 2],
      [3, 4],
      [5, NaN],
    ];
    expect(() => fit(rows as never, [0, 0, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.weights contains NaN at row 2, column 1; expected finite numbers',
    );
    expect(() => fit([1, 2, 3, 4, Infinity, 6] as never, [0, 0, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.weights contains Infinity at index 4; expected finite numbers',
    );
    const W = [1, 2, 3, 4, 5, 6];
    expect(() => fit(W as never, [0, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.bias has the wrong length; expected 3, got 2',
    );
    expect(() => fit(W as never, [0, NaN, 0] as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.bias contains NaN at index 1; expected finite numbers',
    );
    expect(() => fit(W as never, null as never)).toThrow(
      'SoftmaxRegression.fit: initialWeights.bias must be a vector; expected a Tensor or an array of numbers, got null',
    );
    // the three accepted forms of W start the same fit
    const flat = new SoftmaxRegression().fit(x, y, {
      initialWeights: { weights: W, bias: [0, 0, 0] },
    });
    const nested = new SoftmaxRegression().fit(x, y, {
      initialWeights: {
        weights: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        bias: [0, 0, 0],
      },
    });
    const tensor = new SoftmaxRegression().fit(x, y, {
      initialWeights: { weights: new Tensor(Float64Array.from(W), [3, 2]), bias: [0, 0, 0] },
    });
    expect(Array.from(nested.weights.toTypedArray())).toEqual(
      Array.from(flat.weights.toTypedArray()),
    );
    expect(Array.from(tensor.weights.toTypedArray())).toEqual(
      Array.from(flat.weights.toTypedArray()),
    );
  });
});
