import { circle, plane } from '@termgrad/datasets';
import type { MLPJSON } from '@termgrad/models';
import { MLP, PlaygroundTrainer } from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { playgroundSeedToInt } from '../src/playground-url.js';
import { settingsFromPlaygroundUrl } from '../src/settings/from-playground.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
import { snapshotAction } from '../src/state/actions.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

type Session = ReturnType<typeof networkSession>;

async function step(
  session: Session,
  request?: Parameters<Session['next']>[0],
): Promise<NetworkSnapshot> {
  const r = await session.next(request);
  if (r.done === true) throw new Error('session ended');
  return r.value;
}

async function modelJson(session: Session): Promise<MLPJSON> {
  return (await step(session, { capture: true })).model?.toJSON() as MLPJSON;
}

/**
 * The Playground's inputs written out independently of the app: x, y, x², y², xy, sin x, sin y in
 * that order, only the enabled ones (`enabled` lists them by the Playground's names).
 */
function playgroundInputs(
  points: Float64Array,
  n: number,
  enabled: ReadonlySet<string>,
): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = points[2 * i] as number;
    const y = points[2 * i + 1] as number;
    const all: [string, number][] = [
      ['x', x],
      ['y', y],
      ['xSquared', x * x],
      ['ySquared', y * y],
      ['xTimesY', x * y],
      ['sinX', Math.sin(x)],
      ['sinY', Math.sin(y)],
    ];
    rows.push(all.filter(([k]) => enabled.has(k)).map(([, v]) => v));
  }
  return rows;
}

describe('network lab, mode playground', () => {
  // 301 points at 50 %: the Playground trains on floor(150.5) = 150; batch 7 leaves a trailing
  // partial batch of 3 every epoch (carried over); L1 at this rate kills some links.
  const settings: NetworkSettings = {
    ...DEFAULT_NETWORK_SETTINGS,
    mode: 'playground',
    seed: 5,
    samples: 301,
    noise: 10,
    // Given out of order: the Playground feeds them as x, y, x², sin y.
    features: ['sinx2', 'x1sq', 'x2', 'x1'],
    layers: [5, 3],
    batchSize: 7,
    learningRate: 0.1,
    regularization: 'l1',
    lambda: 0.03,
  };

  it('builds the Playground network: tanh output, squared error, biases 0.1, weights in (−0.5, 0.5)', async () => {
    const session = networkSession(settings);
    const first = await step(session);
    const json = first.model?.toJSON() as MLPJSON;
    expect(json.layers).toEqual([4, 5, 3, 1]);
    expect(json.outputActivation).toBe('tanh');
    expect(json.loss).toBe('squaredError');
    for (const b of json.biases.flat()) expect(b).toBe(0.1);
    for (const w of json.weights.flat()) expect(Math.abs(Number(w))).toBeLessThan(0.5);
    expect(first.data.train.n).toBe(150);
    expect(first.data.test.n).toBe(151);
    await session.return(undefined);
  });

  it('trains exactly as PlaygroundTrainer does from the same initial weights, including a live learning-rate change', async () => {
    const session = networkSession(settings);
    const initial = (await step(session)).model?.toJSON() as MLPJSON;

    // The reference: the Playground's data pipeline written here, and PlaygroundTrainer directly.
    const ds = circle({ numSamples: 301, noise: 10, seed: 5 });
    const points = Float64Array.from(ds.x.toTypedArray());
    const labels = Array.from(ds.y.toTypedArray());
    const nTrain = Math.floor((301 * 50) / 100);
    const inputs = playgroundInputs(points, 301, new Set(['x', 'y', 'xSquared', 'sinY']));
    const net = MLP.fromJSON(initial);
    const pg = new PlaygroundTrainer(net, {
      x: inputs.slice(0, nTrain),
      y: labels.slice(0, nTrain),
      test: { x: inputs.slice(nTrain), y: labels.slice(nTrain) },
      learningRate: 0.1,
      batchSize: 7,
      regularization: 'l1',
      lambda: 0.03,
    });

    let snap: NetworkSnapshot | undefined;
    for (let e = 0; e < 4; e++) {
      pg.epoch();
      snap = await step(session);
    }
    // Same arithmetic in the same order: bit-identical weights and losses.
    expect((await modelJson(session)).weights).toEqual(net.toJSON().weights);
    expect((await modelJson(session)).biases).toEqual(net.toJSON().biases);
    expect(snap?.epoch).toBe(4);
    expect(snap?.trainLoss).toBe(pg.lossTrain());
    expect(snap?.testLoss).toBe(pg.lossTest());

    // The Playground keeps training when the learning rate (or batch size) changes.
    pg.learningRate = 0.03;
    pg.batchSize = 11;
    snap = await step(session, { settings: { ...settings, learningRate: 0.03, batchSize: 11 } });
    for (let e = 0; e < 3; e++) {
      pg.epoch();
      if (e > 0) snap = await step(session);
    }
    expect(snap.epoch).toBe(7);
    expect((await modelJson(session)).weights).toEqual(net.toJSON().weights);
    expect(snap.trainLoss).toBe(pg.lossTrain());
    expect(pg.deadLinks).toBeGreaterThan(0);
    expect(snap.deadLinks).toBe(pg.deadLinks);
    await session.return(undefined);
  });

  it('regression (plane): linear output on the targets, losses from the trainer', async () => {
    const s: NetworkSettings = {
      ...DEFAULT_NETWORK_SETTINGS,
      mode: 'playground',
      dataset: 'plane',
      problem: 'regression',
      samples: 200,
      seed: 2,
    };
    const session = networkSession(s);
    const initial = (await step(session)).model?.toJSON() as MLPJSON;
    expect(initial.outputActivation).toBe('linear');
    const ds = plane({ numSamples: 200, seed: 2 });
    const x = playgroundInputs(Float64Array.from(ds.x.toTypedArray()), 200, new Set(['x', 'y']));
    const y = Array.from(ds.y.toTypedArray());
    const net = MLP.fromJSON(initial);
    const pg = new PlaygroundTrainer(net, {
      x: x.slice(0, 100),
      y: y.slice(0, 100),
      test: { x: x.slice(100), y: y.slice(100) },
    });
    pg.epoch();
    pg.epoch();
    await step(session);
    const snap = await step(session);
    expect(snap.trainLoss).toBe(pg.lossTrain());
    expect(snap.testLoss).toBe(pg.lossTest());
    await session.return(undefined);
  });

  it('the dashboard names the mode and counts the links L1 killed', async () => {
    const session = networkSession(settings);
    let snap = await step(session);
    for (let e = 0; e < 8; e++) snap = await step(session);
    snap = await step(session, { capture: true });
    expect(snap.deadLinks).toBeGreaterThan(0);
    const state = reducer(
      initialState({ color: 'none', network: settings }),
      snapshotAction('network', 0, snap),
    );
    const screen = appView(state, 120, 40).join('\n');
    expect(screen).toContain(`${snap.deadLinks} dead links`);
    expect(screen).toMatch(/playground · x₁ x₂ x₁² sin x₂ → 5-3/);
    await session.return(undefined);
  });

  it('refuses more than two classes with a clear error', async () => {
    const session = networkSession({
      ...DEFAULT_NETWORK_SETTINGS,
      mode: 'playground',
      dataset: 'blobs',
      classes: 3,
    });
    await expect(session.next()).rejects.toThrow(/playground mode has one output.*got 3 classes/);
  });

  it('--playground URLs select this mode with the Playground seed, sample count and features', async () => {
    const p = await settingsFromPlaygroundUrl(
      '#seed=0.12345&problem=regression&regDataset=reg-gauss&xSquared=true&x=false',
    );
    expect(p.mode).toBe('playground');
    expect(p.seed).toBe(playgroundSeedToInt('0.12345'));
    // FNV-1a of the empty string is its offset basis 0x811c9dc5 (the published constant).
    expect(playgroundSeedToInt('')).toBe(0x811c9dc5);
    // The Playground generates 1200 points for regression.
    expect(p.samples).toBe(1200);
    expect(p.dataset).toBe('multi-gauss');
    expect(p.features).toEqual(['x2', 'x1sq']);
  });
});
