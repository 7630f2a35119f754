/**
 * Issue 8, item 6: `pnpm start` as a user runs it from a directory of their own. `pnpm start --
 * --help` (and `pnpm run start --help`) showed an error or pnpm's help instead of termgrad's,
 * relative paths resolved against apps/termgrad, and the JSON summary said "classes":3 for circle.
 * (`pnpm start --help` without `--` is answered by pnpm itself before any script runs.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'termgrad-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `pnpm -C <repo> <args>` run from `dir`, as `cd dir && pnpm start …` inside the repo would. */
function pnpm(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('pnpm', ['-C', ROOT, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pnpm start', () => {
  it.each([[['start', '--', '--help']], [['run', 'start', '--help']]])(
    'pnpm %j shows termgrad’s help',
    (args) => {
      const r = pnpm(args);
      expect(r.err).not.toMatch(/too many arguments/);
      expect(r.out).toMatch(/Usage: termgrad \[options\] \[command\]/);
      expect(r.code).toBe(0);
    },
    120_000,
  );

  it('resolves relative --data and --save paths against the directory pnpm was run in', () => {
    const rows = ['a,b,label'];
    for (let i = 0; i < 30; i++)
      rows.push(
        i % 2 === 0
          ? `${2 + (i % 5) / 10},${1 + (i % 3) / 10},1`
          : `${-2 - (i % 5) / 10},${-1 - (i % 3) / 10},0`,
      );
    writeFileSync(join(dir, 'mine.csv'), rows.join('\n') + '\n');
    const r = pnpm([
      'start',
      '--',
      '--headless',
      '--epochs',
      '2',
      '--data',
      'mine.csv',
      '--save',
      'saved.json',
    ]);
    expect(r.err).not.toMatch(/error|cannot/i);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'saved.json'))).toBe(true);
    expect(existsSync(join(ROOT, 'apps', 'termgrad', 'saved.json'))).toBe(false);
    const saved = JSON.parse(readFileSync(join(dir, 'saved.json'), 'utf8')) as {
      settings: { dataset: string };
    };
    expect(saved.settings.dataset).toBe('csv');
  }, 120_000);
});

describe('JSON summary of the network lab', () => {
  it('names the classes the data has: 2 for circle (not the blobs setting), K for blobs, none for regression', async () => {
    const parse = async (
      args: string[],
    ): Promise<{ classes?: number; settings: Record<string, unknown> }> => {
      const r = await cli([
        'network',
        '--headless',
        '--json',
        '--epochs',
        '1',
        '--samples',
        '100',
        ...args,
      ]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out.at(-1) ?? '{}') as {
        classes?: number;
        settings: Record<string, unknown>;
      };
    };
    const circle = await parse([]);
    expect(circle.classes).toBe(2);
    expect(circle.settings).not.toHaveProperty('classes');
    const blobs = await parse(['--dataset', 'blobs', '--classes', '4']);
    expect(blobs.classes).toBe(4);
    expect(blobs.settings['classes']).toBe(4);
    const plane = await parse(['--dataset', 'plane']);
    expect(plane).not.toHaveProperty('classes');
  });
});
