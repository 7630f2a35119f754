import { describe, expect, it } from 'vitest';
import {
  adam,
  fromState,
  OptimError,
  type Optimizer,
  rmsprop,
  sgd,
  stepDecay,
} from '../src/index.js';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);

describe('sgd', () => {
  it('plain step is w − lr·g', () => {
    const w = f64(1, 2);
    sgd({ learningRate: 0.1 }).step([w], [f64(1, -2)]);
    // hand-computed: 1 − 0.1 = 0.9, 2 + 0.2 = 2.2; 1e-15 covers one rounding
    expect(w[0]).toBeCloseTo(0.9, 15);
    expect(w[1]).toBeCloseTo(2.2, 15);
  });

  it('momentum accumulates velocity v ← μv + g', () => {
    const w = f64(1);
    const opt = sgd({ learningRate: 0.1, momentum: 0.9 });
    opt.step([w], [f64(1)]); // v = 1, w = 0.9
    opt.step([w], [f64(1)]); // v = 1.9, w = 0.9 − 0.19 = 0.71
    // hand-computed; 1e-14 covers a few roundings
    expect(w[0]).toBeCloseTo(0.71, 14);
  });

  it('nesterov uses g + μv', () => {
    const w = f64(1);
    const opt = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
    opt.step([w], [f64(1)]); // v = 1, step g + μv = 1.9 → 0.81
    // hand-computed; 1e-14 covers a few roundings
    expect(w[0]).toBeCloseTo(0.81, 14);
  });

  it('weight decay adds λw to the gradient', () => {
    const w = f64(1);
    sgd({ learningRate: 0.1, weightDecay: 0.5 }).step([w], [f64(0)]);
    // 1 − 0.1·0.5·1 = 0.95; 1e-15 one rounding
    expect(w[0]).toBeCloseTo(0.95, 15);
  });

  it('updates Float32Array parameters and tensor-like views', () => {
    const w = Float32Array.from([1, 2, 3]);
    const view = { data: w, offset: 1, size: 2, isContiguous: () => true };
    sgd({ learningRate: 0.5 }).step([view], [f64(2, 2)]);
    expect(Array.from(w)).toEqual([1, 1, 2]); // exact in float32
  });

  it('rejects bad options and mismatched lists with OptimError', () => {
    expect(() => sgd({ learningRate: -1 })).toThrow(OptimError);
    expect(() => sgd({ momentum: 1 })).toThrow(/momentum/);
    expect(() => sgd({ nesterov: true })).toThrow(/nesterov/);
    expect(() => sgd({ rate: 0.1 } as never)).toThrow(/unknown option 'rate'/);
    const opt = sgd();
    expect(() => opt.step([f64(1, 2)], [f64(1)])).toThrow(/expected 2, got 1/);
    expect(() => opt.step([f64(1)], [])).toThrow(/same count/);
    opt.step([f64(1)], [f64(1)]);
    expect(() => opt.step([f64(1, 2)], [f64(1, 2)])).toThrow(/changed since the first step/);
  });
});

describe('adam', () => {
  it('first step moves by lr·g/(|g| + ε) thanks to bias correction', () => {
    const w = f64(1, 1);
    adam({ learningRate: 0.1 }).step([w], [f64(5, -0.01)]);
    // m̂ = g, v̂ = g² after bias correction; 1e-12 covers ε and rounding
    expect(w[0]).toBeCloseTo(1 - (0.1 * 5) / (5 + 1e-8), 12);
    expect(w[1]).toBeCloseTo(1 + (0.1 * 0.01) / (0.01 + 1e-8), 12);
  });

  it('second step matches the hand computation', () => {
    const w = f64(0);
    const opt = adam({ learningRate: 0.01, beta1: 0.9, beta2: 0.999 });
    opt.step([w], [f64(0.5)]);
    opt.step([w], [f64(1)]);
    const m = 0.9 * 0.05 + 0.1 * 1; // 0.145
    const v = 0.999 * 0.00025 + 0.001 * 1;
    const step2 = (0.01 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    // both steps computed independently above; 1e-14 covers rounding
    expect(w[0]).toBeCloseTo(-0.01 * (0.5 / (0.5 + 1e-8)) - step2, 14);
  });
});

describe('rmsprop', () => {
  it('first step is lr·g/(√((1−ρ)g²) + ε)', () => {
    const w = f64(1);
    rmsprop({ learningRate: 0.01, rho: 0.9 }).step([w], [f64(2)]);
    // s = 0.1·4 = 0.4; 1e-14 covers rounding
    expect(w[0]).toBeCloseTo(1 - (0.01 * 2) / (Math.sqrt(0.4) + 1e-8), 14);
  });

  it('second step uses the running average s ← ρs + (1−ρ)g² (hand computation)', () => {
    const w = f64(1);
    const opt = rmsprop({ learningRate: 0.01, rho: 0.9 });
    opt.step([w], [f64(2)]);
    opt.step([w], [f64(-1)]);
    const s2 = 0.9 * 0.4 + 0.1 * 1; // 0.46
    const ref = 1 - (0.01 * 2) / (Math.sqrt(0.4) + 1e-8) + 0.01 / (Math.sqrt(s2) + 1e-8);
    // two independently computed steps of size ~0.03; a few roundings: 1e-14
    expect(w[0]).toBeCloseTo(ref, 14);
  });

  it('weight decay adds λw to the gradient before the average', () => {
    const w = f64(2);
    rmsprop({ learningRate: 0.1, rho: 0.5, weightDecay: 0.25 }).step([w], [f64(0)]);
    // g = 0 + 0.25·2 = 0.5, s = 0.5·0.25 = 0.125, step = 0.1·0.5/(√0.125 + 1e-8); one rounding each: 1e-15
    expect(w[0]).toBeCloseTo(2 - (0.1 * 0.5) / (Math.sqrt(0.125) + 1e-8), 15);
  });
});

describe('optimizer options', () => {
  it('reject out-of-range and unknown options with the option name', () => {
    expect(() => adam({ beta1: 1 })).toThrow(
      'adam: beta1 is out of range; expected a number >= 0 and < 1, got 1',
    );
    expect(() => adam({ beta2: -0.1 })).toThrow(/beta2/);
    expect(() => adam({ eps: 1e-8 } as never)).toThrow(
      "adam: unknown option 'eps'; expected one of learningRate, beta1, beta2, epsilon, weightDecay",
    );
    expect(() => rmsprop({ rho: 1 })).toThrow(
      /rho is out of range; expected a number >= 0 and < 1, got 1/,
    );
    expect(() => rmsprop({ momentum: 0.9 } as never)).toThrow(/rmsprop: unknown option 'momentum'/);
    expect(() => sgd({ learningRate: Number.NaN })).toThrow(
      /learningRate must be a number; expected a number > 0, got NaN/,
    );
    expect(() => sgd({ weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => fromState({} as never)).toThrow(OptimError);
  });
});

describe('optimizers on a quadratic', () => {
  // f(x) = ½ xᵀAx − bᵀx with A = [[3, 1], [1, 2]], b = [1, 1]; minimiser A⁻¹b = [0.2, 0.4]
  const grad = (x: Float64Array): Float64Array => f64(3 * x[0]! + x[1]! - 1, x[0]! + 2 * x[1]! - 1);
  const cases: [string, () => Optimizer, number][] = [
    ['sgd', () => sgd({ learningRate: 0.2 }), 300],
    ['sgd momentum', () => sgd({ learningRate: 0.05, momentum: 0.9 }), 500],
    ['sgd nesterov', () => sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }), 500],
    [
      'adam with step decay',
      () => adam({ learningRate: stepDecay({ learningRate: 0.05, stepSize: 500, gamma: 0.1 }) }),
      3000,
    ],
    [
      'rmsprop with step decay',
      () => rmsprop({ learningRate: stepDecay({ learningRate: 0.01, stepSize: 500, gamma: 0.1 }) }),
      3000,
    ],
  ];
  for (const [name, make, steps] of cases) {
    it(`${name} converges to A⁻¹b`, () => {
      const x = f64(2, -3);
      const opt = make();
      for (let i = 0; i < steps; i++) opt.step([x], [grad(x)]);
      // the exact minimiser is [0.2, 0.4]; 1e-4 is well above the residual oscillation of adaptive methods at lr 5e-5..5e-4
      expect(x[0]).toBeCloseTo(0.2, 4);
      expect(x[1]).toBeCloseTo(0.4, 4);
    });
  }
});

describe('fromState', () => {
  for (const make of [
    () => sgd({ learningRate: 0.1, momentum: 0.5, nesterov: true }),
    () => adam({ learningRate: 0.01 }),
    () => rmsprop({ learningRate: stepDecay({ learningRate: 0.1, stepSize: 2 }) }),
  ]) {
    it(`${make().type} resumes bit-for-bit after a JSON round trip`, () => {
      const a = f64(1, -2, 3);
      const g = (x: Float64Array): Float64Array => x.map((v) => 2 * v + 0.3);
      const opt = make();
      for (let i = 0; i < 3; i++) opt.step([a], [g(a)]);
      const copy = fromState(JSON.parse(JSON.stringify(opt.state())));
      const b = a.slice();
      expect(copy.t).toBe(3);
      expect(copy.learningRate).toBe(opt.learningRate);
      for (let i = 0; i < 3; i++) {
        opt.step([a], [g(a)]);
        copy.step([b], [g(b)]);
      }
      expect(Array.from(b)).toEqual(Array.from(a));
    });
  }

  it('rejects future versions and unknown types', () => {
    expect(() => fromState({ ...sgd().state(), version: 2 } as never)).toThrow(
      /version; expected 1, got 2/,
    );
    expect(() => fromState({ ...sgd().state(), type: 'lbfgs' } as never)).toThrow(
      /unknown optimizer type/,
    );
  });

  it('setLearningRate changes the rate but keeps t', () => {
    const opt = sgd({ learningRate: 0.1 });
    opt.step([f64(1)], [f64(1)]);
    opt.setLearningRate(0.5);
    expect(opt.learningRate).toBe(0.5);
    expect(opt.t).toBe(1);
    opt.reset();
    expect(opt.t).toBe(0);
  });
});
