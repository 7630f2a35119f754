import { describe, expect, it } from 'vitest';
import { holdOut } from '../src/driver/network-model.js';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { stripAnsi } from '../src/render/index.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS, validationPercent } from '../src/settings/network-settings.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { cli } from './helpers/cli.js';

/** An overfitting setup: few noisy spiral points, a big network, a fast optimizer. */
const OVERFIT: NetworkSettings = {
  ...DEFAULT_NETWORK_SETTINGS,
  dataset: 'spiral',
  noise: 40,
  samples: 200,
  layers: [8, 8],
  learningRate: 0.3,
  optimizer: 'adam',
  seed: 3,
  patience: 20,
  validation: 30,
  maxEpochs: 2000,
};

async function run(settings: NetworkSettings): Promise<NetworkSnapshot[]> {
  const session = networkSession(settings);
  const out: NetworkSnapshot[] = [];
  for (;;) {
    const r = await session.next(undefined);
    if (r.done === true) break;
    out.push(r.value);
    if (r.value.done) break;
  }
  await session.return(undefined);
  return out;
}

describe('validation split', () => {
  it('holds out a seeded share of the training rows, disjoint and complete', () => {
    const a = holdOut(100, 20, 5);
    expect(a.val).toHaveLength(20);
    expect(new Set([...a.fit, ...a.val]).size).toBe(100);
    expect(holdOut(100, 20, 5)).toEqual(a); // same seed, same split
    expect(holdOut(100, 20, 6).val).not.toEqual(a.val);
    expect(holdOut(100, 0, 5).val).toEqual([]);
    expect(holdOut(2, 50, 1).fit).toHaveLength(1); // one row stays on each side
  });

  it('early stopping watches validation data, not the test set; 0 with patience means 20 %', () => {
    expect(validationPercent({ validation: 0, patience: 10 })).toBe(20);
    expect(validationPercent({ validation: 0, patience: 0 })).toBe(0);
    expect(validationPercent({ validation: 40, patience: 10 })).toBe(40);
  });
});

describe('early stopping on validation data', () => {
  it('stops with patience, restores the best validation epoch and keeps the test set whole', async () => {
    const snaps = await run(OVERFIT);
    const last = snaps.at(-1);
    if (last === undefined) throw new Error('no snapshot');
    expect(last.stoppedEarly).toBe(true);
    expect(last.restoredBest).toBe(true);
    const epochs = snaps.filter((s) => s.epoch > 0 && !s.done);
    // The best epoch is the one with the smallest validation loss seen (computed here, independently).
    let best = epochs[0];
    for (const s of epochs) if ((s.valLoss ?? Infinity) < (best?.valLoss ?? Infinity)) best = s;
    expect(last.bestEpoch).toBe(best?.epoch);
    // Stopped `patience` epochs after it without improvement.
    expect(last.epoch - (best?.epoch ?? 0)).toBeGreaterThanOrEqual(OVERFIT.patience);
    expect(last.epoch).toBeLessThan(OVERFIT.maxEpochs);
    // The restored weights give back the best validation loss (same points, same weights: equal to rounding).
    expect(last.valLoss).toBeCloseTo(best?.valLoss ?? NaN, 9);
    // The test set is untouched: all of it is still the test set, and the validation rows come from training.
    expect(last.data.test.n).toBe(100);
    expect(last.data.train.n).toBe(100);
    for (const s of epochs) {
      expect(Number.isFinite(s.testLoss)).toBe(true);
      expect(s.valLoss).not.toBe(s.testLoss);
    }
  });

  it('works the same in mode playground (the Playground procedure, validation held out of training)', async () => {
    const settings: NetworkSettings = {
      ...OVERFIT,
      mode: 'playground',
      learningRate: 0.1,
      batchSize: 1,
      patience: 10,
    };
    const snaps = await run(settings);
    const last = snaps.at(-1);
    if (last === undefined) throw new Error('no snapshot');
    expect(last.stoppedEarly).toBe(true);
    expect(last.restoredBest).toBe(true);
    const epochs = snaps.filter((s) => s.epoch > 0 && !s.done);
    const bestLoss = Math.min(...epochs.map((s) => s.valLoss ?? Infinity));
    expect(last.valLoss).toBeCloseTo(bestLoss, 9);
    expect(epochs.find((s) => s.valLoss === bestLoss)?.epoch).toBe(last.bestEpoch);
  });

  it('without validation nothing is held out and the test loss is reported as before', async () => {
    const snaps = await run({ ...OVERFIT, patience: 0, validation: 0, maxEpochs: 3 });
    const last = snaps.at(-1);
    expect(last?.epoch).toBe(3);
    expect(Number.isNaN(last?.valLoss)).toBe(true);
    expect(last?.stoppedEarly).toBe(false);
  });

  it('draws three curves and names the restored epoch', async () => {
    const snaps = await run(OVERFIT);
    const last = snaps.at(-1);
    if (last === undefined) throw new Error('no snapshot');
    let s = initialState({ lab: 'network', color: 'none', network: OVERFIT });
    const losses = snaps
      .filter((p) => p.epoch > 0)
      .map((p) => ({
        epoch: p.epoch,
        train: p.trainLoss,
        test: p.testLoss,
        val: p.valLoss ?? NaN,
      }));
    s = reducer(s, { type: 'networkSnapshot', generation: 0, snapshot: last, losses });
    for (const [w, h] of [
      [80, 24],
      [120, 40],
    ] as const) {
      const text = stripAnsi(appView(s, w, h).join('\n'));
      expect(text).toMatch(/─ train ┈ val ┈ test/);
      expect(text).toMatch(new RegExp(`best epoch ${last.bestEpoch} restored`));
      expect(text).toMatch(/val \d/);
    }
  });
});

describe('--validation and --patience (headless)', () => {
  it('print the validation loss and the restored epoch', async () => {
    const args = [
      'network',
      '--headless',
      '--dataset',
      'spiral',
      '--noise',
      '40',
      '--samples',
      '200',
      '--layers',
      '8,8',
      '--lr',
      '0.3',
      '--optimizer',
      'adam',
      '--seed',
      '3',
      '--patience',
      '20',
      '--validation',
      '30',
      '--epochs',
      '2000',
    ];
    const text = await cli(args);
    expect(text.code).toBe(0);
    expect(text.out.join('\n')).toMatch(/^epoch 1 {2}loss train [\d.]+ {2}val [\d.]+ {2}test /m);
    expect(text.out.join('\n')).toMatch(
      /done: \d+ epochs \(early stopping, best weights of epoch \d+ restored\)/,
    );
    const json = await cli([...args, '--json']);
    const summary = JSON.parse(json.out.at(-1) ?? '{}');
    expect(summary).toMatchObject({ type: 'summary', stoppedEarly: true, restoredBest: true });
    expect(summary.valLoss).toBeGreaterThan(0);
    expect(summary.settings.validation).toBe(30);
    expect((await cli(['network', '--headless', '--validation', '60'])).code).not.toBe(0);
  });
});
