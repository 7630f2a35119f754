import { describe, expect, it } from 'vitest';
import { crossValidate, ModelError, PolynomialRegression, selectModel } from '../src/index.js';
import { sinData } from './helpers.js';

describe('crossValidate', () => {
  it('leave-one-out equals a brute-force refit without each point', () => {
    const { x, t } = sinData(12, 11);
    const cfg = { degree: 3, lnLambda: -8 };
    const cv = crossValidate(x, t, cfg, { folds: x.length });
    let sse = 0;
    for (let i = 0; i < x.length; i++) {
      const xs = x.filter((_, j) => j !== i);
      const ts = t.filter((_, j) => j !== i);
      const m = new PolynomialRegression(cfg).fit(xs, ts);
      sse += (m.evaluate(x[i]!) - t[i]!) ** 2;
    }
    // Same fits, summed in a different order: rounding only.
    expect(cv.validationERms).toBeCloseTo(Math.sqrt(sse / x.length), 12);
    expect(cv.foldValidationERms).toHaveLength(x.length);
  });

  it('pools validation errors over folds of near-equal size and is seeded', () => {
    const { x, t } = sinData(23, 12);
    const a = crossValidate(x, t, { degree: 2 }, { folds: 5, seed: 3 });
    const b = crossValidate(x, t, { degree: 2 }, { folds: 5, seed: 3 });
    expect(a).toEqual(b);
    expect(a.foldValidationERms).toHaveLength(5);
    // Pooled ≥ smallest fold and ≤ largest fold error.
    expect(a.validationERms).toBeGreaterThanOrEqual(Math.min(...a.foldValidationERms));
    expect(a.validationERms).toBeLessThanOrEqual(Math.max(...a.foldValidationERms));
    expect(() => crossValidate(x, t, { degree: 2 }, { folds: 1 })).toThrow(ModelError);
    expect(() => crossValidate(x, t, { degree: 2 }, { folds: 24 })).toThrow(/folds/);
  });
});

describe('selectModel', () => {
  it('k-fold: returns the full grid and the cell with the lowest validation error, refitted on all data', () => {
    const { x, t } = sinData(30, 13, { uniform: true });
    const degrees = [0, 1, 2, 3, 5, 9];
    const lnLambdas = [-Infinity, -18, -5];
    const sel = selectModel(x, t, { degrees, lnLambdas, folds: 5 });
    expect(sel.method).toBe('kfold');
    expect(sel.grid).toHaveLength(degrees.length * lnLambdas.length);
    const min = Math.min(...sel.grid.map((g) => g.validationERms));
    expect(sel.best.validationERms).toBe(min);
    // sin(2πx) needs at least a cubic: a constant or a line cannot win.
    expect(sel.best.degree).toBeGreaterThanOrEqual(3);
    expect(sel.model.degree).toBe(sel.best.degree);
    const direct = new PolynomialRegression({
      degree: sel.best.degree,
      lnLambda: sel.best.lnLambda,
    }).fit(x, t).coefficients;
    sel.model.coefficients.forEach((c, j) => expect(c).toBe(direct[j]));
  });

  it('hold-out: scores every cell on the given validation set', () => {
    const train = sinData(10, 14);
    const val = sinData(50, 15, { uniform: true });
    const sel = selectModel(train.x, train.t, {
      degrees: [1, 3, 9],
      validation: { x: val.x, y: val.t },
    });
    expect(sel.method).toBe('holdout');
    for (const g of sel.grid) {
      const m = new PolynomialRegression({ degree: g.degree }).fit(train.x, train.t);
      expect(g.validationERms).toBe(m.eRms(val.x, val.t));
      expect(g.trainERms).toBe(m.eRms(train.x, train.t));
    }
    // The lecture's picture: M = 9 on 10 points is not chosen on held-out data.
    expect(sel.best.degree).toBe(3);
  });

  it('hold-out by fraction, unfittable cells scored Infinity, and option errors', () => {
    const { x, t } = sinData(20, 16);
    const sel = selectModel(x, t, { degrees: [1, 3, 19], validation: 0.25, seed: 1 });
    const big = sel.grid.find((g) => g.degree === 19)!;
    expect(big.validationERms).toBe(Infinity);
    expect(big.error).toMatch(/at least 20 points/);
    expect(() => selectModel(x, t, { degrees: [1], folds: 5, validation: 0.2 })).toThrow(
      /not both/,
    );
    expect(() => selectModel(x, t, { degrees: [] })).toThrow(/degrees/);
    expect(() => selectModel(x, t, { degree: [1] } as never)).toThrow(/unknown option 'degree'/);
    expect(() => selectModel(x, t, { degrees: [1], lnLambdas: [NaN] })).toThrow(
      /lnLambdas\[0\] must be a number or -Infinity; got NaN/,
    );
    expect(() => selectModel(x, t, { degrees: [1], validation: 1 })).toThrow(
      /validation fraction leaves an empty set/,
    );
    expect(() => crossValidate([...x.slice(0, 19), NaN], t, { degree: 1 }, { folds: 2 })).toThrow(
      /crossValidate: x contains NaN at row 19, column 0; expected finite numbers/,
    );
    expect(() => crossValidate(x, t.slice(1), { degree: 1 }, { folds: 2 })).toThrow(
      /crossValidate: y has the wrong length; expected 20, got 19/,
    );
    expect(() => crossValidate(x, t, { degree: 1 }, { fold: 2 } as never)).toThrow(
      /unknown option 'fold'/,
    );
  });
});
