/**
 * End-to-end (issue 8 item 6): `pnpm start` as a user runs it, from a directory of their own, in
 * tmux: the `s` key saves the session into that directory (pnpm's INIT_CWD), not into
 * apps/termgrad where pnpm runs the script.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(APP_DIR, '..', '..');

const sessions: TmuxSession[] = [];
let tmp = '';

beforeAll(() => {
  requireTmux();
  tmp = mkdtempSync(join(tmpdir(), 'termgrad-e2e-start-'));
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeTmuxConfig();
});

describe('pnpm start in a directory of the user', () => {
  it('the s key saves the session there (not in apps/termgrad)', async () => {
    const dir = mkdtempSync(join(tmp, 'user-'));
    const name = 'termgrad-curve.json';
    rmSync(join(APP_DIR, name), { force: true });
    const s = startSession({
      command: ['pnpm', '-C', ROOT, 'start', '--', 'curve'],
      width: 100,
      height: 30,
      cwd: dir,
    });
    sessions.push(s);
    await s.waitFor(/E_RMS/, { timeoutMs: 90_000, what: 'the curve lab' });
    s.sendKeys('s', { literal: true });
    const saved = await s.waitFor(/saved \//, { timeoutMs: 20_000, what: 'the saved message' });
    expect(saved.screen).toContain(`saved ${join(dir, name)}`);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(30_000)).toBe(0);
    expect(existsSync(join(dir, name))).toBe(true);
    expect(existsSync(join(APP_DIR, name))).toBe(false);
    const session = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { lab: string };
    expect(session.lab).toBe('curve');
  }, 150_000);
});
