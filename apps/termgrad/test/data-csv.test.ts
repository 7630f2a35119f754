import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkData } from '../src/driver/network-data.js';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { loadUserData } from '../src/driver/user-data.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { cli } from './helpers/cli.js';

/** Two separable clouds around (±2, ±2), written by hand (deterministic, no generator of the app). */
function cloudsCsv(extraColumns = 0, labels: [string, string] = ['0', '1']): string {
  const rows = [
    'a,b' + Array.from({ length: extraColumns }, (_, j) => `,c${j}`).join('') + ',label',
  ];
  for (let i = 0; i < 40; i++) {
    const k = i % 2;
    const s = k === 1 ? 1 : -1;
    const jitter = ((i * 37) % 11) / 10 - 0.5;
    const extra = Array.from(
      { length: extraColumns },
      (_, j) => `,${((i * (j + 3)) % 7) / 7}`,
    ).join('');
    // Sorted by class in the file (as real files often are): the app must shuffle before splitting.
    rows[1 + (k === 0 ? i / 2 : 20 + (i - 1) / 2)] =
      `${s * 2 + jitter},${s * 2 - jitter}${extra},${labels[k]}`;
  }
  return rows.join('\n') + '\n';
}

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'termgrad-csv-'));
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('@termgrad/datasets regression sets in the network lab', () => {
  it.each(['plane', 'multi-gauss'] as const)(
    '%s is a regression problem with targets in [-1.2, 1.2]',
    (dataset) => {
      const d = networkData({
        ...DEFAULT_NETWORK_SETTINGS,
        dataset,
        problem: 'regression',
        samples: 300,
      });
      expect(d.classes).toBe(1);
      expect(d.train.n + d.test.n).toBe(300);
      const t = d.trainTargets as Float64Array;
      expect(t).toHaveLength(d.train.n);
      // plane: (x₁ + x₂)/10 with x ∈ [-6, 6]² at noise 0; multi-gauss bumps are within [-1, 1].
      for (const v of t) expect(Math.abs(v)).toBeLessThanOrEqual(1.2 + 1e-12);
    },
  );

  it('trains plane with a linear output: the loss falls and the map shows the predicted value', async () => {
    const s = {
      ...DEFAULT_NETWORK_SETTINGS,
      dataset: 'plane' as const,
      problem: 'regression' as const,
      samples: 300,
      seed: 2,
    };
    const session = networkSession(s);
    const first = (await session.next(undefined)).value as NetworkSnapshot;
    let last = first;
    for (let i = 0; i < 20; i++) last = (await session.next(undefined)).value as NetworkSnapshot;
    const captured = (await session.next({ capture: true })).value as NetworkSnapshot;
    await session.return(undefined);
    expect(Number.isNaN(last.trainAccuracy)).toBe(true);
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
    // The output layer is linear: raw outputs beyond tanh's (-1, 1) are possible in principle; the
    // frozen model predicts x₁ + x₂ ≈ 10·t, so (6, 6) must come out clearly positive.
    const out = captured.model?.output(Float64Array.from([6, 6, -6, -6]), 2) as Float64Array;
    expect(out[0]).toBeGreaterThan(0.3);
    expect(out[1]).toBeLessThan(-0.3);
    const state = reducer(initialState({ network: s }), {
      type: 'networkSnapshot',
      generation: 0,
      snapshot: captured,
    });
    expect(appView(state, 120, 40).join('\n')).toContain('predicted value');
  });
});

describe('--data file.csv', () => {
  it('network --headless trains on a 2-feature CSV (labels sorted in the file)', async () => {
    const path = await tempFile('clouds.csv', cloudsCsv());
    const r = await cli([
      'network',
      '--headless',
      '--json',
      '--data',
      path,
      '--epochs',
      '30',
      '--lr',
      '0.3',
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out.at(-1) as string) as {
      type: string;
      testAccuracy: number;
      settings: { dataset: string; problem: string };
    };
    expect(summary.type).toBe('summary');
    expect(summary.settings).toMatchObject({ dataset: 'csv', problem: 'classification' });
    // Two clouds 4 apart with jitter < 1: linearly separable, so a trained net classifies the test half.
    expect(summary.testAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('trains on more than 2 features headless; the dashboard says the map needs 2', async () => {
    const path = await tempFile('wide.csv', cloudsCsv(2, ['no', 'yes']));
    const r = await cli(['network', '--headless', '--data', path, '--epochs', '5']);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^done: 5 epochs/);
    const user = loadUserData(path);
    expect(user).toMatchObject({
      d: 4,
      task: 'classification',
      classes: 2,
      featureNames: ['a', 'b', 'c0', 'c1'],
      classNames: ['no', 'yes'],
    });
    const settings = { ...DEFAULT_NETWORK_SETTINGS, dataset: 'csv' as const };
    const session = networkSession(settings, { user });
    await session.next(undefined);
    const snap = (await session.next({ capture: true })).value as NetworkSnapshot;
    await session.return(undefined);
    const state = reducer(initialState({ network: settings }), {
      type: 'networkSnapshot',
      generation: 0,
      snapshot: snap,
    });
    const text = appView(state, 120, 40).join('\n');
    expect(text).toContain('needs exactly 2 feature columns');
    expect(text).toMatch(/loss train/);
  });

  it('classify --data uses the label column named by --label', async () => {
    const text = cloudsCsv()
      .replace('a,b,label', 'a,b,label')
      .split('\n')
      .map((l) => (l === '' ? l : l.split(',').reverse().join(',')))
      .join('\n');
    const path = await tempFile('label-first.csv', text); // columns: label,b,a
    const r = await cli([
      'classify',
      '--headless',
      '--json',
      '--data',
      path,
      '--label',
      'label',
      '--model',
      'logistic',
      '--epochs',
      '20',
    ]);
    expect(r.err).toEqual([]);
    const summary = JSON.parse(r.out.at(-1) as string) as { accuracy: number; w: number[][] };
    expect(summary.w[0]).toHaveLength(2);
    expect(summary.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('a numeric target with many values is regression', async () => {
    const rows = [
      'x1,x2,y',
      ...Array.from(
        { length: 30 },
        (_, i) => `${i / 10},${(i % 7) / 3},${(i / 10 + (i % 7) / 3).toFixed(3)}`,
      ),
    ];
    const path = await tempFile('reg.csv', rows.join('\n'));
    const r = await cli(['network', '--headless', '--json', '--data', path, '--epochs', '3']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out.at(-1) as string) as {
      settings: { problem: string };
      trainAccuracy: number | null;
    };
    expect(summary.settings.problem).toBe('regression');
    expect(summary.trainAccuracy).toBeNull();
  });

  it('errors from the CSV reader are one clear line', async () => {
    const missing = await cli(['network', '--headless', '--data', '/nonexistent/nope.csv']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toHaveLength(1);
    expect(missing.err[0]).toMatch(
      /^termgrad: loadCsv: cannot read \/nonexistent\/nope\.csv: no such file/,
    );
    const path = await tempFile('bad.csv', 'a,b,label\n1,2,x\n3,oops,y\n');
    const bad = await cli(['classify', '--headless', '--data', path]);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/line 3, column 2 \("b"\): "oops" is not a number/);
  });
});
