import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  circle,
  type Dataset,
  DatasetError,
  gauss,
  multiGaussian,
  PLAYGROUND_NAMES,
  plane,
  playgroundDataset,
  spiral,
  xor,
} from '../src/index.js';

function rows(d: Dataset): { x1: number; x2: number; y: number }[] {
  const n = d.x.shape[0] as number;
  return Array.from({ length: n }, (_, i) => ({
    x1: d.x.get(i, 0),
    x2: d.x.get(i, 1),
    y: d.y.get(i),
  }));
}

const GENERATORS = { circle, xor, gauss, spiral, plane, multiGaussian };

describe('playground generators', () => {
  it('use the Playground counts: 500 for classification, 1200 for regression', () => {
    for (const f of [circle, xor, gauss, spiral]) {
      const d = f({ seed: 1 });
      expect(d.x.shape).toEqual([500, 2]);
      expect(d.y.shape).toEqual([500]);
      expect(d.task).toBe('classification');
      expect(d.labelValues).toEqual([-1, 1]);
    }
    for (const f of [plane, multiGaussian]) {
      const d = f({ seed: 1 });
      expect(d.x.shape).toEqual([1200, 2]);
      expect(d.task).toBe('regression');
      expect(d.numClasses).toBeUndefined();
    }
    expect(circle({ numSamples: 37, seed: 1 }).x.shape).toEqual([37, 2]);
  });

  it('same seed gives the same data, a different seed different data, rng equals seed', () => {
    for (const f of Object.values(GENERATORS)) {
      const a = f({ seed: 5, noise: 20 });
      expect(f({ seed: 5, noise: 20 }).x.toArray()).toEqual(a.x.toArray());
      expect(f({ seed: 5, noise: 20 }).y.toArray()).toEqual(a.y.toArray());
      expect(f({ seed: 6, noise: 20 }).x.toArray()).not.toEqual(a.x.toArray());
      expect(f({ rng: new Random(5), noise: 20 }).x.toArray()).toEqual(a.x.toArray());
    }
  });

  it('circle: ±1 labels balanced, inner disc r < 2.5 is +1, ring 3.5 ≤ r ≤ 5 is −1 (noise 0)', () => {
    const r = rows(circle({ seed: 2 }));
    expect(r.filter((p) => p.y === 1).length).toBe(250);
    for (const p of r) {
      const rad = Math.sqrt(p.x1 * p.x1 + p.x2 * p.x2);
      expect(rad).toBeLessThanOrEqual(5);
      if (p.y === 1) expect(rad).toBeLessThan(2.5);
      else expect(rad).toBeGreaterThanOrEqual(3.5 - 1e-12); // r ~ U(3.5, 5); 1e-12 absorbs sin/cos rounding
    }
  });

  it('circle with noise flips some labels, always by the noisy point', () => {
    const r = rows(circle({ seed: 2, noise: 50 }));
    const innerNeg = r.filter((p) => Math.hypot(p.x1, p.x2) < 2.5 && p.y === -1).length;
    expect(innerNeg).toBeGreaterThan(0);
    expect(r.every((p) => p.y === 1 || p.y === -1)).toBe(true);
  });

  it('xor: |x| ≥ 0.3 padding, inside [−5.3, 5.3]², label = sign(x1·x2) at noise 0', () => {
    const r = rows(xor({ seed: 3 }));
    for (const p of r) {
      for (const v of [p.x1, p.x2]) {
        expect(Math.abs(v)).toBeGreaterThanOrEqual(0.3);
        expect(Math.abs(v)).toBeLessThanOrEqual(5.3);
      }
      expect(p.y).toBe(p.x1 * p.x2 >= 0 ? 1 : -1);
    }
    // Each quadrant is equally likely: positives ~ Binomial(500, 1/2), SD 11.2; allow 4 SD.
    const pos = r.filter((p) => p.y === 1).length;
    expect(Math.abs(pos - 250)).toBeLessThan(45);
  });

  it('gauss: two clusters at (2,2) and (−2,−2) with variance 0.5 + 7·noise', () => {
    for (const [noise, variance] of [
      [0, 0.5],
      [50, 4],
    ] as const) {
      const r = rows(gauss({ seed: 4, noise, numSamples: 4000 }));
      const posPts = r.filter((p) => p.y === 1);
      expect(posPts.length).toBe(2000);
      const mean = posPts.reduce((s, p) => s + p.x1, 0) / posPts.length;
      const v = posPts.reduce((s, p) => s + (p.x1 - mean) ** 2, 0) / posPts.length;
      // SE of the mean √(σ²/2000) ≤ 0.045, of the variance σ²√(2/2000) ≤ 0.13; 4 SE.
      expect(Math.abs(mean - 2)).toBeLessThan(4 * Math.sqrt(variance / 2000));
      expect(Math.abs(v - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / 2000));
    }
  });

  it('spiral: two balanced arms within radius 5; without shuffling the arms follow r = 5i/m', () => {
    const d = spiral({ seed: 5, shuffle: false, numSamples: 100 });
    const r = rows(d);
    expect(r.filter((p) => p.y === 1).length).toBe(50);
    r.forEach((p, i) => {
      const j = i % 50;
      // Noise 0: the point lies exactly on the arm at radius 5j/50 (up to sin/cos rounding).
      expect(Math.hypot(p.x1, p.x2)).toBeCloseTo((5 * j) / 50, 12);
      // Arm −1 is arm +1 rotated by π: its point is the negation of the +1 point with the same j.
      if (i >= 50) {
        expect(p.x1).toBeCloseTo(-r[j]!.x1, 12);
        expect(p.x2).toBeCloseTo(-r[j]!.x2, 12);
      }
    });
    for (const p of rows(spiral({ seed: 5, noise: 50 })))
      expect(Math.hypot(p.x1, p.x2)).toBeLessThanOrEqual(5 + 0.5 * Math.SQRT2);
  });

  it('plane: inputs in [−6, 6]², target (x1 + x2)/10 at noise 0', () => {
    for (const p of rows(plane({ seed: 6 }))) {
      expect(Math.abs(p.x1)).toBeLessThanOrEqual(6);
      expect(Math.abs(p.x2)).toBeLessThanOrEqual(6);
      // Same sum and division as the generator up to ordering: ≤ 1 ulp of |y| ≤ 1.2, inside 5e-16.
      expect(p.y).toBeCloseTo((p.x1 + p.x2) / 10, 15);
    }
  });

  it('multiGaussian: target is the strongest of six signed cones of radius 2 (noise 0)', () => {
    const centres = [-4, 0, 4].flatMap((cx, k) => [
      { cx, cy: 2.5, s: k === 1 ? -1 : 1 },
      { cx, cy: -2.5, s: k === 1 ? 1 : -1 },
    ]);
    for (const p of rows(multiGaussian({ seed: 7, numSamples: 600 }))) {
      // Independent reference: collect all six values and take the one with the largest |value|.
      const vals = centres.map(
        ({ cx, cy, s }) => s * Math.max(0, 1 - Math.sqrt((p.x1 - cx) ** 2 + (p.x2 - cy) ** 2) / 2),
      );
      const best = vals.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(p.y).toBeCloseTo(best, 14);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(1);
    }
  });

  it('playgroundDataset dispatches by the Playground names and validates input', () => {
    expect(PLAYGROUND_NAMES).toEqual([
      'circle',
      'xor',
      'gauss',
      'spiral',
      'reg-plane',
      'reg-gauss',
    ]);
    expect(playgroundDataset('reg-gauss', { seed: 1, noise: 10 }).y.toArray()).toEqual(
      multiGaussian({ seed: 1, noise: 10 }).y.toArray(),
    );
    expect(playgroundDataset('spiral', { seed: 1, numSamples: 10 }).x.toArray()).toEqual(
      spiral({ seed: 1, numSamples: 10 }).x.toArray(),
    );
    expect(playgroundDataset('plane', { seed: 2 }).x.shape).toEqual([1200, 2]);
    expect(() => playgroundDataset('moons' as 'circle')).toThrow(DatasetError);
    expect(() => playgroundDataset('moons' as 'circle')).toThrow(/expected one of circle, xor/);
    expect(() => circle({ noise: 120 })).toThrow(
      /noise is out of range; expected a number >= 0 and <= 100, got 120/,
    );
    expect(() => circle({ numSamples: -1 })).toThrow(/numSamples/);
    expect(() => circle({ seed: NaN })).toThrow(
      'circle: seed must be a number; expected a number, got NaN',
    );
    expect(() => circle({ seed: Infinity })).toThrow(
      'circle: seed must be finite; expected a number, got Infinity',
    );
    expect(() => xor({ noize: 10 } as never)).toThrow(
      "xor: unknown option 'noize'; expected one of numSamples, noise, shuffle, seed, rng",
    );
  });
});
