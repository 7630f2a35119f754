import { describe, expect, it } from 'vitest';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS, liveChange } from '../src/settings/network-settings.js';
import type { Action } from '../src/state/actions.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';

const BASE: NetworkSettings = { ...DEFAULT_NETWORK_SETTINGS, seed: 4, samples: 200 };

function fieldChange(key: string, dir: -1 | 1 = 1): Action {
  return { type: 'changeFieldByKey', key, dir };
}

describe('live settings of the network lab (reducer)', () => {
  const start = reducer(initialState({ network: BASE }), {
    type: 'networkSnapshot',
    generation: 0,
    snapshot: { epoch: 5, trainLoss: 0.5, testLoss: 0.6 } as NetworkSnapshot,
    losses: [{ epoch: 5, train: 0.5, test: 0.6 }],
  });

  it.each(['learningRate', 'lambda', 'batchSize', 'optimizer', 'regularization'])(
    'changing %s keeps the run, the snapshot and the loss history',
    (key) => {
      const s = reducer(start, fieldChange(key));
      expect(s.network.settings).not.toEqual(start.network.settings);
      expect(s.network.generation).toBe(start.network.generation);
      expect(s.network.snapshot).toBe(start.network.snapshot);
      expect(s.network.history).toHaveLength(1);
    },
  );

  it.each([
    'dataset',
    'noise',
    'feature-x1sq',
    'layers',
    'activation',
    'trainRatio',
    'seed',
    'layer0',
  ])('changing %s resets (new generation, history cleared)', (key) => {
    const s = reducer(start, fieldChange(key));
    expect(s.network.settings).not.toEqual(start.network.settings);
    expect(s.network.generation).toBe(start.network.generation + 1);
    expect(s.network.history).toHaveLength(0);
  });

  it('the problem-type row changes the data set too (regression → plane) and resets', () => {
    const s = reducer(start, fieldChange('problem'));
    expect(s.network.settings).toMatchObject({ problem: 'regression', dataset: 'plane' });
    expect(s.network.generation).toBeGreaterThan(start.network.generation);
  });

  it('liveChange names what changed, or null when a reset is needed', () => {
    expect(liveChange(BASE, { ...BASE, learningRate: 0.1, batchSize: 20 })).toEqual({
      learningRate: true,
      optimizer: false,
      regularization: false,
      batchSize: true,
    });
    expect(liveChange(BASE, { ...BASE, learningRate: 0.1, noise: 10 })).toBeNull();
    expect(liveChange(BASE, { ...BASE, layers: [4, 3] })).toBeNull();
    expect(liveChange(BASE, BASE)).toBeNull();
  });
});

async function epochs(
  session: ReturnType<typeof networkSession>,
  n: number,
  settings?: NetworkSettings,
): Promise<NetworkSnapshot> {
  let last: NetworkSnapshot | undefined;
  for (let i = 0; i < n; i++) {
    const r = await session.next(i === 0 && settings !== undefined ? { settings } : undefined);
    if (r.done) throw new Error('session ended');
    last = r.value;
  }
  return last as NetworkSnapshot;
}

async function weights(session: ReturnType<typeof networkSession>): Promise<unknown> {
  const r = await session.next({ capture: true });
  if (r.done) throw new Error('session ended');
  return r.value.model?.toJSON();
}

describe('live settings of the network lab (driver)', () => {
  it('a new learning rate continues from the trained weights, and differs from keeping the old one', async () => {
    const a = networkSession(BASE);
    const b = networkSession(BASE);
    await epochs(a, 6); // epoch 0 comes first, then 5 epochs
    await epochs(b, 6);
    // Identical seeded runs so far: the same weights.
    expect(await weights(a)).toEqual(await weights(b));
    const faster = { ...BASE, learningRate: 0.3 };
    const sa = await epochs(a, 3, faster);
    const sb = await epochs(b, 3);
    // The epoch count continues (no reset) ...
    expect(sa.epoch).toBe(8);
    expect(sa.settings.learningRate).toBe(0.3);
    expect(sb.epoch).toBe(8);
    expect(sb.settings.learningRate).toBe(BASE.learningRate);
    // ... and training went on with the new rate: the runs now differ.
    expect(await weights(a)).not.toEqual(await weights(b));
    await a.return(undefined);
    await b.return(undefined);
  });

  it('batch size, optimizer and regularisation change without a reset; the loss keeps falling from where it was', async () => {
    const s = networkSession({ ...BASE, learningRate: 0.1 });
    const before = await epochs(s, 11);
    const next = {
      ...BASE,
      learningRate: 0.1,
      batchSize: 25,
      optimizer: 'adam' as const,
      regularization: 'l2' as const,
      lambda: 0.001,
    };
    const after = await epochs(s, 5, next);
    expect(after.epoch).toBe(before.epoch + 5);
    expect(after.settings).toEqual(next);
    const first = networkSession(BASE);
    const initial = (await first.next(undefined)).value as NetworkSnapshot;
    // Continuing means staying well below the untrained loss (a reset would start there again).
    expect(after.trainLoss).toBeLessThan(initial.trainLoss * 0.9);
    await s.return(undefined);
    await first.return(undefined);
  });
});
