/**
 * A run whose loss blows up, from a user's point of view: the run stops with exit 1 and one
 * sentence that says it diverged, where, that the last good weights were restored, and what to
 * try — said once, not repeated inside itself.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

describe('network --headless at a learning rate that diverges', () => {
  it('plane regression, linear units, learning rate 10: one sentence, once, exit 1', async () => {
    const r = await cli([
      'network',
      '--headless',
      '--dataset',
      'plane',
      '--activation',
      'linear',
      '--learning-rate',
      '10',
      '--epochs',
      '50',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    const line = r.err[0] ?? '';
    expect(line).toMatch(/^termgrad: training diverged at step \d+ \(epoch \d+\)/);
    expect(line.match(/diverged/g)).toHaveLength(1);
    expect(line).toContain('the last good parameters were restored');
    expect(line).toContain('smaller learning rate');
  });

  it('a loaded run that diverges counts its epochs on from the saved epoch', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'termgrad-diverge-')), 'plane.json');
    const ok = await cli([
      'network',
      '--headless',
      '--dataset',
      'plane',
      '--activation',
      'linear',
      '--learning-rate',
      '0.01',
      '--epochs',
      '5',
      '--save',
      file,
    ]);
    expect(ok.code).toBe(0);
    const r = await cli(['--load', file, '--headless', '--learning-rate', '10', '--epochs', '50']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    const epoch = Number(/\(epoch (\d+)\)/.exec(r.err[0] ?? '')?.[1]);
    expect(epoch).toBeGreaterThan(5);
  });

  it('by trend (finite loss): xor, linear units, Adam at learning rate 10 — the rule named once, the start restored', async () => {
    const r = await cli([
      'network',
      '--headless',
      '--dataset',
      'xor',
      '--activation',
      'linear',
      '--layers',
      '8',
      '--optimizer',
      'adam',
      '--learning-rate',
      '10',
      '--epochs',
      '30',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    const line = r.err[0] ?? '';
    expect(line).toMatch(
      /^termgrad: training diverged at epoch \d+: the loss rose to [0-9.e+]+, over 10 times its best [0-9.]+ .* for 2 epochs; the parameters of .* were restored; try a smaller learning rate$/,
    );
    expect(line.match(/diverged/g)).toHaveLength(1);
    // Every epoch printed before it had a finite loss: the run stopped on the trend, not on a NaN.
    for (const l of r.out.filter((x) => x.startsWith('epoch ')))
      expect(l).not.toMatch(/NaN|Infinity/);
  });
});
