// Hard cases for Adam and EarlyStopping (issue 14): weight decay's sign, non-default betas through a
// state round trip, every option check at its boundary; EarlyStopping's read-outs, reset, the
// minDelta boundary in both modes, restore mismatches, copy semantics and changing shapes.
import { describe, expect, it } from 'vitest';
import { adam, EarlyStopping, fromState, OptimError } from '../src/index.js';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);

describe('adam: closed forms', () => {
  it('a constant gradient moves each step by lr·g/(|g| + ε) exactly (bias correction cancels the decay)', () => {
    // With g constant, m_t = (1 − β₁ᵗ)g and v_t = (1 − β₂ᵗ)g², so m̂ = g and v̂ = g² for every t and
    // any β: the step is lr·g/(|g| + ε). Dyadic betas (0.5, 0.75) keep the moments nearly exact.
    const lr = 0.125;
    const eps = 0.25;
    const opt = adam({ learningRate: lr, beta1: 0.5, beta2: 0.75, epsilon: eps });
    const w = f64(1, -2);
    const g = [2, -0.5];
    const want = [1, -2];
    for (let s = 0; s < 4; s++) {
      opt.step([w], [f64(...g)]);
      for (let k = 0; k < 2; k++) want[k] = want[k]! - (lr * g[k]!) / (Math.abs(g[k]!) + eps);
    }
    // Four steps of O(1) values: rounding of the bias corrections ~1e-16 per step; 1e-14 absolute.
    expect(Math.abs(w[0]! - want[0]!)).toBeLessThan(1e-14);
    expect(Math.abs(w[1]! - want[1]!)).toBeLessThan(1e-14);
    expect(opt.t).toBe(4);
  });

  it('weight decay adds +λw to the gradient: with g = 0 the weights shrink toward 0', () => {
    // Step 1 with g = 0, w = (2, −2), λ = 0.5: g' = λw = (1, −1), m̂ = g', v̂ = g'², so
    // w₁ = w − lr·g'/(|g'| + ε) = (2 − 0.1/(1 + 1e-8), −2 + 0.1/(1 + 1e-8)).
    const opt = adam({ learningRate: 0.1, weightDecay: 0.5 });
    const w = f64(2, -2);
    opt.step([w], [f64(0, 0)]);
    const d = 0.1 / (1 + 1e-8);
    expect(Math.abs(w[0]! - (2 - d))).toBeLessThan(1e-15); // one step of O(1) values: ulps
    expect(Math.abs(w[1]! - (-2 + d))).toBeLessThan(1e-15);
    // Step 2 uses the decayed weight: g' = 0.5·w₁, a textbook recurrence written out here.
    const b1 = 0.9;
    const b2 = 0.999;
    const g1 = [1, -1];
    const g2 = [0.5 * (2 - d), 0.5 * (-2 + d)];
    const want = [2 - d, -2 + d].map((wk, k) => {
      const m = b1 * (1 - b1) * g1[k]! + (1 - b1) * g2[k]!;
      const v = b2 * (1 - b2) * g1[k]! ** 2 + (1 - b2) * g2[k]! ** 2;
      return wk - (0.1 * (m / (1 - b1 ** 2))) / (Math.sqrt(v / (1 - b2 ** 2)) + 1e-8);
    });
    opt.step([w], [f64(0, 0)]);
    expect(Math.abs(w[0]! - want[0]!)).toBeLessThan(1e-14); // same formula, different operation order: ulps
    expect(Math.abs(w[1]! - want[1]!)).toBeLessThan(1e-14);
  });

  it('restores non-default betas, ε and weight decay from a JSON state and continues bit for bit', () => {
    const make = () =>
      adam({ learningRate: 0.05, beta1: 0.5, beta2: 0.8, epsilon: 1e-3, weightDecay: 0.2 });
    const a = make();
    const wa = f64(0.3, -1.2, 2);
    const grads = [f64(0.1, -0.4, 1), f64(-0.2, 0.3, 0.05), f64(1, 1, -1)];
    a.step([wa], [grads[0]!]);
    a.step([wa], [grads[1]!]);
    const state = JSON.parse(JSON.stringify(a.state()));
    expect(state.options).toMatchObject({
      beta1: 0.5,
      beta2: 0.8,
      epsilon: 1e-3,
      weightDecay: 0.2,
      learningRate: 0.05,
    });
    const b = fromState(state);
    const wb = wa.slice();
    a.step([wa], [grads[2]!]);
    b.step([wb], [grads[2]!]);
    expect(Array.from(wb)).toEqual(Array.from(wa));
    expect(b.t).toBe(3);
    // A default-option optimizer given the same slots would differ: the options really matter.
    const c = fromState({ ...state, options: { learningRate: 0.05 } });
    const wc = f64(...Array.from(wa));
    const wd = f64(...Array.from(wa));
    b.step([wd], [grads[0]!]);
    c.step([wc], [grads[0]!]);
    expect(Array.from(wc)).not.toEqual(Array.from(wd));
  });

  it('checks every option at its boundary', () => {
    expect(() => adam({ beta1: 1 })).toThrow(
      /adam: beta1 is out of range; expected a number >= 0 and < 1, got 1/,
    );
    expect(() => adam({ beta1: -0.01 })).toThrow(/beta1/);
    expect(adam({ beta1: 0 }).type).toBe('adam');
    expect(() => adam({ beta2: 1 })).toThrow(
      /adam: beta2 is out of range; expected a number >= 0 and < 1, got 1/,
    );
    expect(() => adam({ beta2: -1e-9 })).toThrow(/beta2/);
    expect(adam({ beta2: 0 }).type).toBe('adam');
    expect(() => adam({ epsilon: 0 })).toThrow(
      /adam: epsilon is out of range; expected a number > 0, got 0/,
    );
    expect(() => adam({ epsilon: -1 })).toThrow(/epsilon/);
    expect(adam({ epsilon: 1e-300 }).type).toBe('adam');
    expect(() => adam({ weightDecay: -0.1 })).toThrow(
      /adam: weightDecay is out of range; expected a number >= 0, got -0.1/,
    );
    expect(adam({ weightDecay: 0 }).type).toBe('adam');
    expect(() => adam({ beta1: Number.NaN })).toThrow(OptimError);
    expect(() => adam({ learningRate: 0 })).toThrow(/learningRate/);
    expect(adam().learningRate).toBe(0.001);
    // Defaults are the paper's: a first step moves by lr·g/(|g| + 1e-8) whatever the betas.
    const w = f64(0);
    adam({ learningRate: 1 }).step([w], [f64(1e-8)]);
    expect(Math.abs(w[0]! + 0.5)).toBeLessThan(1e-9); // 1e-8/(1e-8 + 1e-8) = ½: ε is exactly 1e-8
    expect(adam().state().options).toMatchObject({
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0,
    });
  });

  it('β₁ = 0 (no momentum) and β₂ = 0 (no averaging) reduce to sign-like steps lr·g/(|g| + ε)', () => {
    const opt = adam({ learningRate: 0.5, beta1: 0, beta2: 0, epsilon: 0.5 });
    const w = f64(0);
    opt.step([w], [f64(1)]);
    opt.step([w], [f64(-3)]);
    // Step 1: −0.5·1/1.5; step 2: +0.5·3/3.5 (only the current gradient counts).
    expect(Math.abs(w[0]! - (-0.5 / 1.5 + 1.5 / 3.5))).toBeLessThan(1e-15);
  });
});

describe('EarlyStopping: read-outs and edge cases', () => {
  it('wait, stopped, best, bestIndex and hasBest follow a hand-traced sequence', () => {
    const es = new EarlyStopping({ patience: 2 });
    expect([es.best, es.bestIndex, es.wait, es.stopped, es.hasBest]).toEqual([
      Infinity,
      -1,
      0,
      false,
      false,
    ]);
    const w = f64(0);
    const trace: [number, number, boolean][] = [];
    for (const v of [3, 2, 2.5, 2.4, 2.6]) {
      w[0] = v;
      const d = es.update(v, [w]);
      trace.push([es.wait, es.bestIndex, d.stop]);
      expect(es.stopped).toBe(d.stop);
    }
    expect(trace).toEqual([
      [0, 0, false],
      [0, 1, false],
      [1, 1, false],
      [2, 1, false],
      [3, 1, true],
    ]);
    expect(es.best).toBe(2);
    expect(es.hasBest).toBe(true);
    expect(es.restore([w])).toBe(true);
    expect(w[0]).toBe(2);
  });

  it('patience 0 stops at the first non-improvement', () => {
    const es = new EarlyStopping({ patience: 0 });
    expect(es.update(1).stop).toBe(false);
    expect(es.update(1).stop).toBe(true);
  });

  it('reset() forgets the best value, counters and saved parameters', () => {
    for (const mode of ['min', 'max'] as const) {
      const es = new EarlyStopping({ patience: 0, mode });
      es.update(1, [f64(1)]);
      es.update(mode === 'min' ? 5 : -5, [f64(2)]);
      expect(es.stopped).toBe(true);
      es.reset();
      expect(es.best).toBe(mode === 'min' ? Infinity : -Infinity);
      expect([es.bestIndex, es.wait, es.stopped, es.hasBest]).toEqual([-1, 0, false, false]);
      expect(es.bestParams()).toBeNull();
      expect(es.restore([f64(0)])).toBe(false);
      // Counting restarts at 0, and a value worse than the forgotten best now improves.
      expect(es.update(mode === 'min' ? 10 : -10, [f64(3)]).improved).toBe(true);
      expect(es.bestIndex).toBe(0);
      expect(es.bestParams()?.[0]?.[0]).toBe(3);
    }
  });

  it('minDelta: an improvement must be strictly larger than minDelta, in both modes', () => {
    // Dyadic values so best ± minDelta is exact.
    const lo = new EarlyStopping({ minDelta: 0.25 });
    lo.update(1);
    expect(lo.update(0.75).improved).toBe(false); // exactly best − minDelta: not enough
    expect(lo.update(0.75 - 2 ** -20).improved).toBe(true);
    const hi = new EarlyStopping({ mode: 'max', minDelta: 0.25 });
    hi.update(0.5);
    expect(hi.update(0.75).improved).toBe(false); // exactly best + minDelta
    expect(hi.update(0.5).improved).toBe(false);
    expect(hi.update(0.75 + 2 ** -20).improved).toBe(true);
    expect(hi.best).toBe(0.75 + 2 ** -20);
    expect(hi.wait).toBe(0);
    // NaN never improves, in max mode either.
    expect(hi.update(Number.NaN).improved).toBe(false);
    expect(hi.wait).toBe(1);
  });

  it('restore() rejects a different number of buffers or a wrong length, naming the mismatch', () => {
    const es = new EarlyStopping();
    es.update(1, [f64(1, 2), f64(3)]);
    expect(() => es.restore([f64(0, 0)])).toThrow(
      /EarlyStopping\.restore: expected 2 parameter buffers, got 1/,
    );
    expect(() => es.restore([f64(0, 0), f64(0, 0)])).toThrow(
      /param 1 has the wrong length; expected 1, got 2/,
    );
    expect(() => es.restore([f64(0, 0), 'x' as never])).toThrow(
      /EarlyStopping\.restore: param 1 must be a Float64Array, Float32Array or Tensor/,
    );
    expect(() => es.update(0, [f64(1), 'x' as never])).toThrow(
      /EarlyStopping\.update: param 1 must be a Float64Array, Float32Array or Tensor/,
    );
    const a = f64(0, 0);
    const b = f64(0);
    expect(es.restore([a, b])).toBe(true);
    expect([...a, ...b]).toEqual([1, 2, 3]);
  });

  it('saves copies: later changes to the parameters or to bestParams() do not touch the best', () => {
    const es = new EarlyStopping();
    const w = f64(1, 2);
    es.update(5, [w]);
    w[0] = 100;
    const copy = es.bestParams()!;
    copy[0]![1] = -7;
    expect(Array.from(es.bestParams()![0]!)).toEqual([1, 2]);
    // A later improvement overwrites the saved copy in place without aliasing the new buffer.
    es.update(4, [w]);
    w[1] = 55;
    expect(Array.from(es.bestParams()![0]!)).toEqual([100, 2]);
    // No improvement: the saved copy stays.
    es.update(9, [f64(-1, -1)]);
    expect(Array.from(es.bestParams()![0]!)).toEqual([100, 2]);
  });

  it('parameters that change shape or type between improvements are saved afresh', () => {
    const es = new EarlyStopping();
    es.update(3, [f64(1, 2)]);
    es.update(2, [f64(1, 2, 3)]); // longer buffer
    expect(Array.from(es.bestParams()![0]!)).toEqual([1, 2, 3]);
    es.update(1, [f64(4), f64(5)]); // more buffers
    expect(es.bestParams()!.map((a) => Array.from(a))).toEqual([[4], [5]]);
    es.update(0, [Float32Array.from([0.5]), f64(6)]); // float32 now
    const best = es.bestParams()!;
    expect(best[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(best[0]!)).toEqual([0.5]);
    es.update(-1, [Float32Array.from([0.25]), f64(7)]); // same shapes: copied in place
    expect(Array.from(es.bestParams()![0]!)).toEqual([0.25]);
    expect(Array.from(es.bestParams()![1]!)).toEqual([7]);
  });

  it('restoreBest: false or an update without params keeps no copy', () => {
    const off = new EarlyStopping({ restoreBest: false });
    off.update(1, [f64(1)]);
    expect(off.hasBest).toBe(false);
    expect(off.restore([f64(0)])).toBe(false);
    const none = new EarlyStopping();
    none.update(1);
    expect(none.hasBest).toBe(false);
    expect(none.bestIndex).toBe(0);
  });

  it('validates options and values', () => {
    expect(() => new EarlyStopping({ patience: 1.5 })).toThrow(/patience/);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience/);
    expect(new EarlyStopping({ patience: 0 }).patience).toBe(0);
    expect(() => new EarlyStopping({ minDelta: -0.1 })).toThrow(/minDelta/);
    expect(new EarlyStopping({ minDelta: 0 }).minDelta).toBe(0);
    expect(() => new EarlyStopping({ mode: 'avg' as never })).toThrow(
      /option mode must be 'min' or 'max'; got "avg"/,
    );
    expect(() => new EarlyStopping({ patiense: 3 } as never)).toThrow(/patiense/);
    expect(() => new EarlyStopping().update('1' as never)).toThrow(
      /value must be a number; got string/,
    );
    const d = new EarlyStopping();
    expect([d.patience, d.minDelta, d.mode, d.restoreBest]).toEqual([5, 0, 'min', true]);
    expect(new EarlyStopping({ mode: 'max' }).best).toBe(-Infinity);
  });
});
