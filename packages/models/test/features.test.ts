import { describe, expect, it } from 'vitest';
import {
  featureMapFromJSON,
  gaussianBasis,
  ModelError,
  polynomialFeatureMap,
  polynomialFeatures,
} from '../src/index.js';

describe('polynomialFeatures', () => {
  it('lists every monomial of total degree 1..M', () => {
    expect(polynomialFeatures([[2, 3]], 2).toArray()).toEqual([[2, 3, 4, 6, 9]]);
    expect(polynomialFeatures([2, -1], 3).toArray()).toEqual([
      [2, 4, 8],
      [-1, 1, -1],
    ]);
    expect(polynomialFeatures([[2, 3]], 1, { includeBias: true }).toArray()).toEqual([[1, 2, 3]]);
    // C(d + M, M) − 1 monomials: d = 3, M = 3 → 19.
    expect(polynomialFeatures([[1, 2, 3]], 3).shape).toEqual([1, 19]);
  });

  it('is also a reusable feature map with a JSON form', () => {
    const f = polynomialFeatureMap(2, 2);
    expect(f.outputDim).toBe(5);
    expect(
      featureMapFromJSON(JSON.parse(JSON.stringify(f.toJSON())))
        .transform([[2, 3]])
        .toArray(),
    ).toEqual([[2, 3, 4, 6, 9]]);
    expect(() => f.transform([[1, 2, 3]])).toThrow(/expected 2, got 3/);
    expect(() => polynomialFeatures([[1]], 0)).toThrow(ModelError);
    expect(() => polynomialFeatures([[NaN]], 2)).toThrow(
      'polynomialFeatures: x contains NaN at row 0, column 0; expected finite numbers',
    );
    expect(() => polynomialFeatures([], 2)).toThrow(/x is empty/);
  });
});

describe('gaussianBasis', () => {
  it('evaluates exp(−‖x − μ‖² / (2s²)) at explicit centres', () => {
    const phi = gaussianBasis({
      centers: [
        [0, 0],
        [1, 2],
      ],
      s: 0.5,
    });
    const out = phi.transform([[1, 1]]).toArray() as number[][];
    // ‖(1,1)‖² = 2, ‖(0,−1)‖² = 1; 2s² = 0.5.
    expect(out[0]![0]).toBeCloseTo(Math.exp(-2 / 0.5), 15);
    expect(out[0]![1]).toBeCloseTo(Math.exp(-1 / 0.5), 15);
  });

  it('spreads count centres per dimension evenly over the data range', () => {
    const phi = gaussianBasis({
      count: [3, 2],
      data: [
        [0, 10],
        [4, 20],
        [2, 15],
      ],
    });
    expect(phi.outputDim).toBe(6);
    expect(phi.centers.toArray()).toEqual([
      [0, 10],
      [0, 20],
      [2, 10],
      [2, 20],
      [4, 10],
      [4, 20],
    ]);
    // Default width: the largest grid spacing (10 along the second axis).
    expect(phi.s).toBe(10);
    const viaRange = gaussianBasis({ count: 3, range: [[-1, 1]], s: 0.3 });
    expect(viaRange.centers.toArray()).toEqual([[-1], [0], [1]]);
    const back = featureMapFromJSON(JSON.parse(JSON.stringify(viaRange.toJSON())));
    expect(back.transform([[0.2]]).toArray()).toEqual(viaRange.transform([[0.2]]).toArray());
  });

  it('rejects inconsistent options', () => {
    expect(() => gaussianBasis({ centers: [[0]] })).toThrow(/s is required/);
    expect(() => gaussianBasis({ centers: [[0]], s: 0 })).toThrow(/s/);
    expect(() => gaussianBasis({ count: 3 })).toThrow(/data or range/);
    expect(() => gaussianBasis({ count: [2, 2], range: [[0, 1]] })).toThrow(
      /one entry per dimension/,
    );
    expect(() => gaussianBasis({ count: 2, data: [[NaN]] })).toThrow(/finite/);
    expect(() => featureMapFromJSON({ kind: 'fourier', inputDim: 1 })).toThrow(/kind/);
    expect(() => gaussianBasis({ centres: [[0]], s: 1 } as never)).toThrow(
      /unknown option 'centres'/,
    );
    const phi = gaussianBasis({ centers: [[0]], s: 1 });
    expect(() => phi.transform([[NaN]])).toThrow(
      /gaussianBasis\.transform: x contains NaN at row 0, column 0/,
    );
    expect(() => phi.transform([[1, 2]])).toThrow(/wrong number of columns; expected 1, got 2/);
  });
});
