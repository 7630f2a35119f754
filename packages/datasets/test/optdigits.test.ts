import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadOptDigits, optDigitsAll } from '../src/index.js';

// The class distribution of optdigits.tes as published in the UCI file's description
// (optdigits.names, "Class: No of examples in testing set").
const UCI_TEST_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

describe('optDigitsAll', () => {
  const all = optDigitsAll();

  it('holds the 1 797 8×8 images of the UCI test set with its published class counts', () => {
    expect(all.x.shape).toEqual([1797, 64]);
    expect(all.y.shape).toEqual([1797]);
    const counts = new Array(10).fill(0);
    for (const v of all.y.data) counts[v]++;
    expect(counts).toEqual(UCI_TEST_COUNTS);
    expect(all.numClasses).toBe(10);
  });

  it('re-renders byte for byte to the UCI file (SHA-256 of optdigits.tes without its trailing blank line)', () => {
    // The UCI optdigits.tes, as scikit-learn ships it in sklearn/datasets/data/digits.csv: 1 797 lines
    // "p0,...,p63,label\n", 264 712 bytes. The hash was taken of that upstream file, not of our encoding.
    const x = all.x.data;
    let text = '';
    for (let i = 0; i < 1797; i++) {
      const px = Array.from(x.subarray(i * 64, i * 64 + 64), (v) => String(Math.round(v * 16)));
      text += `${px.join(',')},${all.y.data[i]}\n`;
    }
    expect(text.length).toBe(264712);
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      '6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8',
    );
  });

  it('starts with the zero that scikit-learn documents as digits.images[0]', () => {
    const first = [
      [0, 0, 5, 13, 9, 1, 0, 0],
      [0, 0, 13, 15, 10, 15, 5, 0],
      [0, 3, 15, 2, 0, 11, 8, 0],
      [0, 4, 12, 0, 0, 8, 8, 0],
      [0, 5, 8, 0, 0, 9, 8, 0],
      [0, 4, 11, 0, 1, 12, 7, 0],
      [0, 2, 14, 5, 10, 12, 0, 0],
      [0, 0, 6, 13, 10, 0, 0, 0],
    ].flat();
    expect(Array.from(all.x.data.subarray(0, 64), (v) => v * 16)).toEqual(first);
    expect(all.y.data[0]).toBe(0);
  });

  it('keeps pixels in [0, 1] as count / 16 (every value an exact multiple of 1/16)', () => {
    const bad = Array.from(all.x.data).filter(
      (v) => !(v >= 0 && v <= 1 && Number.isInteger(v * 16)),
    );
    expect(bad).toEqual([]);
  });
});

describe('loadOptDigits', () => {
  it('splits each digit in the same proportion, disjoint and complete', () => {
    const { train, test, imageShape, countsPerDigit } = loadOptDigits({ seed: 3 });
    expect(imageShape).toEqual([8, 8]);
    expect(countsPerDigit).toEqual(UCI_TEST_COUNTS);
    const trainCounts = new Array(10).fill(0);
    for (const v of train.y.data) trainCounts[v]++;
    // round(0.75 · count) per digit, the stratified rule.
    expect(trainCounts).toEqual(UCI_TEST_COUNTS.map((c) => Math.round(0.75 * c)));
    expect(train.x.shape[0]! + test.x.shape[0]!).toBe(1797);
    // Every image appears exactly once across the two sets (compare as strings of pixels + label).
    const key = (x: Float64Array, y: Float64Array, i: number) =>
      `${Array.from(x.subarray(i * 64, i * 64 + 64)).join()}|${y[i]}`;
    const all = optDigitsAll();
    const want = new Map<string, number>();
    for (let i = 0; i < 1797; i++) {
      const k = key(all.x.data as Float64Array, all.y.data as Float64Array, i);
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    for (const part of [train, test]) {
      for (let i = 0; i < part.y.shape[0]!; i++) {
        const k = key(part.x.data as Float64Array, part.y.data as Float64Array, i);
        expect(want.get(k)).toBeGreaterThan(0);
        want.set(k, want.get(k)! - 1);
      }
    }
    expect([...want.values()].every((v) => v === 0)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = loadOptDigits({ seed: 1 });
    const b = loadOptDigits({ seed: 1 });
    const c = loadOptDigits({ seed: 2 });
    expect(Array.from(a.train.y.data)).toEqual(Array.from(b.train.y.data));
    expect(Array.from(a.train.x.data)).toEqual(Array.from(b.train.x.data));
    expect(Array.from(a.train.y.data)).not.toEqual(Array.from(c.train.y.data));
  });

  it('takes trainFraction and rejects bad options by name', () => {
    expect(loadOptDigits({ trainFraction: 0.5 }).train.x.shape[0]).toBe(
      UCI_TEST_COUNTS.reduce((s, c) => s + Math.round(c / 2), 0),
    );
    expect(() => loadOptDigits({ trainFraction: 1.5 })).toThrow(
      /trainFraction is out of range; expected a number >= 0 and <= 1, got 1.5/,
    );
    expect(() => loadOptDigits({ limit: 3 } as never)).toThrow(DatasetError);
    expect(() => loadOptDigits({ limit: 3 } as never)).toThrow(/unknown option 'limit'/);
  });
});
