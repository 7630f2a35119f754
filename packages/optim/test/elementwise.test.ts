// The shared-step hooks a data-parallel trainer uses: beginSharedStep's coefficient block, applied
// by applyRule chunk by chunk over one flat buffer (slots views of flat buffers), must give the bits
// of `step` on the per-parameter arrays, the same state and t; and slots set aside by detachSlots
// no longer alias the flat buffers.
import { describe, expect, it } from 'vitest';
import {
  adam,
  applyRule,
  elementwiseOptimizer,
  exponentialDecay,
  type Optimizer,
  RULE_COEFFICIENTS,
  rmsprop,
  sgd,
} from '../src/index.js';

const LENGTHS = [7, 3, 12];

function params(seed: number): Float32Array[] {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  return LENGTHS.map((n) => Float32Array.from({ length: n }, rnd));
}

const cases: [string, () => Optimizer][] = [
  ['sgd', () => sgd({ learningRate: 0.1 })],
  ['sgd wd', () => sgd({ learningRate: 0.1, weightDecay: 0.05 })],
  ['sgd momentum', () => sgd({ learningRate: 0.1, momentum: 0.9 })],
  [
    'sgd nesterov schedule',
    () =>
      sgd({
        learningRate: exponentialDecay({ learningRate: 0.1, gamma: 0.8 }),
        momentum: 0.7,
        nesterov: true,
        weightDecay: 0.01,
      }),
  ],
  ['adam', () => adam({ learningRate: 0.01, weightDecay: 0.001 })],
  ['rmsprop', () => rmsprop({ learningRate: 0.01, weightDecay: 0.01 })],
];

describe('elementwise rules on flat buffers (shared steps)', () => {
  it.each(cases)('%s: chunked applyRule = step, bit for bit', (_name, make) => {
    const ref = make();
    const opt = make();
    const shared = elementwiseOptimizer(opt);
    expect(shared).not.toBeNull();
    const p = params(3);
    const total = LENGTHS.reduce((a, b) => a + b, 0);
    const flat = new Float32Array(total);
    const g = new Float32Array(total);
    const slotBufs = [new Float64Array(total), new Float64Array(total)];
    const views: Record<string, Float64Array[]> = {};
    shared!.slotNames.forEach((name, k) => {
      let o = 0;
      views[name] = LENGTHS.map((n) => {
        const v = (slotBufs[k] as Float64Array).subarray(o, o + n);
        o += n;
        return v;
      });
    });
    const coefs = new Float64Array(RULE_COEFFICIENTS);
    let o = 0;
    for (const a of p) {
      flat.set(a, o);
      o += a.length;
    }
    o = 0;
    const pieces = LENGTHS.map((n) => {
      o += n;
      return flat.subarray(o - n, o);
    });
    for (let t = 0; t < 5; t++) {
      const grads = params(10 + t);
      // first step serial on both: slots exist before they move to the flat buffers
      if (t === 0) {
        ref.step(p, grads);
        opt.step(pieces, grads);
        continue;
      }
      ref.step(p, grads);
      o = 0;
      for (const a of grads) {
        g.set(a, o);
        o += a.length;
      }
      expect(shared!.beginSharedStep(LENGTHS, views, coefs)).toBe(true);
      // chunks of 5 that cross parameter boundaries, in reverse order
      for (let lo = Math.floor((total - 1) / 5) * 5; lo >= 0; lo -= 5)
        applyRule(
          shared!.rule,
          flat,
          g,
          slotBufs[0],
          slotBufs[1],
          lo,
          Math.min(total, lo + 5),
          coefs,
        );
      shared!.endSharedStep();
      const expected = new Float32Array(total);
      o = 0;
      for (const a of p) {
        expected.set(a, o);
        o += a.length;
      }
      expect(Array.from(flat)).toEqual(Array.from(expected));
      expect(opt.t).toBe(ref.t);
      expect(opt.state()).toEqual(ref.state());
    }
    // detached slots keep their values and stop following the flat buffers
    const before = JSON.stringify(opt.state());
    shared!.detachSlots();
    slotBufs[0]!.fill(123);
    slotBufs[1]!.fill(123);
    expect(JSON.stringify(opt.state())).toBe(before);
  });

  it('refuses parameter lengths other than those of earlier steps, and custom optimizers', () => {
    const opt = sgd({ learningRate: 0.1, momentum: 0.5 });
    opt.step([new Float64Array(4)], [new Float64Array(4)]);
    const shared = elementwiseOptimizer(opt)!;
    const coefs = new Float64Array(RULE_COEFFICIENTS);
    expect(shared.beginSharedStep([5], { velocity: [new Float64Array(5)] }, coefs)).toBe(false);
    expect(shared.beginSharedStep([4], { velocity: [new Float64Array(4)] }, coefs)).toBe(true);
    expect(coefs[0]).toBe(0.1);
    expect(elementwiseOptimizer({ step() {} })).toBeNull();
    expect(elementwiseOptimizer(null)).toBeNull();
  });
});
