import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { loadSession, parseSession, sessionToJson } from '../src/persist.js';
import { sessionOf } from '../src/session-file.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
import { snapshotAction } from '../src/state/actions.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { cli } from './helpers/cli.js';

type Row = {
  type: string;
  epoch?: number;
  trainLoss?: number;
  testLoss?: number;
  loss?: number;
  updates?: number;
  w?: number[][];
  w0?: number[];
};
const rows = (out: string[]): Row[] => out.map((l) => JSON.parse(l) as Row);
const epochs = (out: string[]): Row[] => rows(out).filter((r) => r.type === 'epoch');

async function tempFile(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'termgrad-resume-')), name);
}

/** Runs a network session: the snapshot after each of `n` epochs, then a captured one. */
async function train(
  settings: NetworkSettings,
  n: number,
  options: Parameters<typeof networkSession>[1] = {},
): Promise<{ epochs: NetworkSnapshot[]; captured: NetworkSnapshot }> {
  const s = networkSession(settings, options);
  await s.next();
  const out: NetworkSnapshot[] = [];
  for (let i = 0; i < n; i++) {
    const r = await s.next();
    if (r.done) throw new Error('session ended');
    out.push(r.value);
  }
  const c = await s.next({ capture: true });
  await s.return(undefined);
  if (c.done) throw new Error('session ended');
  return { epochs: out, captured: c.value };
}

describe('session file progress', () => {
  it('keeps old files valid: no epoch field loads as a run without progress', () => {
    const old =
      '{"format":"termgrad-session","version":1,"lab":"curve","settings":{"m":3,"lnLambda":null,"n":10,"testN":100,"noise":0.3,"maxM":9,"seed":1},"model":null}';
    const s = parseSession(old, 'old.json');
    expect(s.progress?.epoch).toBeUndefined();
  });

  it('round-trips epoch, loss history (a missing test loss as null) and trainer state', () => {
    const text = sessionToJson({
      lab: 'network',
      settings: DEFAULT_NETWORK_SETTINGS,
      model: null,
      progress: { epoch: 7, history: [{ epoch: 7, train: 0.5, test: NaN }], trainer: { a: 1 } },
    });
    expect(JSON.parse(text)).toMatchObject({
      epoch: 7,
      history: [{ epoch: 7, train: 0.5, test: null }],
      trainer: { a: 1 },
    });
    const back = parseSession(text);
    expect(back.progress?.epoch).toBe(7);
    expect(back.progress?.history?.[0]?.train).toBe(0.5);
    expect(back.progress?.history?.[0]?.test).toBeNaN();
    expect(back.progress?.trainer).toEqual({ a: 1 });
    expect(() => parseSession(text.replace('"epoch": 7,', '"epoch": -1,'))).toThrow(/epoch/);
  });

  it('the dashboard saves the epoch and the loss history, and a loaded history is the chart', () => {
    let state = initialState({ network: { maxEpochs: 0 } });
    const snap = { epoch: 5, trainLoss: 0.3, testLoss: 0.4 } as NetworkSnapshot;
    state = reducer(
      state,
      snapshotAction(
        'network',
        0,
        snap,
        [4, 5].map((e) => ({ epoch: e, train: 0.1 * e, test: 0.2 })),
      ),
    );
    const file = sessionOf(state);
    expect(file.progress?.epoch).toBe(5);
    expect(file.progress?.history?.map((p) => p.epoch)).toEqual([4, 5]);
    const loaded = initialState({ history: file.progress?.history ?? [] });
    expect(loaded.network.history.map((p) => p.epoch)).toEqual([4, 5]);
  });
});

describe('--load continues the epoch count', () => {
  it('network (standard): saved after 3 epochs, loaded with --epochs 2 runs epochs 4 and 5', async () => {
    const file = await tempFile('net.json');
    const saved = await cli([
      'network',
      '--headless',
      '--json',
      '--epochs',
      '3',
      '--layers',
      '3',
      '--seed',
      '2',
      '--save',
      file,
    ]);
    expect(saved.code).toBe(0);
    expect((await loadSession(file)).progress?.epoch).toBe(3);
    const loaded = await cli(['network', '--headless', '--json', '--epochs', '2', '--load', file]);
    expect(loaded.code).toBe(0);
    expect(epochs(loaded.out).map((r) => r.epoch)).toEqual([4, 5]);
  });

  it('classify perceptron: continues exactly as the uninterrupted run (epochs k+1.., same updates and weights)', async () => {
    const file = await tempFile('perceptron.json');
    // xor is not linearly separable: the perceptron never converges, every epoch counts.
    const common = [
      'classify',
      '--model',
      'perceptron',
      '--dataset',
      'xor',
      '--headless',
      '--json',
      '--seed',
      '3',
    ];
    const saved = await cli([...common, '--epochs', '4', '--save', file]);
    expect(saved.code).toBe(0);
    expect((await loadSession(file)).progress?.epoch).toBe(4);
    const full = epochs((await cli([...common, '--epochs', '7'])).out);
    const loaded = await cli(['classify', '--load', file, '--headless', '--json', '--epochs', '3']);
    expect(loaded.code).toBe(0);
    const rest = epochs(loaded.out);
    expect(rest.map((r) => r.epoch)).toEqual([5, 6, 7]); // each epoch once (the last is the final, done state)
    // Identical: the same doubles printed the same way (the reference is the run that never stopped).
    expect(rest.map((r) => [r.epoch, r.updates, r.loss])).toEqual(
      full.slice(4).map((r) => [r.epoch, r.updates, r.loss]),
    );
    const summary = (out: string[]): Row | undefined => rows(out).find((r) => r.type === 'summary');
    const uninterrupted = await cli([...common, '--epochs', '7']);
    expect(summary(loaded.out)?.w).toEqual(summary(uninterrupted.out)?.w);
    expect(summary(loaded.out)?.w0).toEqual(summary(uninterrupted.out)?.w0);
  });
});

describe('playground mode resumes bit for bit', () => {
  // 250 training points in batches of 7 leave a carried partial batch; L1 kills links.
  const settings: NetworkSettings = {
    ...DEFAULT_NETWORK_SETTINGS,
    mode: 'playground',
    dataset: 'xor',
    batchSize: 7,
    regularization: 'l1',
    lambda: 0.003,
    learningRate: 0.1,
    seed: 5,
  };

  it('k epochs, save (model + trainer state through JSON), load, m more = k + m uninterrupted', async () => {
    const k = 6;
    const m = 5;
    const full = await train(settings, k + m);
    const first = await train(settings, k);
    const file = parseSession(
      sessionToJson({
        lab: 'network',
        settings,
        model: first.captured.model?.toJSON(),
        progress: { epoch: first.captured.epoch, trainer: first.captured.model?.trainerState },
      }),
    );
    const state = first.captured.model?.trainerState as { pending: number };
    expect(state.pending).toBeGreaterThan(0);
    const rest = await train(settings, m, {
      initialModel: file.model,
      initialProgress: file.progress ?? {},
    });
    expect(rest.epochs.map((s) => s.epoch)).toEqual([7, 8, 9, 10, 11]);
    // Exact equality: the resumed run performs the same operations on the same doubles.
    expect(rest.epochs.map((s) => [s.trainLoss, s.testLoss, s.deadLinks])).toEqual(
      full.epochs.slice(k).map((s) => [s.trainLoss, s.testLoss, s.deadLinks]),
    );
    expect(rest.captured.model?.toJSON()).toEqual(full.captured.model?.toJSON());
  });

  it('through the CLI: --save then --load continues with the same losses', async () => {
    const file = await tempFile('pg.json');
    const common = [
      'network',
      '--headless',
      '--json',
      '--mode',
      'playground',
      '--dataset',
      'xor',
      '--batch-size',
      '7',
      '--regularization',
      'l1',
      '--lambda',
      '0.003',
      '--learning-rate',
      '0.1',
      '--seed',
      '5',
    ];
    expect((await cli([...common, '--epochs', '3', '--save', file])).code).toBe(0);
    const full = epochs((await cli([...common, '--epochs', '5'])).out);
    const loaded = await cli(['network', '--headless', '--json', '--epochs', '2', '--load', file]);
    expect(loaded.code).toBe(0);
    expect(epochs(loaded.out).map((r) => [r.epoch, r.trainLoss, r.testLoss])).toEqual(
      full.slice(3).map((r) => [r.epoch, r.trainLoss, r.testLoss]),
    );
  });
});

describe('loaded loss chart', () => {
  it('is extended by the continued run, and replaced when the run starts again at epoch 1', () => {
    const loaded = [
      { epoch: 9, train: 0.5, test: 0.6 },
      { epoch: 10, train: 0.4, test: 0.5 },
    ];
    const at = (epoch: number) => ({ epoch, trainLoss: 0.1, testLoss: 0.2 }) as NetworkSnapshot;
    const s = initialState({ history: loaded });
    const continued = reducer(
      s,
      snapshotAction('network', 0, at(11), [{ epoch: 11, train: 0.3, test: 0.4 }]),
    );
    expect(continued.network.history.map((p) => p.epoch)).toEqual([9, 10, 11]);
    const restarted = reducer(
      s,
      snapshotAction('network', 0, at(1), [{ epoch: 1, train: 0.9, test: 0.9 }]),
    );
    expect(restarted.network.history.map((p) => p.epoch)).toEqual([1]);
  });
});
