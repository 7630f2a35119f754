/**
 * End-to-end: the digits lab in tmux (the BUILT app) as a person uses it, by keys and by mouse
 * (SGR reports, drags included, sent into the pane as the terminal sends them), at 80×24 and 120×40.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { APP_DIR, CLI, ensureBuilt } from './helpers/built-app.js';

const sessions: TmuxSession[] = [];
function open(
  width: number,
  height: number,
  args: string[],
  env: Record<string, string> = {},
): TmuxSession {
  const s = startSession({ command: ['node', CLI, ...args], width, height, env, cwd: APP_DIR });
  sessions.push(s);
  return s;
}

beforeAll(() => {
  requireTmux();
  ensureBuilt();
}, 180_000);
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => removeTmuxConfig());

const click = (s: TmuxSession, x: number, y: number, button = 0): void => {
  s.sendKeys(`\x1b[<${button};${x};${y}M`, { literal: true });
  s.sendKeys(`\x1b[<${button};${x};${y}m`, { literal: true });
};

/** Row `y` (0-based) of the screen. */
const row = (screen: string, y: number): string => screen.split('\n')[y] ?? '';
/** The p(class|x) bars next to the pad at 80×24 (screen rows 3..12, columns 17..30). */
const bars = (screen: string): string =>
  screen
    .split('\n')
    .slice(3, 13)
    .map((r) => r.slice(17, 31))
    .join('\n');

describe('digits lab in tmux', () => {
  it('80×24 without colour: the pad inks by mouse click and drag and by keys, p(class|x) follows, v shows the confusion matrix', async () => {
    const s = open(80, 24, ['digits', '--seed', '1'], { NO_COLOR: '1' });
    const env = await s.waitFor(
      (sc) =>
        /rows of A/.test(sc) && /draw: e or mouse/.test(sc) && /epoch \d+/.test(sc) ? sc : null,
      { timeoutMs: 30_000, what: 'weight images, pad and metrics' },
    );
    expect(env.screen).toMatch(/A0/);
    expect(s.display('#{mouse_sgr_flag}')).toBe('1');
    s.sendKeys(' ', { literal: true }); // pause: the bars then change only with the pad
    await s.waitFor(/❚❚/, { timeoutMs: 15_000, what: 'paused' });
    const before = bars(s.capture());
    // A click on the pad's top-left pixel (screen cell 1,4) inks it: 2 columns of █.
    click(s, 1, 4);
    await s.waitFor((sc) => (row(sc, 3).startsWith('██') ? true : null), {
      timeoutMs: 15_000,
      what: 'pixel (0,0) inked by a click',
    });
    // A drag along pad row 1 inks pixels 2..5.
    s.sendKeys('\x1b[<0;5;5M', { literal: true });
    for (const x of [7, 9, 11]) s.sendKeys(`\x1b[<32;${x};5M`, { literal: true });
    s.sendKeys('\x1b[<0;11;5m', { literal: true });
    await s.waitFor((sc) => (row(sc, 4).slice(4, 12) === '████████' ? true : null), {
      timeoutMs: 15_000,
      what: 'pixels 2..5 of row 1 inked by a drag',
    });
    await s.waitFor((sc) => (bars(sc) !== before ? true : null), {
      timeoutMs: 15_000,
      what: 'p(class|x) to change with the drawing',
    });
    // Keys: e focuses the pad, c clears it, l moves the cursor, space inks.
    s.sendKeys('e', { literal: true });
    await s.waitFor(/pad: ←→↑↓ move/, { timeoutMs: 15_000, what: 'the pad focused' });
    s.sendKeys('c', { literal: true });
    await s.waitFor(
      (sc) => (!row(sc, 3).startsWith('██') && !row(sc, 4).includes('██') ? true : null),
      { timeoutMs: 15_000, what: 'the pad cleared' },
    );
    s.sendKeys(' l', { literal: true });
    // Painting moves the cursor: the drag left it on pixel (5,1) (screen row 4, columns 10..11);
    // space inks it and l moves on, so the row reads ██ then the cursor [].
    await s.waitFor((sc) => (row(sc, 4).slice(10, 14) === '██[]' ? true : null), {
      timeoutMs: 15_000,
      what: 'pixel (5,1) inked by space',
    });
    s.sendKeys('ev', { literal: true });
    await s.waitFor(/confusion matrix \(test images\)/, {
      timeoutMs: 15_000,
      what: 'the confusion matrix after v',
    });
    expect(s.capture()).not.toMatch(/\[<\d/);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  }, 90_000);

  it('120×40: weight images, confusion matrix, most wrong and training images at once; m switches the model', async () => {
    const s = open(120, 40, ['digits', '--seed', '1', '--model', 'mlp']);
    const first = await s.waitFor(
      (sc) =>
        /strongest hidden units/.test(sc) &&
        /confusion \(test\)/.test(sc) &&
        /most wrong test images/.test(sc) &&
        /training images and their labels/.test(sc) &&
        /epoch ([2-9]|\d\d)/.test(sc)
          ? sc
          : null,
      {
        timeoutMs: 40_000,
        what: 'every panel of the wide layout',
      },
    );
    expect(first.screen).toMatch(/t\\p\s+0\s+1\s+2/);
    expect(first.screen).toMatch(/\d→\d \.\d\d/);
    for (const r of first.screen.split('\n')) expect(r.length).toBeLessThanOrEqual(120);
    s.sendKeys('m', { literal: true });
    await s.waitFor(/model\s+softmax/, {
      timeoutMs: 15_000,
      what: 'the next model (mlp → softmax)',
    });
    await s.waitFor(/rows of A: one weight image per class/, {
      timeoutMs: 20_000,
      what: 'the weight images of A',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  }, 90_000);

  it('X on the drawing pad exports the MLP next to the save file (ONNX and TF.js)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-e2e-digits-'));
    const save = join(dir, 'digits.json');
    const s = open(80, 24, ['digits', '--seed', '1', '--model', 'mlp', '--save', save]);
    await s.waitFor(/epoch \d+/, { timeoutMs: 30_000, what: 'training under way' });
    s.sendKeys('eX', { literal: true });
    await s.waitFor(/exported .*digits\.onnx/, { timeoutMs: 20_000, what: 'the export message' });
    expect(existsSync(join(dir, 'digits.onnx'))).toBe(true);
    expect(existsSync(join(dir, 'digits-tfjs', 'model.json'))).toBe(true);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  }, 90_000);
});
