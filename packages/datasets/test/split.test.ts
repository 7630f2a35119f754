import { Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  blobs,
  DatasetError,
  kFold,
  loadIris,
  Standardizer,
  subset,
  trainTestSplit,
} from '../src/index.js';

describe('trainTestSplit', () => {
  it('partitions the rows reproducibly', () => {
    const iris = loadIris();
    const { train, test, indices } = trainTestSplit(iris, { testFraction: 0.2, seed: 1 });
    expect(test.x.shape).toEqual([30, 4]);
    expect(train.x.shape).toEqual([120, 4]);
    const all = [...indices.train, ...indices.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => i));
    // Rows are copied with their labels.
    indices.test.forEach((i, r) => {
      expect(test.x.get(r, 2)).toBe(iris.x.get(i, 2));
      expect(test.y.get(r)).toBe(iris.y.get(i));
    });
    expect(test.classNames).toEqual(iris.classNames);
    const again = trainTestSplit(iris, { testFraction: 0.2, seed: 1 });
    expect(Array.from(again.indices.test)).toEqual(Array.from(indices.test));
    expect(
      Array.from(trainTestSplit(iris, { testFraction: 0.2, seed: 2 }).indices.test),
    ).not.toEqual(Array.from(indices.test));
  });

  it('stratify keeps each class proportion', () => {
    const { test } = trainTestSplit(loadIris(), { testFraction: 0.2, seed: 3, stratify: true });
    for (let c = 0; c < 3; c++)
      expect(Array.from(test.y.data).filter((v) => v === c).length).toBe(10);
  });

  it('validates its input', () => {
    const iris = loadIris();
    expect(() => trainTestSplit(iris, { testFraction: 1 })).toThrow(/testFraction/);
    expect(() => trainTestSplit(iris, { testFraction: 0 })).toThrow(DatasetError);
    expect(() => trainTestSplit(subset(iris, [0]))).toThrow(/at least 2 rows/);
    expect(() => subset(iris, [150])).toThrow(/out of range/);
    expect(() => trainTestSplit(iris, { testFraction: Number.NaN })).toThrow(
      'trainTestSplit: testFraction must be a number in (0, 1), got NaN',
    );
    // sklearn spells it test_size; a misspelt option must not be ignored silently.
    expect(() => trainTestSplit(iris, { test_size: 0.3 } as never)).toThrow(
      "trainTestSplit: unknown option 'test_size'; expected one of testFraction, stratify, seed, rng",
    );
  });

  it('puts ceil(testFraction·n) rows in the test set, as scikit-learn does', () => {
    const iris = loadIris();
    // sklearn: n_test = ceil(test_size · n). 0.25·9 = 2.25 → 3; 0.25·8 = 2 exactly → 2; 0.2·150 = 30.
    expect(
      trainTestSplit(subset(iris, [0, 1, 2, 3, 4, 5, 6, 7, 8]), { testFraction: 0.25 }).indices.test
        .length,
    ).toBe(3);
    expect(
      trainTestSplit(subset(iris, [0, 1, 2, 3, 4, 5, 6, 7]), { testFraction: 0.25 }).indices.test
        .length,
    ).toBe(2);
    expect(trainTestSplit(iris, { testFraction: 0.2 }).indices.test.length).toBe(30);
  });
});

describe('kFold', () => {
  it('puts every index in exactly one validation fold and trains on the rest', () => {
    for (const [n, k] of [
      [10, 5],
      [23, 4],
      [7, 7],
    ] as const) {
      const folds = kFold(n, k, { seed: 9 });
      expect(folds).toHaveLength(k);
      const seen = new Array<number>(n).fill(0);
      for (const { train, validation } of folds) {
        for (const i of validation) seen[i]!++;
        expect(train.length + validation.length).toBe(n);
        const v = new Set(validation);
        expect(Array.from(train).every((i) => !v.has(i))).toBe(true);
        // Fold sizes differ by at most one.
        expect(Math.abs(validation.length - n / k)).toBeLessThan(1);
      }
      expect(seen.every((c) => c === 1)).toBe(true);
    }
  });

  it('is seeded, and shuffle: false gives contiguous blocks', () => {
    expect(kFold(20, 4, { seed: 1 }).map((f) => Array.from(f.validation))).toEqual(
      kFold(20, 4, { seed: 1 }).map((f) => Array.from(f.validation)),
    );
    expect(kFold(20, 4, { seed: 1 }).map((f) => Array.from(f.validation))).not.toEqual(
      kFold(20, 4, { seed: 2 }).map((f) => Array.from(f.validation)),
    );
    expect(Array.from(kFold(6, 3, { shuffle: false })[1]!.validation)).toEqual([2, 3]);
    expect(() => kFold(3, 4)).toThrow(/k must be <= n/);
    expect(() => kFold(10, 1)).toThrow(/k is out of range; expected an integer >= 2, got 1/);
    expect(() => kFold(10.5, 2)).toThrow(
      'kFold: n must be an integer; expected an integer >= 0, got 10.5',
    );
    expect(() => kFold(10, 2, { shufle: false } as never)).toThrow(
      /kFold: unknown option 'shufle'/,
    );
  });

  it('shuffle: false reproduces scikit-learn KFold (contiguous folds, the first n mod k one row larger)', () => {
    // sklearn.model_selection.KFold docs: "The first n_samples % n_splits folds have size
    // n_samples // n_splits + 1, other folds have size n_samples // n_splits", taken in order.
    // Its example, KFold(n_splits=2) on 4 samples, has test folds [0, 1] and [2, 3].
    expect(kFold(4, 2, { shuffle: false }).map((f) => Array.from(f.validation))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(kFold(10, 3, { shuffle: false }).map((f) => Array.from(f.validation))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(Array.from(kFold(10, 3, { shuffle: false })[1]!.train)).toEqual([0, 1, 2, 3, 7, 8, 9]);
  });
});

describe('Standardizer', () => {
  const data = blobs({ n: 200, centers: [[5, -3, 100]], std: 2, seed: 4 });
  const { train, test } = trainTestSplit(data, { testFraction: 0.25, seed: 5 });

  function columnStats(x: Tensor): { mean: number[]; std: number[] } {
    const rows = x.toArray() as number[][];
    const d = rows[0]!.length;
    const mean = Array.from(
      { length: d },
      (_, j) => rows.map((r) => r[j]!).reduce((a, b) => a + b) / rows.length,
    );
    const std = mean.map((m, j) =>
      Math.sqrt(rows.map((r) => (r[j]! - m) ** 2).reduce((a, b) => a + b) / rows.length),
    );
    return { mean, std };
  }

  it('learns mean and std from the training rows only', () => {
    const s = new Standardizer().fit(train.x);
    const ref = columnStats(train.x);
    const testRef = columnStats(test.x);
    for (let j = 0; j < 3; j++) {
      // Same sums in a different order: relative 1e-13.
      expect(s.mean[j]).toBeCloseTo(ref.mean[j]!, 11);
      expect(s.std[j]).toBeCloseTo(ref.std[j]!, 12);
      expect(s.mean[j]).not.toBe(testRef.mean[j]);
    }
    const z = columnStats(s.transform(train.x));
    // Standardised training columns have mean 0 and std 1 up to rounding of O(100)-sized inputs.
    z.mean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-12));
    z.std.forEach((v) => expect(v).toBeCloseTo(1, 12));
    // The test rows use the training statistics: (x − μ_train)/σ_train.
    const zt = s.transform(test.x);
    expect(zt.get(3, 1)).toBeCloseTo((test.x.get(3, 1) - ref.mean[1]!) / ref.std[1]!, 12);
  });

  it('reproduces the scikit-learn StandardScaler docs example (population std, ddof = 0)', () => {
    // sklearn.preprocessing.StandardScaler docs: data [[0,0],[0,0],[1,1],[1,1]] → mean_ [0.5, 0.5],
    // var_ [0.25, 0.25] (divides by N), transform([[2, 2]]) → [[3, 3]]. All values are exact binary fractions.
    const s = new Standardizer().fit(
      new Tensor(new Float64Array([0, 0, 0, 0, 1, 1, 1, 1]), [4, 2]),
    );
    expect(Array.from(s.mean)).toEqual([0.5, 0.5]);
    expect(Array.from(s.std)).toEqual([0.5, 0.5]);
    expect(s.transform(new Tensor(new Float64Array([2, 2]), [1, 2])).toArray()).toEqual([[3, 3]]);
  });

  it('inverseTransform undoes transform and JSON round-trips exactly', () => {
    const s = new Standardizer().fit(train.x);
    const back = s.inverseTransform(s.transform(test.x));
    // Two roundings per entry at magnitude ≤ 110: 1e-12 absolute.
    (back.toArray() as number[][]).forEach((r, i) =>
      r.forEach((v, j) => expect(Math.abs(v - test.x.get(i, j))).toBeLessThan(1e-12)),
    );
    const copy = Standardizer.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(copy.transform(test.x).toArray()).toEqual(s.transform(test.x).toArray());
    expect(() => Standardizer.fromJSON({ type: 'Standardizer', version: 2 } as never)).toThrow(
      /version/,
    );
  });

  it('handles constant columns, 1-D targets, and misuse', () => {
    const x = new Tensor(new Float64Array([1, 7, 2, 7, 3, 7]), [3, 2]);
    const s = new Standardizer().fit(x);
    expect(Array.from(s.std)).toEqual([Math.sqrt(2 / 3), 1]);
    expect(s.transform(x).get(0, 1)).toBe(0);
    const y = new Tensor(new Float64Array([2, 4, 6]), [3]);
    expect(new Standardizer().fitTransform(y).shape).toEqual([3]);
    expect(() => new Standardizer().transform(x)).toThrow(/not fitted/);
    expect(() => s.transform(new Tensor(new Float64Array(3), [1, 3]))).toThrow(/2 columns/);
    expect(() => new Standardizer().fit(new Tensor(new Float64Array([1, NaN]), [2, 1]))).toThrow(
      /not finite/,
    );
    // NaN in data to transform is reported, not passed through as a silent NaN.
    expect(() => s.transform(new Tensor(new Float64Array([1, NaN]), [1, 2]))).toThrow(
      'Standardizer.transform: x contains NaN at row 0, column 1; expected finite values',
    );
    expect(() => s.inverseTransform(new Tensor(new Float64Array([Infinity, 0]), [1, 2]))).toThrow(
      /inverseTransform: x contains Infinity/,
    );
    expect(() => s.inverseTransform(new Tensor(new Float64Array(3), [1, 3]))).toThrow(/2 columns/);
    expect(() => new Standardizer().fit(new Tensor(new Float64Array(0), [0, 2]))).toThrow(
      /no rows/,
    );
    expect(() =>
      Standardizer.fromJSON({ type: 'Standardizer', version: 1, mean: [1], std: [0] } as never),
    ).toThrow('Standardizer.fromJSON: std[0] is out of range; expected a number > 0, got 0');
    expect(() =>
      Standardizer.fromJSON({ type: 'Standardizer', version: 1, mean: [1, 2], std: [1] } as never),
    ).toThrow('Standardizer.fromJSON: std has the wrong length; expected 2, got 1');
    expect(() =>
      Standardizer.fromJSON({ type: 'Standardizer', version: 1, mean: [NaN], std: [1] } as never),
    ).toThrow('Standardizer.fromJSON: mean contains NaN at index 0; expected finite numbers');
    expect(() =>
      Standardizer.fromJSON({ type: 'Standardizer', version: 1, mean: null, std: [1] } as never),
    ).toThrow(
      'Standardizer.fromJSON: mean must be a vector; expected a Tensor or an array of numbers, got null',
    );
  });
});
