// Old option names keep working for one minor version, each with a single DeprecationWarning
// (code TERMGRAD_DEPRECATED); giving both names is an error; old optimizer states load silently.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  adam,
  cosineDecay,
  exponentialDecay,
  fromState,
  gradientDescent,
  OptimError,
  rmsprop,
  sgd,
  stepDecay,
} from '../src/index.js';

const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
const warnings = (): string[] => spy.mock.calls.map((c) => String(c[0]));
afterEach(() => spy.mockClear());

describe('deprecated optimizer aliases', () => {
  it('lr works as learningRate and warns once per function, with the code', () => {
    const a = sgd({ lr: 0.25 });
    const b = sgd({ lr: 0.5 });
    expect(a.learningRate).toBe(0.25);
    expect(b.learningRate).toBe(0.5);
    expect(warnings()).toEqual([
      "sgd: option 'lr' is deprecated; use 'learningRate' (the alias is removed in the next minor version)",
    ]);
    expect(spy.mock.calls[0]?.[1]).toEqual({
      type: 'DeprecationWarning',
      code: 'TERMGRAD_DEPRECATED',
    });
    expect(adam({ lr: 0.1 }).learningRate).toBe(0.1);
    expect(rmsprop({ lr: 0.2 }).learningRate).toBe(0.2);
    adam({ lr: 0.1 });
    expect(warnings()).toHaveLength(3);
  });

  it('schedules and gradientDescent take lr / minLr too', () => {
    expect(stepDecay({ lr: 0.1, stepSize: 2 } as never)).toEqual({
      type: 'step',
      learningRate: 0.1,
      stepSize: 2,
      gamma: 0.1,
    });
    expect(exponentialDecay({ lr: 1 } as never).learningRate).toBe(1);
    expect(cosineDecay({ lr: 1, totalSteps: 4, minLr: 0.5 } as never)).toMatchObject({
      learningRate: 1,
      minLearningRate: 0.5,
    });
    const r = gradientDescent(
      (x) => (x[0]! - 3) ** 2,
      (x) => [2 * (x[0]! - 3)],
      [0],
      { lr: 0.25, maxIterations: 1 },
    );
    expect(r.x[0]).toBe(1.5); // one step from 0: 0 − 0.25 · 2·(0 − 3)
    expect(warnings().filter((w) => w.includes("'minLr'"))).toHaveLength(1);
  });

  it('the Optimizer.lr getter still reads the rate, warning once', () => {
    const o = sgd({ learningRate: 0.3 });
    expect(o.lr).toBe(0.3);
    expect(o.lr).toBe(0.3);
    expect(warnings().filter((w) => w.startsWith('Optimizer.lr'))).toHaveLength(1);
  });

  it('rejects both names at once', () => {
    expect(() => sgd({ lr: 0.1, learningRate: 0.2 })).toThrow(OptimError);
    expect(() => sgd({ lr: 0.1, learningRate: 0.2 })).toThrow(
      /give learningRate or its deprecated alias lr, not both/,
    );
  });

  it('loads an optimizer state written before the rename without a warning', () => {
    const old = {
      type: 'sgd',
      version: 1,
      options: { momentum: 0, nesterov: false, weightDecay: 0, lr: 0.03 },
      t: 5,
      slots: {},
    } as const;
    const o = fromState(old as never);
    expect(o.learningRate).toBe(0.03);
    expect(o.t).toBe(5);
    expect(o.state().options).toEqual({
      momentum: 0,
      nesterov: false,
      weightDecay: 0,
      learningRate: 0.03,
    });
    const sched = fromState({
      type: 'adam',
      version: 1,
      options: {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: 0,
        lr: { type: 'cosine', lr: 1, totalSteps: 4, minLr: 0 },
      },
      t: 2,
      slots: {},
    } as never);
    expect(sched.learningRate).toBeCloseTo(0.5, 15); // cosine midpoint: ½(1 + cos(π/2)) = 0.5
    expect(warnings()).toEqual([]);
  });
});
