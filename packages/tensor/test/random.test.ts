import { describe, expect, it } from 'vitest';
import { Random, randomNormal, randomUniform, TensorError } from '../src/index.js';

// Reference outputs of the xoshiro128** reference C code (Blackman & Vigna, prng.di.unimi.it/xoshiro128starstar.c,
// `next` and `jump` copied verbatim), compiled with `gcc -O2` and run with the given 4 state words: it
// printed 8 outputs, called jump(), then printed 4 more outputs. (Re-checked in review: the same C code
// compiled with gcc 12 -O2 prints exactly these 24 numbers.)
const C_REFERENCE = [
  {
    s: [1, 2, 3, 4],
    first: [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849],
    afterJump: [913312880, 2049367984, 4290708443, 2568308862],
  },
  {
    s: [0x12345678, 0x9abcdef0, 0xdeadbeef, 0x0badf00d],
    first: [
      2576881682, 1162350735, 808537200, 2062165408, 3804998253, 141604735, 2037853177, 2208554992,
    ],
    afterJump: [4222657882, 1422802759, 310976253, 2839455852],
  },
] as const;

function fromWords(s: readonly number[]): Random {
  return Random.fromState({
    algorithm: 'xoshiro128**',
    s: [s[0] ?? 0, s[1] ?? 0, s[2] ?? 0, s[3] ?? 0],
    spare: null,
  });
}

describe('Random', () => {
  it('matches the xoshiro128** reference C implementation, including jump()', () => {
    for (const ref of C_REFERENCE) {
      const r = fromWords(ref.s);
      expect(Array.from({ length: 8 }, () => r.nextUint32())).toEqual(ref.first);
      r.jump();
      expect(Array.from({ length: 4 }, () => r.nextUint32())).toEqual(ref.afterJump);
    }
  });

  it('gives the same numbers for the same seed and different ones for different seeds', () => {
    const a = new Random(123);
    const b = new Random(123);
    const c = new Random(124);
    const xa = Array.from({ length: 50 }, () => a.random());
    expect(Array.from({ length: 50 }, () => b.random())).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.random())).not.toEqual(xa);
  });

  it('round-trips its state through JSON and continues the same sequence', () => {
    const a = new Random(7);
    a.normal(); // leaves a cached spare deviate
    const b = Random.fromState(JSON.parse(JSON.stringify(a.state())));
    expect(Array.from({ length: 10 }, () => b.normal())).toEqual(
      Array.from({ length: 10 }, () => a.normal()),
    );
    const c = a.clone();
    expect(c.nextUint32()).toBe(a.nextUint32());
  });

  it('reports state words as unsigned 32-bit integers', () => {
    const r = new Random(99);
    for (let i = 0; i < 20; i++) r.nextUint32();
    for (const w of r.state().s) {
      expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    }
  });

  it('has uniform mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const r = new Random(2024);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.random();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // SE(mean) = sqrt(1/12/n) ≈ 9.1e-4; 5 SE ≈ 4.6e-3.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // SE(variance) = sqrt((μ4 − σ⁴)/n) with μ4 = 1/80, σ⁴ = 1/144 ≈ 2.4e-4; allow 5 SE.
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('has normal moments (mean 0, variance 1, skewness 0, excess kurtosis 0) within 5 standard errors', () => {
    const r = new Random(5);
    const n = 100_000;
    const x = Array.from({ length: n }, () => r.normal());
    const mean = x.reduce((p, v) => p + v, 0) / n;
    const m2 = x.reduce((p, v) => p + (v - mean) ** 2, 0) / n;
    const m3 = x.reduce((p, v) => p + (v - mean) ** 3, 0) / n;
    const m4 = x.reduce((p, v) => p + (v - mean) ** 4, 0) / n;
    // Standard errors for normal samples: mean 1/√n, variance √(2/n), skewness √(6/n), kurtosis √(24/n).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
  });

  it('draws uniform integers in [low, high) with every value hit about equally often', () => {
    const r = new Random(11);
    const counts = new Array<number>(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const v = r.int(-2, 4);
      counts[v + 2] = (counts[v + 2] as number) + 1;
    }
    // Chi-square with 5 degrees of freedom: P(χ² > 20.5) ≈ 0.001.
    const expected = n / 6;
    const chi2 = counts.reduce((p, c) => p + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(20.5);
  });

  it('permutation returns each of 0..n-1 exactly once', () => {
    const r = new Random(3);
    for (const n of [0, 1, 2, 17, 1000]) {
      const p = Array.from(r.permutation(n)).sort((a, b) => a - b);
      expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('choice without replacement has no duplicates and stays in range', () => {
    const r = new Random(4);
    for (const [n, k] of [
      [10, 10],
      [1000, 30],
      [5, 0],
    ] as const) {
      const c = Array.from(r.choice(n, k));
      expect(c).toHaveLength(k);
      expect(new Set(c).size).toBe(k);
      expect(c.every((v) => Number.isInteger(v) && v >= 0 && v < n)).toBe(true);
    }
    expect(() => r.choice(3, 4)).toThrow(TensorError);
    const withReplacement = Array.from(r.choice(2, 50, { replace: true }));
    expect(withReplacement.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('split gives a stream that differs from the parent and equals the pre-jump sequence', () => {
    const parent = new Random(8);
    const twin = new Random(8);
    const child = parent.split();
    const c = Array.from({ length: 20 }, () => child.nextUint32());
    const p = Array.from({ length: 20 }, () => parent.nextUint32());
    expect(c).not.toEqual(p);
    expect(c).toEqual(Array.from({ length: 20 }, () => twin.nextUint32()));
  });

  it('shuffle keeps the multiset of elements', () => {
    const arr = [5, 5, 1, 2, 3, 9];
    new Random(1).shuffle(arr);
    expect([...arr].sort()).toEqual([1, 2, 3, 5, 5, 9]);
  });

  it('rejects bad arguments with TensorError', () => {
    expect(() => new Random(Number.NaN)).toThrow(TensorError);
    expect(() => new Random(0).int(3, 3)).toThrow(/Random\.int/);
    expect(() => new Random(0).normal(0, -1)).toThrow(TensorError);
    expect(() => new Random(0).permutation(-1)).toThrow(TensorError);
    // NaN/Infinity parameters would otherwise turn every draw into NaN silently.
    expect(() => new Random(0).uniform(Number.NaN, 1)).toThrow(
      'Random.uniform: low and high must be finite numbers, got NaN and 1',
    );
    expect(() => new Random(0).uniform(0, Infinity)).toThrow(/Random\.uniform/);
    expect(() => new Random(0).normal(Number.NaN, 1)).toThrow(
      'Random.normal: mean must be a finite number, got NaN',
    );
  });

  it('fromState rejects malformed and degenerate states', () => {
    const ok = new Random(1).state();
    expect(() => Random.fromState({ ...ok, s: [0, 0, 0, 0] })).toThrow(/all zero, a fixed point/);
    expect(() => Random.fromState({ ...ok, s: [1.5, 0, 0, 0] })).toThrow(
      /integers in \[0, 2\^32\)/,
    );
    expect(() => Random.fromState({ ...ok, s: [-1, 0, 0, 1] })).toThrow(TensorError);
    expect(() => Random.fromState({ ...ok, spare: Number.NaN })).toThrow(
      /spare must be null or a finite number/,
    );
    expect(() => Random.fromState({ ...ok, algorithm: 'pcg32' } as never)).toThrow(
      /expected an xoshiro128\*\* state/,
    );
  });
});

describe('randomUniform / randomNormal', () => {
  it('fills tensors reproducibly from the generator, in row-major order', () => {
    const t = randomUniform(new Random(42), [3, 4], -2, 2);
    const r = new Random(42);
    expect(t.shape).toEqual([3, 4]);
    expect(Array.from(t.data)).toEqual(Array.from({ length: 12 }, () => r.uniform(-2, 2)));
    const z = randomNormal(new Random(42), [5], 1, 3, { dtype: 'float32' });
    const r2 = new Random(42);
    expect(z.dtype).toBe('float32');
    expect(Array.from(z.data)).toEqual(
      Array.from({ length: 5 }, () => Math.fround(r2.normal(1, 3))),
    );
  });

  it('has the requested mean and spread', () => {
    const n = 50_000;
    const u = Array.from(randomUniform(new Random(9), [n], 2, 4).data);
    const meanU = u.reduce((p, v) => p + v, 0) / n;
    // U(2,4) has sd 2/√12 ≈ 0.577; 5 SE ≈ 0.0129.
    expect(Math.abs(meanU - 3)).toBeLessThan((5 * 2) / Math.sqrt(12 * n));
    expect(Math.min(...u) >= 2 && Math.max(...u) < 4).toBe(true);
    const z = Array.from(randomNormal(new Random(9), [n], -1, 0.5).data);
    const meanZ = z.reduce((p, v) => p + v, 0) / n;
    const varZ = z.reduce((p, v) => p + (v - meanZ) ** 2, 0) / n;
    // SE(mean) = 0.5/√n; SE(var) = 0.25·√(2/n); 5 SE each.
    expect(Math.abs(meanZ + 1)).toBeLessThan((5 * 0.5) / Math.sqrt(n));
    expect(Math.abs(varZ - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / n));
  });

  it('rejects bad arguments', () => {
    expect(() => randomUniform(new Random(1), [2], 1, 0)).toThrow(/randomUniform/);
    expect(() => randomNormal(new Random(1), [2], 0, -1)).toThrow(/randomNormal/);
    expect(() => randomNormal({} as Random, [2])).toThrow(TensorError);
  });
});
