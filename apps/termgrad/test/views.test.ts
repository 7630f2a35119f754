import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { Session } from '../src/driver/snapshots.js';
import { stripAnsi, visibleWidth } from '../src/render/index.js';
import type { LabId } from '../src/settings/lab.js';
import type { Action } from '../src/state/actions.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

async function lastCaptured<S>(session: Session<S>, epochs: number): Promise<S> {
  let last: S | undefined;
  for (let i = 0; i < epochs; i++) {
    const r = await session.next(undefined);
    if (r.done) break;
    last = r.value;
  }
  const r = await session.next({ capture: true });
  await session.return(undefined);
  const value = r.done ? last : r.value;
  if (value === undefined) throw new Error('session produced nothing');
  return value;
}

async function trained(lab: LabId, color: 'none' | 'truecolor' = 'none'): Promise<AppState> {
  const f = await createSessionFactory();
  let s = initialState({ lab, color, network: { seed: 3 } });
  let action: Action;
  if (lab === 'curve')
    action = {
      type: 'curveSnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.curve(s.curve.settings), 20),
    };
  else if (lab === 'classify')
    action = {
      type: 'classifySnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.classify(s.classify.settings), 0),
    };
  else
    action = {
      type: 'networkSnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.network(s.network.settings), 3),
      losses: [
        { epoch: 1, train: 0.7, test: 0.7 },
        { epoch: 2, train: 0.6, test: 0.65 },
        { epoch: 3, train: 0.5, test: 0.55 },
      ],
    };
  s = reducer(s, action);
  return s;
}

const SIZES: readonly [number, number][] = [
  [60, 20],
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 60],
];

describe('appView', () => {
  for (const lab of ['curve', 'classify', 'network'] as const) {
    for (const [w, h] of SIZES) {
      it(`draws the ${lab} lab in exactly ${w}×${h}`, async () => {
        const s = await trained(lab);
        const rows = appView(s, w, h);
        expect(rows).toHaveLength(h);
        for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(w);
        const text = rows.join('\n');
        expect(text).toContain('termgrad');
        if (lab === 'curve') expect(text).toContain('M = 3');
        if (lab === 'classify') expect(text).toContain('Generative');
        if (lab === 'network') expect(text).toMatch(/epoch 2\b/); // epoch 0 comes first, so three steps reach epoch 2
      });
    }
  }

  it('wraps the network stats instead of cutting off accuracy and output bias', async () => {
    const s = await trained('network');
    for (const [w, h] of [
      [110, 34],
      [200, 60],
    ] as const) {
      const text = appView(s, w, h).join('\n');
      expect(text).toMatch(/acc \d+\.\d% \/ \d+\.\d%/);
      expect(text).toMatch(/out bias -?\d/);
      expect(text).toMatch(/\d+ train \/ \d+ test/);
    }
  });

  it('wraps the classification legend and the network model line instead of cutting them at 120×40', async () => {
    for (const color of ['none', 'truecolor'] as const) {
      const c = await trained('classify', color);
      const text = stripAnsi(appView(c, 120, 40).join('\n'));
      expect(text).not.toMatch(/\S…\s*$/m); // nothing cut with an ellipsis
      expect(text).toMatch(/\[-\d+(\.\d+)?, \d+(\.\d+)?\]/); // the axis range whole, on one row
      expect(text).toMatch(color === 'none' ? /points x: class 0/ : /orange: class 0/);
    }
    let n = await trained('network');
    for (const action of [
      { type: 'changeFieldByKey', key: 'mode', dir: 1 },
      { type: 'changeFieldByKey', key: 'activation', dir: 1 },
    ] as const)
      n = reducer(n, action);
    n = {
      ...n,
      network: {
        ...n.network,
        history: Array.from({ length: 2000 }, (_, i) => ({
          epoch: i + 1,
          train: 1 / (i + 1),
          test: 1 / (i + 1),
        })),
      },
    };
    const text = stripAnsi(appView(n, 120, 40).join('\n'));
    expect(text).toMatch(
      new RegExp(`playground · x₁ x₂ → 4-2\\s+→\\s+${n.network.settings.activation}`),
    );
    expect(text).toMatch(/test\s.*1–2000/);
    // The problem-type row picks plane; the data field then cycles the regression sets only.
    const r = reducer(
      reducer(await trained('network'), { type: 'changeFieldByKey', key: 'problem', dir: 1 }),
      { type: 'changeFieldByKey', key: 'dataset', dir: -1 },
    );
    const regression = {
      ...r,
      network: {
        ...r.network,
        snapshot:
          n.network.snapshot === null
            ? null
            : { ...n.network.snapshot, data: { ...n.network.snapshot.data, classes: 1 } },
      },
    };
    const reg = stripAnsi(appView(regression, 120, 40).join('\n'));
    // Five output biases (softmax over 5 blobs) wrap instead of being cut.
    const snap = n.network.snapshot;
    if (snap?.model === undefined) throw new Error('no model in the snapshot');
    const five = {
      ...n,
      network: {
        ...n.network,
        snapshot: {
          ...snap,
          model: { ...snap.model, outputBias: [-0.369, -0.13, 0.313, -0.15, 0.271] },
        },
      },
    };
    expect(stripAnsi(appView(five, 120, 40).join('\n'))).toMatch(/-0\.15,\s+0\.271/);
    expect(reg).toMatch(/multi-gauss · regression, linear\s/);
    expect(reg).toMatch(/\soutput\s/);
  });

  it('keeps widths exact with truecolor escapes', async () => {
    const s = await trained('network', 'truecolor');
    const rows = appView(s, 100, 30);
    expect(rows.join('')).toContain('\x1b[');
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(100);
  });

  it('draws one row fewer than a 60×20 terminal without calling it too small', () => {
    const rows = appView(initialState(), 60, 19, 0, 'none', 20);
    expect(rows).toHaveLength(19);
    expect(rows.join('\n')).not.toContain('bigger terminal');
    expect(appView(initialState(), 60, 18, 0, 'none', 19).join('\n')).toContain(
      'this one is 60×19',
    );
  });

  it('asks for a bigger terminal below 60×20', () => {
    const rows = appView(initialState(), 50, 12);
    expect(rows).toHaveLength(12);
    expect(rows.join('\n')).toContain('at least 60×20');
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(50);
  });

  it('shows every key on the help screen', () => {
    const s = reducer(initialState(), { type: 'toggleHelp' });
    const text = appView(s, 100, 30).join('\n');
    for (const k of ['Tab', 'space', 'save', 'quit', 'activation']) expect(text).toContain(k);
  });
});

describe('network lab neuron maps', () => {
  /** Rows of the frame whose right column (from `from`) holds heat-map cells (half blocks). */
  const mapRows = (rows: string[], from: number): number =>
    rows.filter((r) => [...stripAnsi(r)].slice(from).some((c) => c === '▀' || c === '▄')).length;

  it('use the height at 200×60: the 4-neuron layer maps fill more than 3 rows each', async () => {
    const s = await trained('network', 'truecolor');
    const rows = appView(s, 200, 60);
    // Right column at 200×60: panel 28 + 1, decision map 84 + 1; the diagram is there.
    const used = mapRows(rows, 114);
    // 4 neurons stacked in layer 1: at 3 rows each they gave 12 rows; at least 4 rows each now.
    expect(used).toBeGreaterThanOrEqual(16);
    expect(rows).toHaveLength(60);
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(200);
  });

  it('stay within the frame at every size, for a deep and a wide network', async () => {
    const base = await trained('network', 'truecolor');
    const f = await createSessionFactory();
    for (const layers of [[8, 8, 8, 8, 8, 8], [8], [1]]) {
      const settings = { ...base.network.settings, layers };
      const snapshot = await lastCaptured(f.network(settings), 1);
      const s: AppState = { ...base, network: { ...base.network, settings, snapshot } };
      for (const [w, h] of SIZES) {
        const rows = appView(s, w, h);
        expect(rows).toHaveLength(h);
        for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(w);
      }
    }
  });
});
