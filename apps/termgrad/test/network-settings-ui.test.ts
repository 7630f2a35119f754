/**
 * Issue 8, network editing as in the Playground: the problem-type row, "discretize output", zero
 * initial weights (`initZero`), every Playground URL key honoured or warned about, and the user's
 * CSV kept by the data field (`d` used to drop it for a built-in set, and the classification
 * panel named a built-in set while training on the CSV).
 */
import type { MLPJSON } from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { DEFAULT_PLAYGROUND_SETTINGS } from '../src/playground-url.js';
import { stripAnsi } from '../src/render/index.js';
import { classifyFields, networkFields } from '../src/settings/fields.js';
import {
  fromPlaygroundSettings,
  settingsFromPlaygroundUrl,
} from '../src/settings/from-playground.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import {
  DEFAULT_NETWORK_SETTINGS,
  liveChange,
  networkSettingsSchema,
} from '../src/settings/network-settings.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { decisionMap } from '../src/views/network-view.js';

const ctx = { now: 0, seed: 7 };
function press(state: AppState, ...keys: string[]): AppState {
  let s = state;
  for (const k of keys) {
    const intent = keyToIntent(s, k, {}, ctx);
    if (intent?.kind === 'action') s = reducer(s, intent.action);
  }
  return s;
}
/** Selects the field `key` of the current lab with ↓ presses, as a user would. */
function select(state: AppState, key: string): AppState {
  let s = state;
  for (let i = 0; i < 60; i++) {
    const lab = s.lab === 'network' ? s.network : s.classify;
    const fields =
      s.lab === 'network'
        ? networkFields(s.network.settings, s.network.dataFile)
        : classifyFields(s.classify.dataFile);
    if (fields[lab.field]?.key === key) return s;
    const intent = keyToIntent(s, '', { downArrow: true }, ctx);
    if (intent?.kind === 'action') s = reducer(s, intent.action);
  }
  throw new Error(`no field ${key}`);
}
const right = (s: AppState): AppState => {
  const intent = keyToIntent(s, '', { rightArrow: true }, ctx);
  return intent?.kind === 'action' ? reducer(s, intent.action) : s;
};
const screen = (s: AppState, w = 120, h = 40): string => stripAnsi(appView(s, w, h).join('\n'));

async function first(settings: NetworkSettings): Promise<NetworkSnapshot> {
  const session = networkSession(settings);
  const r = await session.next(undefined);
  const captured = await session.next({ capture: true });
  await session.return(undefined);
  if (r.done === true || captured.done === true) throw new Error('session ended');
  return captured.value;
}

describe('problem type row', () => {
  it('switches to regression with its data sets and back; data cycles within the problem type', () => {
    let s = select(initialState({ lab: 'network', running: false }), 'problem');
    expect(screen(s)).toMatch(/problem\s+classification/);
    s = right(s);
    expect(s.network.settings).toMatchObject({ problem: 'regression', dataset: 'plane' });
    expect(screen(s)).toMatch(/problem\s+regression/);
    expect(s.network.generation).toBe(1); // a new problem is a new run
    // The data field offers the regression sets only.
    s = select(s, 'dataset');
    const seen = [s.network.settings.dataset];
    for (let i = 0; i < 3; i++) seen.push((s = right(s)).network.settings.dataset);
    expect(seen).toEqual(['plane', 'multi-gauss', 'plane', 'multi-gauss']);
    s = right(select(s, 'problem'));
    expect(s.network.settings).toMatchObject({ problem: 'classification', dataset: 'circle' });
  });

  it('is visible at 80×24 when selected (compact bar)', () => {
    const s = select(initialState({ lab: 'network', running: false }), 'problem');
    expect(screen(s, 80, 24)).toMatch(/problem classification/);
  });
});

describe('the user CSV in the data field', () => {
  const csv = (): AppState =>
    initialState({
      lab: 'network',
      running: false,
      network: { dataset: 'csv' },
      networkDataFile: 'clouds.csv',
      classifyDataFile: 'clouds.csv',
      classify: { dataset: 'csv' },
    });

  it('network: shows the file name and d comes back to it after the built-in sets', () => {
    let s = csv();
    expect(screen(s)).toMatch(/data\s+clouds\.csv/);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      s = press(s, 'd');
      names.push(s.network.settings.dataset);
    }
    expect(names).toEqual(['circle', 'xor', 'gauss', 'spiral', 'blobs', 'csv']);
    expect(screen(s)).toMatch(/data\s+clouds\.csv/);
  });

  it('classification: shows the file name (not a built-in set) and d comes back to it', () => {
    let s: AppState = { ...csv(), lab: 'classify' };
    expect(screen(s)).toMatch(/data\s+clouds\.csv/);
    expect(screen(s)).not.toMatch(/data\s+gauss/);
    const names: string[] = [];
    for (let i = 0; i < 5; i++) names.push((s = press(s, 'd')).classify.settings.dataset);
    expect(names).toEqual(['gauss', 'blobs', 'xor', 'circle', 'csv']);
  });

  it('without a CSV the data fields never offer csv', () => {
    let s = initialState({ lab: 'network', running: false });
    for (let i = 0; i < 12; i++)
      expect((s = press(s, 'd')).network.settings.dataset).not.toBe('csv');
    let c: AppState = { ...initialState({ running: false }), lab: 'classify' };
    for (let i = 0; i < 12; i++)
      expect((c = press(c, 'd')).classify.settings.dataset).not.toBe('csv');
  });
});

describe('discretize output', () => {
  it('is a live setting (no reset) that old sessions load without', () => {
    expect(
      liveChange(DEFAULT_NETWORK_SETTINGS, { ...DEFAULT_NETWORK_SETTINGS, discretize: true }),
    ).not.toBeNull();
    const { discretize: _d, initZero: _z, ...old } = DEFAULT_NETWORK_SETTINGS;
    expect(networkSettingsSchema.parse(old)).toMatchObject({ discretize: false, initZero: false });
    let s = select(initialState({ lab: 'network', running: false }), 'discretize');
    s = right(s);
    expect(s.network.settings.discretize).toBe(true);
    expect(s.network.generation).toBe(0);
    expect(screen(s)).toMatch(/discretize\s+on/);
  });

  it('draws the map in two colours (plus the points) instead of shades', async () => {
    const snap = await first({ ...DEFAULT_NETWORK_SETTINGS, seed: 2 });
    const colours = (rows: string[]): number =>
      new Set(rows.join('').match(/\x1b\[[34]8;5;\d+m/g) ?? []).size;
    const shaded = decisionMap(snap, 40, 20, false, 'ansi256', false);
    const flat = decisionMap(snap, 40, 20, false, 'ansi256', true);
    // Two region colours (blue, orange) and the two point colours, fg and bg codes of each.
    expect(colours(flat)).toBeLessThanOrEqual(8);
    expect(colours(shaded)).toBeGreaterThan(colours(flat));
    const regions = (rows: string[]): Set<string> =>
      new Set(rows.join('').match(/\x1b\[48;5;\d+m/g) ?? []);
    expect(regions(flat).size).toBeLessThanOrEqual(2);
  });
});

describe('initZero', () => {
  it('starts from zero weights; the Playground biases stay 0.1 and the hidden neurons stay alike', async () => {
    const settings: NetworkSettings = {
      ...DEFAULT_NETWORK_SETTINGS,
      mode: 'playground',
      initZero: true,
      layers: [3, 2],
      seed: 4,
    };
    const session = networkSession(settings);
    const at0 = await session.next({ capture: true });
    if (at0.done === true) throw new Error('ended');
    const json0 = at0.value.model?.toJSON() as MLPJSON;
    for (const w of json0.weights.flat(2)) expect(Number(w)).toBe(0);
    for (const b of json0.biases.flat()) expect(b).toBe(0.1);
    for (let i = 0; i < 20; i++) await session.next(undefined);
    const later = await session.next({ capture: true });
    await session.return(undefined);
    if (later.done === true) throw new Error('ended');
    const json = later.value.model?.toJSON() as MLPJSON;
    // Symmetry is never broken: the three neurons of layer 1 keep equal incoming weights.
    const w1 = json.weights[0] as unknown as number[][]; // [inputs][neurons]
    for (const row of w1) {
      expect(Number(row[1])).toBe(Number(row[0]));
      expect(Number(row[2])).toBe(Number(row[0]));
    }
    // ... and training did move them off zero (the output weights learn first).
    expect(json.weights.flat(2).some((w) => Number(w) !== 0)).toBe(true);
  });

  it('is a setting that restarts the run', () => {
    let s = select(initialState({ lab: 'network', running: false }), 'initZero');
    s = right(s);
    expect(s.network.settings.initZero).toBe(true);
    expect(s.network.generation).toBe(1);
    expect(screen(s)).toMatch(/zero init\s+on/);
  });
});

describe('Playground URL keys: honoured or warned about', () => {
  it('honours discretize and initZero', async () => {
    const p = await settingsFromPlaygroundUrl('#discretize=true&initZero=true');
    expect(p).toMatchObject({ discretize: true, initZero: true });
  });

  it('a default URL gives no warning', async () => {
    const warnings: string[] = [];
    await settingsFromPlaygroundUrl(
      'https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.51284&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
      (w) => warnings.push(w),
    );
    expect(warnings).toEqual([]);
  });

  it.each([
    [{ cosX: true }, /cosX ignored/],
    [{ cosX: true, cosY: true }, /cosX and cosY ignored/],
    [{ collectStats: true }, /collectStats ignored/],
    [{ tutorial: 'tour' }, /tutorial tour ignored/],
    [{ hideText: true }, /hideText ignored/],
    [{ hidden: ['percTrainData', 'noise'] }, /percTrainData_hide, noise_hide ignored/],
    [{ learningRate: 0 }, /learningRate 0 is not > 0; using 0.00001/],
    [{ percTrainData: 95 }, /percTrainData 95 is outside the Playground's 10..90; using 90/],
    [{ x: false, y: false }, /no input feature is on; using x₁ and x₂/],
  ])('warns about %o', (change, message) => {
    const warnings: string[] = [];
    fromPlaygroundSettings({ ...DEFAULT_PLAYGROUND_SETTINGS, ...change }, (w) => warnings.push(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
  });

  it('every key of the parsed state is read by the mapping (a new key must be mapped or warned)', () => {
    // Each key changed from its default must change the settings or produce a warning.
    const changed: Record<string, unknown> = {
      activation: 'relu',
      regularization: 'L2',
      batchSize: 3,
      dataset: 'xor',
      learningRate: 0.1,
      regularizationRate: 0.01,
      noise: 10,
      networkShape: [3],
      seed: '0.5',
      showTestData: true,
      discretize: true,
      percTrainData: 70,
      x: false,
      y: false,
      xTimesY: true,
      xSquared: true,
      ySquared: true,
      cosX: true,
      sinX: true,
      cosY: true,
      sinY: true,
      collectStats: true,
      tutorial: 't',
      problem: 'regression',
      initZero: true,
      hideText: true,
      hidden: ['noise'],
      regDataset: 'reg-gauss',
    };
    expect(Object.keys(changed).sort()).toEqual(Object.keys(DEFAULT_PLAYGROUND_SETTINGS).sort());
    const base = fromPlaygroundSettings(DEFAULT_PLAYGROUND_SETTINGS);
    for (const [key, value] of Object.entries(changed)) {
      const warnings: string[] = [];
      // regDataset acts with the regression problem (as in the Playground).
      const extra = key === 'regDataset' ? { problem: 'regression' as const } : {};
      const out = fromPlaygroundSettings(
        { ...DEFAULT_PLAYGROUND_SETTINGS, ...extra, [key]: value },
        (w) => warnings.push(w),
      );
      const ref =
        key === 'regDataset'
          ? fromPlaygroundSettings({ ...DEFAULT_PLAYGROUND_SETTINGS, problem: 'regression' })
          : base;
      expect(JSON.stringify(out) !== JSON.stringify(ref) || warnings.length > 0, key).toBe(true);
    }
  });
});

describe('footer of the diagram at small sizes', () => {
  it.each([[60], [80]])(
    'at %i columns shows the selected layer’s keys that fit and ends with "? help", never cut',
    (width) => {
      const s = press(initialState({ lab: 'network', running: false }), 'e');
      const status = stripAnsi(appView(s, width, 24).at(-1) ?? '').trimEnd();
      expect(status).toMatch(/^layer 1 \(4\): \+\/- neurons/);
      expect(status.endsWith('? help')).toBe(true);
      expect(status).not.toMatch(/…/);
    },
  );
});
