import { describe, expect, it } from 'vitest';
import {
  cosineDecay,
  exponentialDecay,
  learningRateAt,
  OptimError,
  sgd,
  stepDecay,
} from '../src/index.js';

describe('learning-rate schedules', () => {
  it('step decay is lr·γ^⌊t/s⌋', () => {
    const s = stepDecay({ learningRate: 0.1, stepSize: 3, gamma: 0.5 });
    // closed form; 1e-15 covers one multiplication
    for (let t = 0; t < 10; t++)
      expect(learningRateAt(s, t)).toBeCloseTo(0.1 * 0.5 ** Math.floor(t / 3), 15);
  });

  it('exponential decay is lr·γ^t', () => {
    const s = exponentialDecay({ learningRate: 2, gamma: 0.9 });
    // closed form; 1e-14 covers pow rounding
    for (let t = 0; t < 10; t++) expect(learningRateAt(s, t)).toBeCloseTo(2 * 0.9 ** t, 14);
  });

  it('cosine decay hits lr, the midpoint and minLr, then stays at minLr', () => {
    const s = cosineDecay({ learningRate: 1, totalSteps: 10, minLearningRate: 0.1 });
    // cos(0) = 1, cos(π/2) = 0, cos(π) = −1; 1e-15 covers rounding of cos
    expect(learningRateAt(s, 0)).toBeCloseTo(1, 15);
    expect(learningRateAt(s, 5)).toBeCloseTo(0.55, 15);
    expect(learningRateAt(s, 10)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(s, 50)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(s, 2)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos(Math.PI / 5)), 15);
  });

  it('an optimizer evaluates its schedule at the completed step count', () => {
    const opt = sgd({ learningRate: stepDecay({ learningRate: 1, stepSize: 1, gamma: 0.5 }) });
    const w = Float64Array.from([0]);
    for (let i = 0; i < 3; i++) opt.step([w], [Float64Array.from([1])]);
    // 1 + 0.5 + 0.25 moved in total (exact in binary)
    expect(w[0]).toBe(-1.75);
    expect(opt.learningRate).toBe(0.125);
  });

  it('validates options', () => {
    expect(() => stepDecay({ learningRate: 0.1, stepSize: 0 })).toThrow(OptimError);
    expect(() => cosineDecay({ learningRate: 0.1, totalSteps: 5, minLearningRate: 1 })).toThrow(
      /minLearningRate/,
    );
    expect(() => sgd({ learningRate: { type: 'linear' } as never })).toThrow(/schedule/);
    expect(() => learningRateAt(stepDecay({ learningRate: 0.1, stepSize: 2 }), -1)).toThrow(
      'learningRateAt: t is out of range; expected a number >= 0, got -1',
    );
    expect(() => learningRateAt(0.1, Number.NaN)).toThrow(OptimError);
  });
});
