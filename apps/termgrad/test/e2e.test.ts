/**
 * End-to-end: the BUILT app (`node dist/cli.js`) driven in a private tmux server like a person
 * would: read the screen, press keys, resize, quit, and check the terminal is restored. Also the
 * headless mode through a pipe. Needs tmux; CI=true is removed from the app's environment because
 * Ink renders nothing while it is set (toolchain P9).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TmuxSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { removeTmuxConfig, requireTmux, startSession } from '../../../tooling/scripts/e2e-tmux.mjs';
import { APP_DIR, CLI, ensureBuilt } from './helpers/built-app.js';

/** Every number after "loss train" on screen (the network lab's stats line). */
function trainLoss(screen: string): number | null {
  const m = screen.match(/loss train\s+([0-9.e+-]+)/);
  if (m === null) return null;
  const v = Number(m[1]);
  return Number.isFinite(v) ? v : null;
}

function epoch(screen: string): number | null {
  const m = screen.match(/epoch (\d+)/);
  return m === null ? null : Number(m[1]);
}

/** SGR parameter lists of every escape sequence in a capture-pane -e screen. */
function sgrParams(screen: string): string[] {
  return [...screen.matchAll(/\x1b\[([0-9;:]*)m/g)].map((m) => m[1] ?? '');
}

/** Whether an SGR parameter list sets a colour (30-38, 40-48, 90-97, 100-107; 39/49 are defaults). */
function setsColour(params: string): boolean {
  const ps = params.split(/[;:]/).map(Number);
  return ps.some(
    (p) =>
      (p >= 30 && p <= 38) ||
      (p >= 40 && p <= 48) ||
      (p >= 90 && p <= 97) ||
      (p >= 100 && p <= 107),
  );
}

const sessions: TmuxSession[] = [];
function open(
  width: number,
  height: number,
  args: string[] = [],
  env: Record<string, string> = {},
): TmuxSession {
  const s = startSession({ command: ['node', CLI, ...args], width, height, env, cwd: APP_DIR });
  sessions.push(s);
  return s;
}

beforeAll(() => {
  requireTmux();
  ensureBuilt();
}, 120_000);

afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

afterAll(() => {
  removeTmuxConfig();
});

describe('termgrad in tmux', () => {
  it('trains at 100×30: map, falling loss, keys, resize, clean quit', async () => {
    const s = open(100, 30, ['network', '--seed', '1']);
    // The dashboard: tab bar, decision map (half blocks / points), stats with a loss.
    const first = await s.waitFor(
      (sc) => (trainLoss(sc) !== null && /[▀●]/.test(sc) && /termgrad/.test(sc) ? sc : null),
      {
        timeoutMs: 10_000,
        what: 'the dashboard with a loss',
      },
    );
    // Colour: xterm-256 sequences (TERM=xterm-256color, no COLORTERM) on screen.
    expect(s.capture({ escapes: true })).toMatch(/\x1b\[[0-9;]*38;5;\d+/);
    const loss0 = trainLoss(first.screen)!;
    const epoch0 = epoch(first.screen) ?? 0;
    // Training runs: later the epoch has advanced and the loss has fallen.
    const later = await s.waitFor(
      (sc) => {
        const l = trainLoss(sc);
        const e = epoch(sc);
        return l !== null && e !== null && e >= epoch0 + 10 && l < loss0 ? { l, e } : null;
      },
      { timeoutMs: 15_000, what: `the loss to fall below ${loss0} after 10 more epochs` },
    );
    expect(later.match.l).toBeLessThan(loss0);

    // '+' adds a hidden layer: the diagram's title "network 4-2" changes.
    const arch = (sc: string): string | null =>
      sc.match(/network (\d+(?:-\d+)*|no hidden)(?= |…|$)/m)?.[1] ?? null;
    const arch0 = arch(later.screen);
    expect(arch0).toBe('4-2');
    s.sendKeys('+', { literal: true });
    const arch1 = await s.waitFor(
      (sc) => {
        const a = arch(sc);
        return a !== null && a !== arch0 ? a : null;
      },
      { what: 'the layer count to change after +' },
    );
    expect(arch1.match.split('-').length).toBe(3);

    // Select the learning rate (j moves down the panel; the status line names the selected
    // setting as "label: value (←→)") and raise it with →. Each j waits for the selection to
    // move, so a slow frame cannot make us overshoot.
    const selectedField = (sc: string): string | null =>
      sc.match(/^\s*(\S[^:\n]*?): [^\n]*?\(←→\)/m)?.[1] ?? null;
    let lrLine: RegExpMatchArray | null = null;
    for (let i = 0; i < 30 && lrLine === null; i++) {
      const sc = s.capture();
      lrLine = sc.match(/learning rate: ([0-9.e+-]+) \(←→\)/);
      if (lrLine === null) {
        const before = selectedField(sc);
        s.sendKeys('j', { literal: true });
        await s.waitFor((sc2) => (selectedField(sc2) !== before ? true : null), {
          timeoutMs: 3000,
          what: `the selection to move from ${before}`,
        });
      }
    }
    expect(lrLine, 'the status line never showed "learning rate:"').not.toBeNull();
    const lr0 = Number(lrLine![1]);
    s.sendKeys('Right');
    const lr1 = await s.waitFor(
      (sc) => {
        const m = sc.match(/learning rate: ([0-9.e+-]+) \(←→\)/);
        return m !== null && Number(m[1]) !== lr0 ? Number(m[1]) : null;
      },
      { what: 'the learning rate to change after →' },
    );
    expect(lr1.match).toBeGreaterThan(lr0);

    // Resize: the dashboard re-lays out to the new width and height.
    s.resize(140, 40);
    await s.waitFor(
      (sc) => {
        const lines = sc.split('\n');
        const widest = Math.max(...lines.map((l) => [...l.trimEnd()].length));
        return widest > 100 && /termgrad/.test(lines[0] ?? '') && trainLoss(sc) !== null
          ? true
          : null;
      },
      { what: 'a re-layout using more than 100 columns after resizing to 140×40' },
    );

    // Quit: exit code 0, alternate screen left, cursor visible, dashboard gone.
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
    expect(s.display('#{alternate_on}')).toBe('0');
    expect(s.display('#{cursor_flag}')).toBe('1');
    expect(s.capture()).not.toMatch(/loss train/);
  }, 45_000);

  it.each([
    [60, 20],
    [200, 60],
  ])(
    'lays out the whole dashboard at %i×%i',
    async (w, h) => {
      const s = open(w, h, ['network', '--seed', '2']);
      const { screen } = await s.waitFor(
        (sc) => {
          const small = sc.match(/at least (\d+)×(\d+), this one is (\d+)×(\d+)/);
          if (small !== null && w >= Number(small[1]) && h >= Number(small[2])) {
            throw new Error(
              `a ${w}×${h} terminal meets the app's own minimum ${small[1]}×${small[2]}, but it shows the too-small message and says "this one is ${small[3]}×${small[4]}"`,
            );
          }
          return trainLoss(sc) !== null && /[▀●]/.test(sc) ? sc : null;
        },
        { timeoutMs: 10_000, what: `the dashboard at ${w}×${h}` },
      );
      const lines = screen.replace(/\n$/, '').split('\n');
      expect(lines).toHaveLength(h);
      // The tab bar is still on the first row (nothing scrolled) and the status line at the bottom
      // (the last row: the app positions every row itself and never writes a newline, so nothing scrolls).
      expect(lines[0]).toMatch(/termgrad/);
      expect(lines.slice(-2).join('\n')).toMatch(/play\/pause|\(←→\)/);
      s.sendKeys('q', { literal: true });
      expect(await s.waitForExit()).toBe(0);
    },
    20_000,
  );

  it('honours NO_COLOR: no colour escape sequences on screen, shapes instead', async () => {
    const s = open(100, 30, ['network', '--seed', '1'], { NO_COLOR: '1' });
    const { screen } = await s.waitFor((sc) => (trainLoss(sc) !== null ? sc : null), {
      escapes: true,
      what: 'the dashboard under NO_COLOR',
    });
    const colourSeqs = sgrParams(screen).filter(setsColour);
    expect(
      colourSeqs,
      `colour SGR sequences under NO_COLOR: ${colourSeqs.slice(0, 5).join(' | ')}`,
    ).toEqual([]);
    // The decision map uses shapes instead of colour: shading glyphs, and no half blocks (whose
    // meaning is two colours).
    expect(screen).toMatch(/[·░▒▓█]/);
    expect(screen).not.toContain('▀');
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
  }, 20_000);

  it('shows a message in a tiny terminal and still quits', async () => {
    const s = open(40, 12, ['network']);
    await s.waitFor(/bigger terminal|need \d+x\d+/, { what: 'the tiny-terminal message' });
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
    expect(s.display('#{alternate_on}')).toBe('0');
  }, 20_000);

  it('redraws cleanly after shrinking: every row fits, tab bar on top, status at the bottom', async () => {
    const s = open(140, 40, ['network', '--seed', '3']);
    await s.waitFor((sc) => (trainLoss(sc) !== null ? true : null), {
      what: 'the dashboard at 140×40',
    });
    s.resize(80, 24);
    const { screen } = await s.waitFor(
      (sc) => {
        const lines = sc.replace(/\n$/, '').split('\n');
        // Rows of the old, wider frame would wrap into extra lines or leave text past column 80.
        return lines.length === 24 &&
          lines.every((l) => [...l].length <= 80) &&
          /termgrad/.test(lines[0] ?? '') &&
          /\(←→\)/.test(lines[23] ?? '') &&
          trainLoss(sc) !== null
          ? sc
          : null;
      },
      { what: 'a clean 80×24 frame after shrinking' },
    );
    expect(screen).not.toMatch(/at least \d+×\d+/);
    s.sendKeys('q', { literal: true });
    expect(await s.waitForExit()).toBe(0);
  }, 20_000);

  // Conventional exit status of a process ended by a signal: 128 + its number. SIGINT sent from
  // outside (kill -INT) used to leave the alternate screen on and the cursor hidden.
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGQUIT', 131],
    ['SIGUSR1', 138],
    ['SIGUSR2', 140],
  ] as const)(
    'restores the terminal on an external %s (exit %i)',
    async (signal, code) => {
      const s = open(100, 30, ['network']);
      await s.waitFor((sc) => (trainLoss(sc) !== null ? true : null), { what: 'the dashboard' });
      // The pane runs `sh -c "env … node …; echo EXITED"`; env execs node, the shell's only child.
      const shell = s.display('#{pane_pid}');
      const node =
        execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
      expect(node).toMatch(/^\d+$/);
      process.kill(Number(node), signal);
      expect(await s.waitForExit()).toBe(code);
      expect(s.display('#{alternate_on}')).toBe('0');
      expect(s.display('#{cursor_flag}')).toBe('1');
    },
    20_000,
  );

  it('restores the terminal on Ctrl-C and exits 130 like an interrupted program', async () => {
    const s = open(100, 30, ['network']);
    await s.waitFor(/termgrad/, { what: 'the dashboard' });
    s.sendKeys('C-c');
    expect(await s.waitForExit()).toBe(130);
    expect(s.display('#{alternate_on}')).toBe('0');
    expect(s.display('#{cursor_flag}')).toBe('1');
  }, 20_000);
});

describe('termgrad headless in a pipe', () => {
  it('prints progress lines and exits 0', () => {
    const out = execFileSync(
      'bash',
      ['-o', 'pipefail', '-c', `node ${JSON.stringify(CLI)} network --epochs 5 --seed 1 | cat`],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(out).not.toMatch(/\x1b\[/);
    // One progress line per epoch with its training loss, epochs 1..5 in order.
    const epochs = [...out.matchAll(/epoch (\d+)\b.*?loss train ([0-9.e+-]+)/g)].map((m) => ({
      epoch: Number(m[1]),
      loss: Number(m[2]),
    }));
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const e of epochs) expect(Number.isFinite(e.loss)).toBe(true);
    // Training lowers the loss over 5 epochs (seeded run).
    expect(epochs[4]!.loss).toBeLessThan(epochs[0]!.loss);
  });
  it('prints JSON lines with --json', () => {
    const r = spawnSync('node', [CLI, 'network', '--epochs', '5', '--seed', '1', '--json'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const epochLines = parsed.filter((o) => o['type'] === 'epoch');
    expect(epochLines.map((o) => o['epoch'])).toEqual([1, 2, 3, 4, 5]);
    for (const o of epochLines) expect(typeof o['trainLoss']).toBe('number');
    expect(parsed.at(-1)?.['type']).toBe('summary');
  });
  it('opens a TensorFlow Playground URL (--playground) and rejects a bad one naming the key', () => {
    const url =
      'https://playground.tensorflow.org/#activation=relu&networkShape=3&dataset=xor&learningRate=0.1';
    const r = spawnSync('node', [CLI, 'network', '--playground', url, '--epochs', '2', '--json'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
      settings?: Record<string, unknown>;
    };
    expect(summary.settings).toMatchObject({
      activation: 'relu',
      layers: [3],
      dataset: 'xor',
      learningRate: 0.1,
    });
    const bad = spawnSync(
      'node',
      [CLI, 'network', '--playground', '#activation=softplus', '--epochs', '1'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/"activation".*relu, tanh, sigmoid, linear.*"softplus"/);
  });
  it('stops quietly when the reader of the pipe goes away (| head -1)', () => {
    // 10^8 epochs would run for hours: the run must end on the closed pipe, without a stack trace.
    const t0 = Date.now();
    const r = spawnSync(
      'sh',
      ['-c', `node "${CLI}" network --json --epochs 100000000 | head -n 1`],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim()) as { type?: string }).toMatchObject({ type: 'epoch' });
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
