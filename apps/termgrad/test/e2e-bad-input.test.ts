/**
 * Bad input to the dashboard, in tmux, as a person meets it: a session saved paused opens paused;
 * a `--save` destination that cannot take the file stops before the dashboard opens (the terminal
 * never leaves the normal screen); `s` to a place that cannot be written says
 * `could not save to <path>: <reason>` and the dashboard keeps training; external signals are
 * covered in e2e.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { CLI, ensureBuilt } from './helpers/built-app.js';

const sessions: TmuxSession[] = [];
function open(args: string[], cwd: string, width = 100): TmuxSession {
  const s = startSession({ command: ['node', CLI, ...args], width, height: 30, env: {}, cwd });
  sessions.push(s);
  return s;
}

function epoch(screen: string): number | null {
  const m = screen.match(/epoch (\d+)/);
  return m === null ? null : Number(m[1]);
}

beforeAll(() => {
  requireTmux();
  ensureBuilt();
}, 180_000);

afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

afterAll(() => {
  removeTmuxConfig();
});

describe('dashboard bad input', () => {
  it('a session saved paused opens paused at its epoch, and space resumes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-e2e-paused-'));
    const file = join(dir, 'n.json');
    execFileSync('node', [CLI, 'network', '--headless', '--epochs', '7', '--save', file], {
      stdio: 'ignore',
    });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...doc, paused: true }));
    const s = open(['--load', file], dir);
    const { screen } = await s.waitFor(
      (sc) => (/paused/.test(sc) && epoch(sc) !== null ? sc : null),
      { timeoutMs: 10_000, what: 'the paused dashboard' },
    );
    expect(epoch(screen)).toBe(7);
    await new Promise((r) => setTimeout(r, 1000));
    expect(epoch(s.capture())).toBe(7);
    s.sendKeys(' ', { literal: true });
    await s.waitFor((sc) => ((epoch(sc) ?? 0) > 7 ? true : null), {
      timeoutMs: 10_000,
      what: 'training to resume',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
  }, 30_000);

  it('--save into a missing directory stops before the dashboard opens, exit 1, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-e2e-save-'));
    const target = join(dir, 'nope', 'x.json');
    const s = open(['network', '--save', target], dir);
    expect(await s.waitForExit()).toBe(1);
    const screen = s.capture().replace(/\n/g, '');
    expect(screen).toContain(
      `could not save to ${target}: directory ${join(dir, 'nope')} does not exist`,
    );
    expect(screen).not.toContain('.tmp');
    expect(s.display('#{alternate_on}')).toBe('0');
  }, 20_000);

  it('s where the save path is a directory: the message names it, training goes on, q exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-e2e-s-'));
    mkdirSync(join(dir, 'termgrad-network.json'));
    const s = open(['network'], dir, 200);
    await s.waitFor((sc) => (epoch(sc) !== null ? true : null), {
      timeoutMs: 10_000,
      what: 'the dashboard',
    });
    s.sendKeys('s', { literal: true });
    const { screen } = await s.waitFor((sc) => (/could not save to/.test(sc) ? sc : null), {
      timeoutMs: 10_000,
      what: 'the save message',
    });
    expect(screen).toContain(
      `could not save to ${join(dir, 'termgrad-network.json')}: it is a directory`,
    );
    expect(screen).not.toContain('.tmp');
    const e0 = epoch(screen) ?? 0;
    await s.waitFor((sc) => ((epoch(sc) ?? 0) > e0 + 3 ? true : null), {
      timeoutMs: 10_000,
      what: 'training to go on',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
  }, 30_000);
});
