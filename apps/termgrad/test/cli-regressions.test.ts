/**
 * Regression tests of issue 8's command-line and session bugs, each from a user's point of view:
 * the command a user typed, its exit code, and what it printed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'termgrad-regress-'));
}

describe('classify --headless --model perceptron', () => {
  it('prints each epoch once (text): epochs 1, 2, 3 and the summary', async () => {
    const r = await cli(['classify', '--headless', '--model', 'perceptron', '--epochs', '3']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('epoch ')).map((l) => l.split(/\s+/)[1])).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(r.out.some((l) => l.startsWith('done: perceptron, 3 epochs'))).toBe(true);
  });

  it('prints each epoch once (--json), and the summary repeats the last epoch line', async () => {
    const r = await cli([
      'classify',
      '--headless',
      '--model',
      'perceptron',
      '--epochs',
      '3',
      '--json',
    ]);
    const rows = r.out.map(
      (l) =>
        JSON.parse(l) as {
          type: string;
          epoch?: number;
          epochs?: number;
          accuracy?: number;
          updates?: number;
        },
    );
    const epochs = rows.filter((x) => x.type === 'epoch');
    expect(epochs.map((x) => x.epoch)).toEqual([1, 2, 3]);
    const summary = rows.at(-1);
    expect(summary?.type).toBe('summary');
    expect(summary?.epochs).toBe(3);
    expect(summary?.accuracy).toBe(epochs.at(-1)?.accuracy);
  });

  it('a perceptron that converges stops at that epoch, marked converged', async () => {
    const r = await cli([
      'classify',
      '--headless',
      '--model',
      'perceptron',
      '--epochs',
      '300',
      '--noise',
      '0',
      '--json',
    ]);
    const rows = r.out.map(
      (l) =>
        JSON.parse(l) as { type: string; epoch?: number; updates?: number; converged?: boolean },
    );
    const epochs = rows.filter((x) => x.type === 'epoch');
    expect(new Set(epochs.map((x) => x.epoch)).size).toBe(epochs.length);
    expect(epochs.at(-1)?.updates).toBe(0);
    expect(rows.at(-1)?.converged).toBe(true);
  });
});

describe('--load', () => {
  it('a non-JSON file: the whole reason on one line (the quoted text is not cut at its newline)', async () => {
    const dir = await tmp();
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'not json\nsecond line\n');
    const r = await cli(['--load', file]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`${file} is not JSON`);
    expect(r.err[0]).toContain('is not valid JSON');
    expect(r.err[0]).toMatch(/\)$/);
  });

  it('termgrad --load <classify session> --epochs N (no lab word) runs N more epochs of that lab', async () => {
    const dir = await tmp();
    const file = join(dir, 'c.json');
    expect(
      (
        await cli([
          'classify',
          '--headless',
          '--model',
          'logistic',
          '--epochs',
          '5',
          '--save',
          file,
        ])
      ).code,
    ).toBe(0);
    const r = await cli(['--load', file, '--headless', '--epochs', '2']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('epoch ')).map((l) => l.split(/\s+/)[1])).toEqual([
      '6',
      '7',
    ]);
    const eq = await cli([`--load=${file}`, '--headless', '--epochs', '3', '--json']);
    expect(
      eq.out
        .map((l) => JSON.parse(l) as { type: string; epoch?: number })
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([6, 7, 8]);
  });

  it('a flag of another lab given with a classify session (no lab word) is an error naming the flag', async () => {
    const dir = await tmp();
    const file = join(dir, 'c.json');
    await cli(['classify', '--headless', '--model', 'logistic', '--epochs', '2', '--save', file]);
    const r = await cli(['--load', file, '--layers', '8,8']);
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('--layers');
  });
});
