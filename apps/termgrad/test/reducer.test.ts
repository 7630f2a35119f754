import { describe, expect, it } from 'vitest';
import { initialState } from '../src/state/app-state.js';
import { keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';

describe('reducer', () => {
  it('starts on the network lab with the Playground defaults', () => {
    const s = initialState();
    expect(s.lab).toBe('network');
    expect(s.network.settings).toMatchObject({ dataset: 'circle', layers: [4, 2], activation: 'tanh', lr: 0.03, batchSize: 10, trainRatio: 50 });
  });

  it('switches labs by number and cycles with Tab in both directions', () => {
    const s = initialState();
    expect(reducer(s, { type: 'switchLab', lab: 'curve' }).lab).toBe('curve');
    expect(reducer(s, { type: 'nextLab', dir: 1 }).lab).toBe('curve'); // network wraps to the first lab
    expect(reducer(s, { type: 'nextLab', dir: -1 }).lab).toBe('classify');
  });

  it('changes M by field key and restarts the curve fit', () => {
    const s = reducer(initialState({ lab: 'curve' }), { type: 'changeFieldByKey', key: 'm', dir: 1 });
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
    s = reducer(reducer(reducer(s, { type: 'changeFieldByKey', key: 'layers', dir: -1 }), { type: 'changeFieldByKey', key: 'layers', dir: -1 }), { type: 'changeFieldByKey', key: 'layers', dir: -1 });
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
    expect(keyToIntent(initialState(), 'q', {}, ctx)).toEqual({ kind: 'quit' });
    expect(keyToIntent(initialState(), 'c', { ctrl: true }, ctx)).toEqual({ kind: 'quit' });
    expect(keyToIntent(initialState(), 's', {}, ctx)).toEqual({ kind: 'save' });
  });
  it('maps lab keys in context', () => {
    expect(keyToIntent(initialState({ lab: 'curve' }), 'c', {}, ctx)).toEqual({ kind: 'action', action: { type: 'crossValidate' } });
    expect(keyToIntent(initialState(), 'g', {}, ctx)).toEqual({ kind: 'action', action: { type: 'regenerate', seed: 7 } });
    expect(keyToIntent(initialState(), ' ', {}, ctx)).toEqual({ kind: 'action', action: { type: 'togglePlay' } });
  });
});
