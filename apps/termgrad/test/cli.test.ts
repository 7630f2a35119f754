import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession, parseSession } from '../src/persist.js';
import { cli } from './helpers/cli.js';

describe('termgrad headless', () => {
  it('network --headless --epochs 3 --json prints one JSON line per epoch and a summary', async () => {
    const r = await cli(['network', '--headless', '--epochs', '3', '--json', '--seed', '1']);
    expect(r.code).toBe(0);
    const rows = r.out.map(
      (l) => JSON.parse(l) as { type: string; epoch?: number; trainLoss?: number },
    );
    expect(rows.filter((x) => x.type === 'epoch').map((x) => x.epoch)).toEqual([1, 2, 3]);
    expect(rows.at(-1)?.type).toBe('summary');
    expect(Number.isFinite(rows[0]?.trainLoss)).toBe(true);
  });

  it('runs without a TTY even without --headless (default lab network)', async () => {
    const r = await cli(['--epochs', '2']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^epoch 1 /);
    expect(r.out.at(-1)).toMatch(/^done: 2 epochs/);
  });

  it('curve prints E_RMS for every M and the fit', async () => {
    const r = await cli(['curve', '--headless', '--m', '3', '--max-m', '5']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('M '))).toHaveLength(6);
    expect(r.out.some((l) => l.startsWith('fit: M = 3'))).toBe(true);
  });

  it('classify runs the perceptron epoch by epoch', async () => {
    const r = await cli([
      'classify',
      '--headless',
      '--model',
      'perceptron',
      '--epochs',
      '4',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rows = r.out.map((l) => JSON.parse(l) as { type: string });
    expect(rows.at(-1)?.type).toBe('summary');
  });

  it('a bad value exits non-zero with one line naming the option and the choices', async () => {
    const r = await cli(['network', '--activation', 'foo']);
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('--activation');
    expect(r.err[0]).toContain('tanh');
  });

  it('an unknown option exits non-zero with one line', async () => {
    const r = await cli(['network', '--bogus']);
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('--bogus');
  });

  it('a bad number names the option and the range', async () => {
    const r = await cli(['network', '--lr', 'abc']);
    expect(r.code).not.toBe(0);
    expect(r.err[0]).toContain('--lr');
  });

  it('--version prints the version of the package.json', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.join('').trim()).toBe(version);
  });

  it('--help of a lab exits 0 and lists its flags', async () => {
    const r = await cli(['network', '--help']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('--layers');
  });

  it('--help shows the Playground defaults, yet an unset flag does not override --playground', async () => {
    const help = (await cli(['network', '--help'])).out.join(' ').replace(/\s+/g, ' ');
    // The Playground's own defaults (its state.ts): lr 0.03, batch 10, [4,2] tanh, circle.
    expect(help).toContain('--learning-rate <rate> learning rate (short: --lr) (default: 0.03)');
    expect(help).toContain('mini-batch size (default: 10)');
    expect(help).toMatch(/hidden layer sizes.*\(default: 4,2\)/);
    const r = await cli([
      'network',
      '--headless',
      '--json',
      '--epochs',
      '1',
      '--playground',
      'https://playground.tensorflow.org/#learningRate=0.1&batchSize=5&networkShape=3',
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out.at(-1) ?? '{}');
    expect(summary.settings).toMatchObject({ learningRate: 0.1, batchSize: 5, layers: [3] });
  });

  it('saves atomically and --load reopens model and settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'termgrad-'));
    const path = join(dir, 'net.json');
    const r = await cli([
      'network',
      '--headless',
      '--epochs',
      '2',
      '--layers',
      '3',
      '--save',
      path,
    ]);
    expect(r.code).toBe(0);
    const saved = await loadSession(path);
    expect(saved.lab).toBe('network');
    expect(saved.settings).toMatchObject({ layers: [3] });
    expect((saved.model as { type: string }).type).toBe('MLP');
    const again = await cli(['network', '--headless', '--epochs', '1', '--load', path, '--json']);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.out.at(-1) ?? '{}') as { settings: { layers: number[] } };
    expect(summary.settings.layers).toEqual([3]);
    expect(await readFile(path, 'utf8')).toContain('"format": "termgrad-session"');
  });

  it('rejects an invalid session file with one line', async () => {
    expect(() =>
      parseSession(
        '{"format":"termgrad-session","version":1,"lab":"curve","settings":{"m":-1}}',
        'x.json',
      ),
    ).toThrow(/x.json/);
    const r = await cli(['--load', '/nonexistent/termgrad.json']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
  });

  it('names an unknown lab in one line instead of "too many arguments"', async () => {
    const r = await cli(['curves', '--headless']);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/unknown lab 'curves'/);
    expect(r.err[0]).toMatch(/curve/);
  });

  it('warns on stderr about --playground keys it ignores, and still runs', async () => {
    const r = await cli([
      'network',
      '--headless',
      '--epochs',
      '1',
      '--playground',
      'https://playground.tensorflow.org/#learningrate=0.1&batchSize=5',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['termgrad: --playground: unknown key "learningrate" ignored']);
    expect(r.out.at(-1)).toMatch(/^done: 1 epochs/);
  });

  it('--load continues a saved logistic regression from its weights (classify)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'termgrad-load-'));
    const file = join(dir, 'cls.json');
    const common = ['classify', '--model', 'logistic', '--headless', '--json', '--seed', '4'];
    const saved = await cli([...common, '--epochs', '3', '--save', file]);
    expect(saved.code).toBe(0);
    type Row = { type: string; epoch?: number; w?: number[][]; loss?: number };
    // Reference: one uninterrupted run of 4 iterations; the loaded run's first iteration is the 4th.
    const fresh = (await cli([...common, '--epochs', '4'])).out
      .map((l) => JSON.parse(l) as Row)
      .filter((r) => r.type === 'epoch');
    const loaded = await cli(['classify', '--load', file, '--headless', '--json', '--epochs', '1']);
    expect(loaded.code).toBe(0);
    const first = loaded.out.map((l) => JSON.parse(l) as Row).find((r) => r.type === 'epoch');
    // Same iterations in the same order; only the JSON's 6 significant digits differ.
    expect(first?.loss).toBeCloseTo(fresh[3]?.loss ?? NaN, 5);
    expect(first?.loss).not.toBeCloseTo(fresh[0]?.loss ?? NaN, 5);
  });
});
