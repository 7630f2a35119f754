/**
 * End-to-end (issue 8 item 1): the pacer's time-based fallback on a terminal that never answers
 * the cursor-position request the app sends after each frame. The built app runs in a pty of its
 * own behind a relay (helpers/silent-terminal.mjs) that takes every `ESC[6n` out of its output,
 * shown in tmux: tmux never sees a request, so no reply ever comes. The app must keep drawing
 * (epochs advance on screen), answer a key, and exit 0 on q.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { APP_DIR, CLI, ensureBuilt } from './helpers/built-app.js';

const RELAY = join(APP_DIR, 'test', 'helpers', 'silent-terminal.mjs');

const sessions: TmuxSession[] = [];
let tmp = '';

beforeAll(() => {
  requireTmux();
  if (spawnSync('script', ['--version']).status !== 0)
    throw new Error('util-linux `script` is required for this e2e test (apt-get install bsdutils)');
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'termgrad-e2e-silent-'));
}, 120_000);
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeTmuxConfig();
});

const epochOf = (sc: string): number => Number(sc.match(/epoch (\d+)/)?.[1] ?? -1);

describe('a terminal that never answers the pacing requests', () => {
  it('still gets frames (by time), answers a key, and q exits 0', async () => {
    const stats = join(tmp, 'silent.json');
    const s = startSession({
      command: ['node', RELAY, stats, 'node', CLI, 'network', '--seed', '3'],
      width: 100,
      height: 30,
      cwd: APP_DIR,
    });
    sessions.push(s);
    const first = await s.waitFor((sc) => (/running/.test(sc) && epochOf(sc) >= 0 ? sc : null), {
      timeoutMs: 30_000,
      what: 'the dashboard running',
    });
    // Frames keep coming although no request is ever answered: the epoch on screen advances,
    // several times (after the first unanswered requests the pace is the fps cap).
    let seen = epochOf(first.screen);
    for (let i = 0; i < 3; i++) {
      const next = await s.waitFor((sc) => (epochOf(sc) > seen ? sc : null), {
        timeoutMs: 15_000,
        intervalMs: 50,
        what: `an epoch after ${seen} on screen`,
      });
      seen = epochOf(next.screen);
    }
    // The app did ask (the relay swallowed its requests), so the frames came from the fallback;
    // and at a time-based pace (the fps cap, 15), not one frame per 1 s request timeout: a
    // generous bound of 4 frames/s over 3 s.
    type Stats = { swallowed: number; frames: number; t: number };
    const read = (): Stats => JSON.parse(readFileSync(stats, 'utf8')) as Stats;
    const a = read();
    await new Promise((r) => setTimeout(r, 3000));
    const b = read();
    expect(b.swallowed).toBeGreaterThanOrEqual(4);
    expect((b.frames - a.frames) / ((b.t - a.t) / 1000)).toBeGreaterThan(4);
    // A key is answered: space pauses, within a generous bound (a correctness check).
    const t0 = Date.now();
    s.sendKeys('Space');
    await s.waitFor(/paused/, { timeoutMs: 10_000, intervalMs: 50, what: 'paused after space' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
    // Nothing the app sent for pacing leaked onto the shell.
    expect(s.capture()).not.toMatch(/\d+;\d+R/);
  }, 90_000);
});
