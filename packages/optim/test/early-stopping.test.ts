import { describe, expect, it } from 'vitest';
import { EarlyStopping, OptimError } from '../src/index.js';

describe('EarlyStopping', () => {
  it('stops after patience evaluations without improvement and restores the best weights', () => {
    const es = new EarlyStopping({ patience: 2 });
    const w = Float64Array.from([0]);
    const losses = [5, 3, 4, 3.5, 3.2];
    const stops: boolean[] = [];
    for (let i = 0; i < losses.length; i++) {
      w[0] = i; // parameters at evaluation i
      stops.push(es.update(losses[i]!, [w]).stop);
    }
    // best is 3 at index 1; 3 non-improving evaluations follow, patience 2 → stop at the third
    expect(stops).toEqual([false, false, false, false, true]);
    expect(es.best).toBe(3);
    expect(es.bestIndex).toBe(1);
    expect(es.restore([w])).toBe(true);
    expect(w[0]).toBe(1);
  });

  it('requires improvements larger than minDelta', () => {
    const es = new EarlyStopping({ patience: 0, minDelta: 0.1 });
    expect(es.update(1).improved).toBe(true);
    expect(es.update(0.95)).toEqual({ improved: false, stop: true });
  });

  it('maximises in max mode and treats NaN as no improvement', () => {
    const es = new EarlyStopping({ mode: 'max', patience: 1 });
    expect(es.update(0.5).improved).toBe(true);
    expect(es.update(NaN).improved).toBe(false);
    expect(es.update(0.7).improved).toBe(true);
    expect(es.best).toBe(0.7);
  });

  it('restore returns false without a saved copy and validates options', () => {
    expect(new EarlyStopping().restore([Float64Array.from([1])])).toBe(false);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(OptimError);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/mode/);
    expect(() => new EarlyStopping({ minDelta: -1 })).toThrow(
      /minDelta is out of range; expected a number >= 0, got -1/,
    );
    expect(() => new EarlyStopping({ patiense: 1 } as never)).toThrow(/unknown option 'patiense'/);
    expect(() => new EarlyStopping().update('x' as never)).toThrow(/value must be a number/);
  });
});
