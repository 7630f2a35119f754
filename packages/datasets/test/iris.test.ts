import { describe, expect, it } from 'vitest';
import { loadIris } from '../src/index.js';

// Published statistics of Fisher's Iris data (e.g. R: aggregate(. ~ Species, iris, mean / sd),
// colSums(iris[1:4]); UCI iris.names summary). Inputs have one decimal, so sums are exact to
// rounding (1e-9 absorbs the float additions), means of 50 values to 1e-12.
const MEANS = [
  [5.006, 3.428, 1.462, 0.246], // setosa
  [5.936, 2.77, 4.26, 1.326], // versicolor
  [6.588, 2.974, 5.552, 2.026], // virginica
];
const SDS = [
  [0.3524897, 0.3790644, 0.173664, 0.1053856],
  [0.5161711, 0.3137983, 0.469911, 0.1977527],
  [0.6358796, 0.3224966, 0.5518947, 0.2746501],
];
const COLUMN_SUMS = [876.5, 458.6, 563.7, 179.9];

describe('loadIris', () => {
  const iris = loadIris();

  it('has 150 rows, 4 features and 3 classes of 50', () => {
    expect(iris.x.shape).toEqual([150, 4]);
    expect(iris.numClasses).toBe(3);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.featureNames).toEqual([
      'sepal length',
      'sepal width',
      'petal length',
      'petal width',
    ]);
    for (let c = 0; c < 3; c++)
      expect(Array.from(iris.y.data).filter((v) => v === c).length).toBe(50);
  });

  it('matches the published per-class means and standard deviations', () => {
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 4; j++) {
        const col = Array.from({ length: 50 }, (_, i) => iris.x.get(c * 50 + i, j));
        const m = col.reduce((s, v) => s + v, 0) / 50;
        const sd = Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / 49);
        expect(m).toBeCloseTo(MEANS[c]![j]!, 12);
        // Published SDs are rounded to 7 decimals.
        expect(Math.abs(sd - SDS[c]![j]!)).toBeLessThan(5e-8);
      }
    }
  });

  it('matches the published column sums and the first and last rows', () => {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let i = 0; i < 150; i++) s += iris.x.get(i, j);
      expect(s).toBeCloseTo(COLUMN_SUMS[j]!, 9);
    }
    expect(iris.x.toArray()).toHaveLength(150);
    expect((iris.x.toArray() as number[][])[0]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect((iris.x.toArray() as number[][])[149]).toEqual([5.9, 3.0, 5.1, 1.8]);
    // The two rows the UCI file gets wrong, in their corrected (Fisher / R) form.
    expect((iris.x.toArray() as number[][])[34]).toEqual([4.9, 3.1, 1.5, 0.2]);
    expect((iris.x.toArray() as number[][])[37]).toEqual([4.9, 3.6, 1.4, 0.1]);
  });

  it('returns fresh tensors on every call', () => {
    const a = loadIris();
    a.x.set(100, 0, 0);
    expect(loadIris().x.get(0, 0)).toBe(5.1);
  });
});
