/**
 * Saves that cannot be done fail before training, on one line `could not save to <path>: <reason>`
 * without internal temporary names; temporary files of killed saves are removed at the next start.
 * Also the curve lab's session mismatches.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

/** A session file as JSON, for editing. */
type Doc = {
  settings: Record<string, unknown>;
  data: Record<string, unknown>;
  model: unknown;
  epoch?: number;
  [key: string]: unknown;
};

import { checkSaveTarget, removeStaleTemps, saveSession } from '../src/persist.js';
import { DEFAULT_CURVE_SETTINGS } from '../src/settings/curve-settings.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'termgrad-bad-saves-'));
});

function refusedBeforeTraining(
  r: { code: number; err: string[]; out: string[] },
  ...parts: string[]
): void {
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^termgrad: could not save to /);
  for (const p of parts) expect(r.err[0]).toContain(p);
  expect(r.err[0]).not.toContain('.tmp');
  // Nothing was trained: no epoch line.
  expect(r.out).toEqual([]);
}

describe('--save to a place that cannot take the file', () => {
  it('a directory that does not exist', async () => {
    const target = join(dir, 'missing', 'x.json');
    refusedBeforeTraining(
      await cli(['network', '--headless', '--epochs', '50', '--save', target]),
      target,
      `directory ${join(dir, 'missing')} does not exist`,
    );
  });

  it('a path under a regular file', async () => {
    const file = join(dir, 'plain.txt');
    await writeFile(file, 'x');
    refusedBeforeTraining(
      await cli(['classify', '--headless', '--save', join(file, 'x.json')]),
      `${file} is not a directory`,
    );
  });

  it('a path that is a directory', async () => {
    const d = join(dir, 'adir');
    await mkdir(d);
    refusedBeforeTraining(
      await cli(['curve', '--headless', '--save', d]),
      `could not save to ${d}: it is a directory`,
    );
  });

  it('a save that works leaves the file and no temporary file', async () => {
    const target = join(dir, 'ok.json');
    const r = await cli(['curve', '--headless', '--save', target]);
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ lab: 'curve' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('saveSession failing mid-way removes its temporary file and names only the target', async () => {
    const d = join(dir, 'target-is-dir');
    await mkdir(join(d, 'x.json'), { recursive: true });
    const before = await readdir(d);
    await expect(
      saveSession(join(d, 'x.json'), {
        lab: 'curve',
        settings: DEFAULT_CURVE_SETTINGS,
        model: null,
      }),
    ).rejects.toThrow(/^could not save to .*x\.json: it is a directory$/);
    expect(await readdir(d)).toEqual(before);
    await expect(checkSaveTarget(join(d, 'y.json'))).resolves.toBe(join(d, 'y.json'));
    expect(await readdir(d)).toEqual(before);
  });
});

describe('temporary files of killed saves', () => {
  it('are removed at the next start; a save still running (live pid) and other files are kept', async () => {
    const d = await mkdtemp(join(tmpdir(), 'termgrad-stale-'));
    const target = join(d, 'run.json');
    // pid 2^22 + 1 is above Linux's pid_max default and never alive.
    const dead = `run.json.${2 ** 22 + 1}.1700000000000.tmp`;
    const live = `run.json.${process.pid}.1700000000001.tmp`;
    const other = 'other.json.1.2.tmp';
    for (const f of [dead, live, other]) await writeFile(join(d, f), '{');
    const r = await cli(['curve', '--headless', '--save', target]);
    expect(r.code).toBe(0);
    expect((await readdir(d)).sort()).toEqual([other, live, 'run.json'].sort());
    expect(await removeStaleTemps(target)).toEqual([]);
  });
});

describe('curve --load mismatches', () => {
  let saved = '';
  beforeAll(async () => {
    saved = join(dir, 'curve.json');
    expect((await cli(['curve', '--headless', '--save', saved])).code).toBe(0);
  });

  for (const [flags, field, was, given] of [
    [['--m', '5'], 'm', '3', '5'],
    [['--ln-lambda', '-10'], 'lnLambda', '-inf', '-10'],
    [['--n', '20'], 'n', '10', '20'],
    [['--noise-sd', '0.1'], 'noiseSd', '0.3', '0.1'],
    [['--seed', '1'], 'seed', '3', '1'],
  ] as const) {
    it(`${flags.join(' ')}: refused, naming ${field}`, async () => {
      const r = await cli(['--load', saved, '--headless', ...flags]);
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(`${field}: the session has ${was}, ${flags[0]} gives ${given}`);
    });
  }

  it('--max-m (display only) applies to the loaded fit', async () => {
    const r = await cli(['--load', saved, '--headless', '--max-m', '4']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('M '))).toHaveLength(5);
  });

  it('settings.m edited against the saved polynomial: refused, naming both', async () => {
    const d = JSON.parse(await readFile(saved, 'utf8')) as Doc;
    d.settings['m'] = 6;
    const f = join(dir, 'curve-m.json');
    await writeFile(f, JSON.stringify(d));
    const r = await cli(['--load', f, '--headless']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain('settings.m is 6, the saved polynomial has degree 3');
  });
});
