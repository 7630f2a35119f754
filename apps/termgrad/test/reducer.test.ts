import { describe, expect, it } from 'vitest';
import { initialState, MAX_HISTORY } from '../src/state/app-state.js';
import { KEY_HELP, keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';

describe('reducer', () => {
  it('starts on the network lab with the Playground defaults', () => {
    const s = initialState();
    expect(s.lab).toBe('network');
    expect(s.network.settings).toMatchObject({
      dataset: 'circle',
      layers: [4, 2],
      activation: 'tanh',
      learningRate: 0.03,
      batchSize: 10,
      trainRatio: 50,
    });
  });

  it('switches labs by number and cycles with Tab in both directions', () => {
    const s = initialState();
    expect(reducer(s, { type: 'switchLab', lab: 'curve' }).lab).toBe('curve');
    expect(reducer(s, { type: 'nextLab', dir: 1 }).lab).toBe('digits'); // network → digits, the last lab
    expect(reducer(reducer(s, { type: 'nextLab', dir: 1 }), { type: 'nextLab', dir: 1 }).lab).toBe(
      'curve',
    ); // wraps to the first
    expect(reducer(s, { type: 'nextLab', dir: -1 }).lab).toBe('classify');
  });

  it('changes M by field key and restarts the curve fit', () => {
    const s = reducer(initialState({ lab: 'curve' }), {
      type: 'changeFieldByKey',
      key: 'm',
      dir: 1,
    });
    expect(s.curve.settings.m).toBe(4);
    expect(s.curve.generation).toBe(1);
  });

  it('turns ln λ off below -30 and back on', () => {
    let s = initialState({ lab: 'curve', curve: { lnLambda: -30 } });
    s = reducer(s, { type: 'changeFieldByKey', key: 'lnLambda', dir: -1 });
    expect(s.curve.settings.lnLambda).toBeNull();
    s = reducer(s, { type: 'changeFieldByKey', key: 'lnLambda', dir: 1 });
    expect(s.curve.settings.lnLambda).toBe(-30);
  });

  it('regenerates with the seed passed in and clears the loss history', () => {
    let s = initialState();
    s = { ...s, network: { ...s.network, history: [{ epoch: 1, train: 1, test: 1 }] } };
    const next = reducer(s, { type: 'regenerate', seed: 42 });
    expect(next.network.settings.seed).toBe(42);
    expect(next.network.generation).toBe(1);
    expect(next.network.history).toEqual([]);
  });

  it('drops snapshots of an older generation', () => {
    const s = reducer(initialState(), { type: 'reset' });
    const stale = reducer(s, { type: 'driverError', lab: 'network', generation: 0, message: 'x' });
    expect(stale).toBe(s);
  });

  it('adds and removes hidden layers, keeping the field cursor in range', () => {
    let s = initialState();
    s = reducer(s, { type: 'changeFieldByKey', key: 'layers', dir: 1 });
    expect(s.network.settings.layers).toEqual([4, 2, 2]);
    s = reducer(
      reducer(reducer(s, { type: 'changeFieldByKey', key: 'layers', dir: -1 }), {
        type: 'changeFieldByKey',
        key: 'layers',
        dir: -1,
      }),
      { type: 'changeFieldByKey', key: 'layers', dir: -1 },
    );
    expect(s.network.settings.layers).toEqual([]);
  });

  it('toggling test points does not restart training', () => {
    const s = reducer(initialState(), { type: 'changeFieldByKey', key: 'showTest', dir: 1 });
    expect(s.network.settings.showTest).toBe(true);
    expect(s.network.generation).toBe(0);
  });

  it('step pauses and counts a step request', () => {
    const s = reducer(initialState(), { type: 'step' });
    expect(s.network.running).toBe(false);
    expect(s.network.steps).toBe(1);
  });
});

describe('keyToIntent', () => {
  const ctx = { now: 0, seed: 7 };
  it('maps q and Ctrl-C to quit, s to save', () => {
    expect(keyToIntent(initialState(), 'q', {}, ctx)).toEqual({ kind: 'quit', code: 0 });
    expect(keyToIntent(initialState(), 'c', { ctrl: true }, ctx)).toEqual({
      kind: 'quit',
      code: 130,
    });
    expect(keyToIntent(initialState(), 's', {}, ctx)).toEqual({ kind: 'save' });
  });
  it('binds every single-character key the help screen lists, in every lab it lists it for', () => {
    for (const lab of ['curve', 'classify', 'network'] as const) {
      const shown = KEY_HELP.filter((h) => h.labs === undefined || h.labs.includes(lab));
      // "< / >  (, .)" → '<' '>' ',' '.'; "space" → ' '; names (Tab, Ctrl-C, arrows) are skipped.
      const chars = shown
        .flatMap((h) =>
          h.keys.split(/\s+/).map((k) => (k === 'space' ? ' ' : k.replace(/[()]/g, ''))),
        )
        .filter((k) => [...k].length === 1 && k !== '/' && !/[↑↓←→]/.test(k));
      expect(chars.length).toBeGreaterThan(12);
      for (const ch of chars)
        expect(keyToIntent(initialState({ lab }), ch, {}, ctx), `${lab} '${ch}'`).not.toBeNull();
    }
    expect(keyToIntent(initialState(), 'constructor', {}, ctx)).toBeNull();
    // A key of another lab does nothing here.
    expect(keyToIntent(initialState({ lab: 'curve' }), 'm', {}, ctx)).toBeNull();
    expect(keyToIntent(initialState({ lab: 'network' }), 'c', {}, ctx)).toBeNull();
  });
  it('maps lab keys in context', () => {
    expect(keyToIntent(initialState({ lab: 'curve' }), 'c', {}, ctx)).toEqual({
      kind: 'action',
      action: { type: 'crossValidate' },
    });
    expect(keyToIntent(initialState(), 'g', {}, ctx)).toEqual({
      kind: 'action',
      action: { type: 'regenerate', seed: 7 },
    });
    expect(keyToIntent(initialState(), ' ', {}, ctx)).toEqual({
      kind: 'action',
      action: { type: 'togglePlay' },
    });
  });
});

describe('network loss history', () => {
  it('keeps the loss history evenly spaced from the first epoch when epochs arrive in big chunks', () => {
    let s = initialState();
    const snapshot = { epoch: 0, trainLoss: 1, testLoss: 1 } as never;
    // 20 000 epochs in chunks of 700 (speed max: hundreds of epochs per frame).
    for (let from = 1; from <= 20000; from += 700) {
      const losses = Array.from({ length: Math.min(700, 20001 - from) }, (_, i) => ({
        epoch: from + i,
        train: 1 / (from + i),
        test: 2 / (from + i),
      }));
      s = reducer(s, { type: 'networkSnapshot', generation: 0, snapshot, losses });
    }
    const h = s.network.history;
    expect(h.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(h.length).toBeGreaterThan(MAX_HISTORY / 2);
    expect(h[0]?.epoch).toBe(1);
    expect(h.at(-1)?.epoch).toBe(20000);
    // Every gap but the one to the newest point is the same.
    const gaps = new Set(h.slice(1, -1).map((p, i) => p.epoch - (h[i]?.epoch ?? 0)));
    expect(gaps.size).toBe(1);
  });
});
