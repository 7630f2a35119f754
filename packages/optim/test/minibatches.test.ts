import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { minibatches, OptimError } from '../src/index.js';

describe('minibatches', () => {
  it('partitions 0..n−1 into batches of batchSize, keeping the partial last batch', () => {
    const batches = minibatches(23, 5, new Random(1));
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
    const all = batches.flatMap((b) => Array.from(b)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('drops the partial last batch with dropLast', () => {
    const batches = minibatches(23, 5, new Random(1), { dropLast: true });
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5]);
    expect(new Set(batches.flatMap((b) => Array.from(b))).size).toBe(20);
  });

  it('reshuffles on every call and is reproducible under a seed', () => {
    const rng = new Random(7);
    const e1 = minibatches(50, 10, rng).flatMap((b) => Array.from(b));
    const e2 = minibatches(50, 10, rng).flatMap((b) => Array.from(b));
    expect(e1).not.toEqual(e2);
    const again = new Random(7);
    expect(minibatches(50, 10, again).flatMap((b) => Array.from(b))).toEqual(e1);
  });

  it('keeps a lone partial batch even with dropLast', () => {
    expect(minibatches(3, 5, new Random(2), { dropLast: true }).map((b) => b.length)).toEqual([3]);
  });

  it('keeps order with shuffle: false', () => {
    expect(minibatches(5, 2, null, { shuffle: false }).map((b) => Array.from(b))).toEqual([
      [0, 1],
      [2, 3],
      [4],
    ]);
  });

  it('rejects bad sizes', () => {
    expect(() => minibatches(0, 2, new Random(0))).toThrow(OptimError);
    expect(() => minibatches(5, 1.5, new Random(0))).toThrow(/batchSize/);
    expect(() => minibatches(5, 2, null)).toThrow(/rng/);
    // The shared validator's message, and a look-alike object is not a seeded generator.
    expect(() => minibatches(5, 2, { permutation: () => new Int32Array(5) } as never)).toThrow(
      /minibatches: rng must be a Random from @termgrad\/tensor; got/,
    );
    expect(minibatches(3, 2, null, { shuffle: false }).map((b) => Array.from(b))).toEqual([
      [0, 1],
      [2],
    ]);
    expect(() => minibatches(5, 2, null, { shuffel: false } as never)).toThrow(
      /unknown option 'shuffel'/,
    );
  });
});
