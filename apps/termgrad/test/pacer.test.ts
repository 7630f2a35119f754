import { describe, expect, it } from 'vitest';
import { parseSpeed } from '../src/cli/parse-values.js';
import { DEFAULT_SPEED, formatSpeed, Pacer, SPEEDS, stepSpeed } from '../src/driver/pacer.js';
import { initialState } from '../src/state/app-state.js';
import { keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

describe('Pacer', () => {
  it('allows speed × elapsed seconds epochs, the first one at once', () => {
    const p = new Pacer(10, 0);
    expect(p.allowance(0)).toBe(1);
    p.take(1);
    expect(p.allowance(50)).toBe(0); // 0.5 epoch earned
    expect(p.wait(50)).toBeCloseTo(50, 9); // the other half needs 50 ms at 10/s
    expect(p.allowance(100)).toBe(1);
    p.take(1);
    // Simulated second at 10/s, polled every 10 ms: 10 epochs in total.
    let ran = 0;
    for (let t = 110; t <= 1100; t += 10) {
      const n = p.allowance(t);
      ran += n;
      p.take(n);
    }
    expect(ran).toBe(10);
  });

  it('caps the credit so a stalled loop does not burst', () => {
    const p = new Pacer(30, 0);
    p.take(p.allowance(0));
    // 10 s without a poll would be 300 epochs; the cap is a quarter second's worth (7.5 → 7).
    expect(p.allowance(10_000)).toBe(7);
    const slow = new Pacer(1, 0);
    slow.take(slow.allowance(0));
    expect(slow.allowance(60_000)).toBe(1);
  });

  it('max (Infinity) is unpaced', () => {
    const p = new Pacer(Infinity, 0);
    expect(p.allowance(0)).toBe(Infinity);
    expect(p.wait(0)).toBe(0);
  });
});

describe('speed setting', () => {
  it('steps along 1 3 10 30 100 300 max and stays at the ends', () => {
    expect(SPEEDS).toEqual([1, 3, 10, 30, 100, 300, Infinity]);
    expect(DEFAULT_SPEED).toBe(30);
    expect(stepSpeed(30, 1)).toBe(100);
    expect(stepSpeed(300, 1)).toBe(Infinity);
    expect(stepSpeed(Infinity, 1)).toBe(Infinity);
    expect(stepSpeed(Infinity, -1)).toBe(300);
    expect(stepSpeed(1, -1)).toBe(1);
    expect(stepSpeed(50, -1)).toBe(30); // a --speed off the ladder snaps to its neighbours
    expect(formatSpeed(30)).toBe('30 ep/s');
    expect(formatSpeed(Infinity)).toBe('max');
  });

  it('< and > (and , .) change it; the status line shows it', () => {
    let s = initialState();
    for (const [key, want] of [
      ['>', 100],
      ['.', 300],
      ['>', Infinity],
      ['<', 300],
      [',', 100],
    ] as const) {
      const intent = keyToIntent(s, key, {}, { now: 0, seed: 1 });
      if (intent?.kind !== 'action') throw new Error(`no action for ${key}`);
      s = reducer(s, intent.action);
      expect(s.speed).toBe(want);
    }
    expect(appView(s, 100, 30).at(-1)).toContain('speed 100 ep/s');
    expect(appView(reducer(s, { type: 'changeSpeed', dir: 1 }), 100, 30).at(-1)).toContain(
      'speed 300 ep/s',
    );
  });

  it('--speed takes a number or max', () => {
    expect(parseSpeed('max')).toBe(Infinity);
    expect(parseSpeed('3')).toBe(3);
    expect(() => parseSpeed('0')).toThrow(/epochs per second/);
    expect(() => parseSpeed('fast')).toThrow(/or max/);
  });
});
