/**
 * End-to-end: editing the network lab in tmux (the BUILT app) as a person would, by keys and by
 * mouse (SGR reports sent into the pane as the terminal would send them), at 80×24.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { APP_DIR, CLI, ensureBuilt } from './helpers/built-app.js';

const sessions: TmuxSession[] = [];
function open(width: number, height: number, args: string[]): TmuxSession {
  const s = startSession({ command: ['node', CLI, ...args], width, height, env: {}, cwd: APP_DIR });
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

/** The architecture in the diagram's title ("network 4-2"). */
const arch = (sc: string): string | null =>
  sc.match(/network (\d+(?:-\d+)*|no hidden) /)?.[1] ?? null;

/** 1-based terminal cell of `text` on the screen (searched from row `fromRow`, column `fromCol`, 0-based). */
function cellOf(
  screen: string,
  text: string | RegExp,
  fromRow = 0,
  fromCol = 0,
): { x: number; y: number } {
  const rows = screen.split('\n');
  for (let y = fromRow; y < rows.length; y++) {
    const row = rows[y] ?? '';
    const rest = row.slice(fromCol);
    const i = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
    // Every glyph of these screens is one UTF-16 unit and one column.
    if (i >= 0) return { x: fromCol + i + 1, y: y + 1 };
  }
  throw new Error(`${String(text)} is not on the screen:\n${screen}`);
}

const click = (s: TmuxSession, x: number, y: number): void => {
  s.sendKeys(`\x1b[<0;${x};${y}M`, { literal: true });
  s.sendKeys(`\x1b[<0;${x};${y}m`, { literal: true });
};
const wheel = (s: TmuxSession, up: boolean, x: number, y: number): void =>
  s.sendKeys(`\x1b[<${up ? 64 : 65};${x};${y}M`, { literal: true });

describe('network editing in tmux at 80×24', () => {
  it('shows settings, map, network and chart; edits layers and neurons by keys', async () => {
    const s = open(80, 24, ['network', '--seed', '3']);
    const first = await s.waitFor(
      (sc) =>
        /data circle/.test(sc) && arch(sc) === '4-2' && /loss \(log\)/.test(sc) && /x: x₁/.test(sc)
          ? sc
          : null,
      {
        timeoutMs: 30_000,
        what: 'settings, map, diagram and loss chart',
      },
    );
    expect(first.screen).not.toMatch(/enlarge terminal/);
    expect(s.display('#{mouse_sgr_flag}')).toBe('1'); // mouse reports on while the dashboard runs
    s.sendKeys('e', { literal: true });
    await s.waitFor(/layer 1 \(4\): \+\/- neurons/, {
      timeoutMs: 15_000,
      what: 'the footer keys of layer 1',
    });
    const steps: [string, string][] = [
      ['+', '5-2'],
      [']', '5-2-2'],
      ['+', '5-3-2'],
      ['[', '5-2'],
      ['-', '4-2'],
    ];
    for (const [key, want] of steps) {
      s.sendKeys(key, { literal: true });
      await s.waitFor((sc) => (arch(sc) === want ? true : null), {
        timeoutMs: 15_000,
        what: `network ${want} after ${key}`,
      });
    }
    // Epochs continue on the new network.
    await s.waitFor((sc) => Number(sc.match(/epoch (\d+)/)?.[1] ?? 0) >= 5, {
      timeoutMs: 30_000,
      what: 'training on the edited network',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
    expect(s.display('#{mouse_sgr_flag}')).toBe('0'); // and off again after the exit
    expect(s.display('#{mouse_standard_flag}')).toBe('0');
  });

  it('mouse: a click toggles a feature and selects a setting, the wheel changes neurons and values', async () => {
    const s = open(80, 24, ['network', '--seed', '3']);
    const { screen } = await s.waitFor(
      (sc) => (arch(sc) === '4-2' && /sin x₂/.test(sc) ? sc : null),
      { timeoutMs: 30_000, what: 'the diagram' },
    );
    const header = cellOf(screen, /in\s+4\s+2\s+out/);
    // The x₁² thumbnail: right of its label in the diagram (not the settings bar above).
    const sq = cellOf(screen, 'x₁² ', header.y, header.x - 8);
    click(s, sq.x + 4, sq.y);
    await s.waitFor(/input x₁²: on/, { timeoutMs: 15_000, what: 'x₁² switched on by a click' });
    await s.waitFor(/input x₁² \[x\]/, { timeoutMs: 15_000, what: 'the settings to show x₁² on' });
    // The wheel over layer 1's size: one neuron more per notch.
    const four = cellOf(screen, ' 4 ', header.y - 1, header.x - 1);
    wheel(s, true, four.x + 1, four.y);
    await s.waitFor((sc) => (arch(sc) === '5-2' ? true : null), {
      timeoutMs: 15_000,
      what: 'network 5-2 after the wheel',
    });
    wheel(s, false, four.x + 1, four.y);
    await s.waitFor((sc) => (arch(sc) === '4-2' ? true : null), {
      timeoutMs: 15_000,
      what: 'network 4-2 after the wheel back',
    });
    // A click on "noise %" in the settings bar selects it; the wheel raises it.
    const now = s.capture();
    const noise = cellOf(now, 'noise %');
    click(s, noise.x + 1, noise.y);
    await s.waitFor(/noise %: 0 \(←→\)/, { timeoutMs: 15_000, what: 'noise selected by a click' });
    wheel(s, true, noise.x + 1, noise.y);
    await s.waitFor(/noise %: 5 \(←→\)/, { timeoutMs: 15_000, what: 'noise raised by the wheel' });
    // No mouse report leaked into the keys (an "M" or digits would have been typed somewhere).
    expect(s.capture()).not.toMatch(/\[<\d/);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  });

  it('early stopping on validation data stops, restores the best epoch and draws three curves', async () => {
    const s = open(80, 24, [
      'network',
      '--dataset',
      'spiral',
      '--noise',
      '40',
      '--samples',
      '200',
      '--layers',
      '8,8',
      '--lr',
      '0.3',
      '--optimizer',
      'adam',
      '--seed',
      '3',
      '--patience',
      '20',
      '--validation',
      '30',
    ]);
    const { screen } = await s.waitFor(
      (sc) => (/■ early stop/.test(sc) && /best epoch \d+ restored/.test(sc) ? sc : null),
      {
        timeoutMs: 60_000,
        what: 'early stopping with the best epoch restored',
      },
    );
    expect(screen).toMatch(/─ train ─ val ─ test/);
    expect(screen).toMatch(/val \d/);
    const stopped = Number(screen.match(/epoch (\d+)/)?.[1]);
    const best = Number(screen.match(/best epoch (\d+) restored/)?.[1]);
    expect(stopped - best).toBeGreaterThanOrEqual(20);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  });
});

describe('the network diagram at 200×60', () => {
  it('draws the weights as links between the layer columns (braille lines), and keeps them while the cursor moves', async () => {
    const s = open(200, 60, ['network', '--seed', '3']);
    /** The diagram's rows between its title and the selected element's details, from its left edge. */
    const diagram = (sc: string): string | null => {
      const rows = sc.split('\n');
      const top = rows.findIndex((r) => /network 4-2 {2}layers/.test(r));
      const bottom = rows.findIndex(
        (r, i) => i > top && /(layer \d+ neuron \d+|output) {2}bias/.test(r),
      );
      if (top < 0 || bottom < 0) return null;
      const x = rows[top]?.indexOf('network 4-2') ?? 0;
      return rows
        .slice(top + 2, bottom)
        .map((r) => r.slice(x))
        .join('\n');
    };
    const links = (sc: string): number =>
      (diagram(sc) ?? '').match(/[\u2801-\u28ff]/g)?.length ?? 0;
    const shown = await s.waitFor((sc) => (/running/.test(sc) && links(sc) >= 20 ? sc : null), {
      timeoutMs: 30_000,
      what: 'links on the network diagram',
    });
    // The map left of it is drawn with half blocks, not braille: the braille is the links'.
    expect(diagram(shown.screen)).toMatch(/x₁/);
    // Select the output (e, then → twice): its incoming links stay drawn, the details name it.
    s.sendKeys(['e', 'Right', 'Right']);
    await s.waitFor((sc) => (/output {2}bias/.test(sc) && links(sc) >= 20 ? true : null), {
      timeoutMs: 15_000,
      what: 'the output selected, links still drawn',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  });
});

describe('the --data CSV in the dashboard', () => {
  it('the data field names the file in both labs, and d comes back to it after the built-in sets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-e2e-csv-'));
    const rows = ['a,b,label'];
    for (let i = 0; i < 40; i++)
      rows.push(
        i % 2 === 0
          ? `${2 + (i % 7) / 10},${1 - (i % 3) / 10},1`
          : `${-2 - (i % 5) / 10},${-1 + (i % 4) / 10},0`,
      );
    const path = join(dir, 'clouds.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const s = open(100, 30, ['network', '--data', path]);
    await s.waitFor(/data\s+clouds\.csv/, {
      timeoutMs: 30_000,
      what: 'the file name in the data field',
    });
    for (const want of ['circle', 'xor', 'gauss', 'spiral', 'blobs']) {
      s.sendKeys('d', { literal: true });
      await s.waitFor(new RegExp(`data\\s+${want}\\b`), {
        timeoutMs: 15_000,
        what: `data ${want}`,
      });
    }
    s.sendKeys('d', { literal: true });
    await s.waitFor(/data\s+clouds\.csv/, {
      timeoutMs: 15_000,
      what: 'the CSV again after the built-in sets',
    });
    s.sendKeys('2', { literal: true });
    await s.waitFor(/data\s+clouds\.csv/, {
      timeoutMs: 15_000,
      what: 'the file name in the classification lab',
    });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit(15_000)).toBe(0);
  });
});
