import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { blobs, DatasetError, sinCurve, spiralK } from '../src/index.js';

describe('sinCurve', () => {
  it('places N training inputs at x_n = n/(N−1) and draws t around sin(2πx)', () => {
    const { train, test, trueFunction } = sinCurve({ n: 10, seed: 1 });
    expect(train.x.shape).toEqual([10, 1]);
    expect(test.x.shape).toEqual([100, 1]);
    for (let i = 0; i < 10; i++) expect(train.x.get(i, 0)).toBe(i / 9);
    expect(trueFunction(0.25)).toBe(Math.sin(Math.PI / 2));
    expect(train.task).toBe('regression');
  });

  it('noise 0 gives the curve itself', () => {
    const { train } = sinCurve({ n: 7, noise: 0, seed: 3 });
    for (let i = 0; i < 7; i++) expect(train.y.get(i)).toBe(Math.sin((2 * Math.PI * i) / 6));
  });

  it('residuals have standard deviation σ', () => {
    const { train } = sinCurve({ n: 20_000, noise: 0.3, seed: 2, testN: 0 });
    let ss = 0;
    for (let i = 0; i < 20_000; i++)
      ss += (train.y.get(i) - Math.sin(2 * Math.PI * train.x.get(i, 0))) ** 2;
    // SE of the variance estimate σ²√(2/n) = 0.0009; 4 SE.
    expect(Math.abs(ss / 20_000 - 0.09)).toBeLessThan(4 * 0.09 * Math.sqrt(2 / 20_000));
  });

  it('same seed same data; the training set does not depend on testN; test noise is fresh', () => {
    const a = sinCurve({ seed: 4 });
    expect(sinCurve({ seed: 4 }).train.y.toArray()).toEqual(a.train.y.toArray());
    expect(sinCurve({ seed: 5 }).train.y.toArray()).not.toEqual(a.train.y.toArray());
    expect(sinCurve({ seed: 4, testN: 3 }).train.y.toArray()).toEqual(a.train.y.toArray());
    expect(sinCurve({ rng: new Random(4) }).test.y.toArray()).toEqual(a.test.y.toArray());
    // Test inputs evenly spaced, x = i/99, with noise draws that differ from the training ones.
    expect(a.test.x.get(99, 0)).toBe(1);
    expect(a.test.y.get(0) - Math.sin(0)).not.toBe(a.train.y.get(0) - Math.sin(0));
  });

  it('uniform test spacing draws x in [0, 1)', () => {
    const { test } = sinCurve({ seed: 1, testN: 50, testSpacing: 'uniform' });
    const xs = Array.from(test.x.data);
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(xs.some((v, i) => v !== i / 49)).toBe(true);
  });

  it('validates options', () => {
    expect(() => sinCurve({ n: 0 })).toThrow(DatasetError);
    expect(() => sinCurve({ noise: -1 })).toThrow(/noise/);
    expect(() => sinCurve({ testSpacing: 'grid' as 'even' })).toThrow(/testSpacing/);
    expect(sinCurve({ n: 1, seed: 1 }).train.x.get(0, 0)).toBe(0);
    expect(() => sinCurve({ noise: NaN })).toThrow(/sinCurve: noise must be a number/);
    expect(() => sinCurve({ N: 5 } as never)).toThrow(
      "sinCurve: unknown option 'N'; expected one of n, noise, testN, testSpacing, seed, rng",
    );
  });
});

describe('blobs', () => {
  it('splits n evenly over K classes with labels 0..K−1 around the given centres', () => {
    const centers = [
      [0, 0],
      [10, 0],
      [0, 10],
    ];
    const d = blobs({ n: 3000, centers, std: 0.5, seed: 1 });
    expect(d.x.shape).toEqual([3000, 2]);
    expect(d.numClasses).toBe(3);
    for (let c = 0; c < 3; c++) {
      const idx = Array.from(d.y.data.keys()).filter((i) => d.y.get(i) === c);
      expect(idx.length).toBe(1000);
      for (let j = 0; j < 2; j++) {
        const m = idx.reduce((s, i) => s + d.x.get(i, j), 0) / idx.length;
        // SE of a class mean: 0.5/√1000 = 0.016; 4 SE.
        expect(Math.abs(m - centers[c]![j]!)).toBeLessThan((4 * 0.5) / Math.sqrt(1000));
      }
    }
  });

  it('draws random centres in the box when only k is given, reproducibly', () => {
    const a = blobs({ n: 10, k: 4, d: 3, seed: 2 });
    expect(a.x.shape).toEqual([10, 3]);
    expect(a.numClasses).toBe(4);
    // 10 = 3 + 3 + 2 + 2: the first n mod K classes get one more.
    expect([0, 1, 2, 3].map((c) => Array.from(a.y.data).filter((v) => v === c).length)).toEqual([
      3, 3, 2, 2,
    ]);
    expect(blobs({ n: 10, k: 4, d: 3, seed: 2 }).x.toArray()).toEqual(a.x.toArray());
    expect(blobs({ n: 10, k: 4, d: 3, seed: 3 }).x.toArray()).not.toEqual(a.x.toArray());
  });

  it('validates centres and std', () => {
    expect(() => blobs({ centers: [[0, 0], [1]] })).toThrow(
      'blobs: centers is ragged; expected rows of length 2, got length 1 at row 1',
    );
    expect(() => blobs({ centers: [] })).toThrow(
      'blobs: centers is empty; expected at least 1 row, got 0',
    );
    expect(() => blobs({ centers: [[], []] })).toThrow(
      'blobs: centers has no columns; expected at least 1, got 0',
    );
    expect(() =>
      blobs({
        centers: [
          [0, 0],
          [1, NaN],
        ],
      }),
    ).toThrow('blobs: centers contains NaN at row 1, column 1; expected finite numbers');
    expect(() =>
      blobs({
        centers: [
          [0, 0],
          [1, '1'],
        ] as never,
      }),
    ).toThrow('blobs: centers must contain numbers; expected a number at row 1, column 1, got "1"');
    expect(() => blobs({ k: 2, std: [1, 2, 3] })).toThrow(/one per class/);
    expect(() => blobs({ std: -1 })).toThrow(/std/);
    expect(() => blobs({ nSamples: 5 } as never)).toThrow(/blobs: unknown option 'nSamples'/);
    expect(() => spiralK({ points: 5 } as never)).toThrow(/spiralK: unknown option 'points'/);
  });
});

describe('spiralK', () => {
  it('makes K arms of N points inside the unit disc with labels 0..K−1', () => {
    const d = spiralK({ pointsPerClass: 50, k: 4, seed: 1, shuffle: false });
    expect(d.x.shape).toEqual([200, 2]);
    expect(d.numClasses).toBe(4);
    for (let i = 0; i < 200; i++) {
      expect(d.y.get(i)).toBe(Math.floor(i / 50));
      // Only the angle is noisy: the radius is exactly i/(N−1) (up to sin/cos rounding).
      expect(Math.hypot(d.x.get(i, 0), d.x.get(i, 1))).toBeCloseTo((i % 50) / 49, 12);
    }
    expect(spiralK({ seed: 1 }).x.toArray()).toEqual(spiralK({ seed: 1 }).x.toArray());
    expect(spiralK({ seed: 1 }).x.toArray()).not.toEqual(spiralK({ seed: 2 }).x.toArray());
  });
});
