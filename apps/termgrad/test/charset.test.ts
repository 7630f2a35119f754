import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { Session } from '../src/driver/snapshots.js';
import { asciiText, detectCharset } from '../src/render/charset.js';
import {
  bg,
  detectColorMode,
  fg,
  rgbToAnsi16,
  stripAnsi,
  visibleWidth,
} from '../src/render/index.js';
import type { LabId } from '../src/settings/lab.js';
import type { Action } from '../src/state/actions.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

describe('detectCharset', () => {
  it('follows LC_ALL, then LC_CTYPE, then LANG; no locale is POSIX C (ASCII)', () => {
    expect(detectCharset({ env: { LANG: 'en_US.UTF-8' } })).toBe('utf8');
    expect(detectCharset({ env: { LANG: 'C.utf8' } })).toBe('utf8');
    expect(detectCharset({ env: { LC_ALL: 'C', LANG: 'en_US.UTF-8' } })).toBe('ascii');
    expect(
      detectCharset({ env: { LC_ALL: '', LC_CTYPE: 'de_DE.ISO-8859-1', LANG: 'en_US.UTF-8' } }),
    ).toBe('ascii');
    expect(detectCharset({ env: { LC_CTYPE: 'en_GB.utf-8', LANG: 'C' } })).toBe('utf8');
    expect(detectCharset({ env: {} })).toBe('ascii');
    expect(detectCharset({ env: { LANG: 'C' }, flag: 'utf8' })).toBe('utf8');
    expect(detectCharset({ env: { LANG: 'en_US.UTF-8' }, flag: 'ascii' })).toBe('ascii');
  });
});

describe('asciiText', () => {
  it('keeps widths and writes ASCII only', () => {
    const s = 'ln λ = −3 · x₁ → ⣿ ╭─╮ ▀▄ ● ∞ x² 漢';
    const a = asciiText(s);
    expect(a).toBe('ln L = -3 . x1 > # .-.    o 8 x2 ??');
    expect(visibleWidth(a)).toBe(visibleWidth(s));
  });
  it('draws braille strokes as ASCII strokes by their dots', () => {
    expect(asciiText('\u2800')).toBe(' ');
    // Dots 1 and 4 (top row only): an apostrophe; dots 7 and 8 (bottom row): a period.
    expect(asciiText('\u2809')).toBe("'");
    expect(asciiText('\u28c0')).toBe('.');
    // Left column bottom, right column top: rising '/'; the reverse: falling '\'.
    expect(asciiText(String.fromCodePoint(0x2800 + 0x40 + 0x04 + 0x08 + 0x10))).toBe('/');
    expect(asciiText(String.fromCodePoint(0x2800 + 0x01 + 0x02 + 0x20 + 0x80))).toBe('\\');
  });
});

describe('colour depth from the terminal', () => {
  it('gives TERM=screen 16 colours, 256color terminals 256, COLORTERM truecolor 24 bits', () => {
    expect(detectColorMode({ env: { TERM: 'screen' }, isTTY: true })).toBe('ansi16');
    expect(detectColorMode({ env: { TERM: 'xterm' }, isTTY: true })).toBe('ansi16');
    expect(detectColorMode({ env: { TERM: 'screen-256color' }, isTTY: true })).toBe('ansi256');
    expect(detectColorMode({ env: { TERM: 'tmux-256color' }, isTTY: true })).toBe('ansi256');
    expect(detectColorMode({ env: { TERM: 'xterm-direct' }, isTTY: true })).toBe('truecolor');
    expect(detectColorMode({ env: { TERM: 'screen', COLORTERM: 'truecolor' }, isTTY: true })).toBe(
      'truecolor',
    );
    expect(detectColorMode({ env: { TERM: 'dumb' }, isTTY: true })).toBe('none');
  });
  it('maps to the nearest of the 16 ANSI colours and writes 16-colour SGR only', () => {
    expect(rgbToAnsi16([250, 5, 5])).toBe(9);
    expect(rgbToAnsi16([0, 0, 0])).toBe(0);
    expect(rgbToAnsi16([250, 250, 250])).toBe(15);
    expect(rgbToAnsi16([225, 225, 225])).toBe(7);
    expect(fg('ansi16', [250, 5, 5])).toBe('\x1b[91m');
    expect(bg('ansi16', [0, 0, 0])).toBe('\x1b[40m');
  });
});

async function lastCaptured<S>(session: Session<S>, epochs: number): Promise<S> {
  let last: S | undefined;
  for (let i = 0; i < epochs; i++) {
    const r = await session.next(undefined);
    if (r.done) break;
    last = r.value;
  }
  const r = await session.next({ capture: true });
  await session.return(undefined);
  const value = r.done ? last : r.value;
  if (value === undefined) throw new Error('session produced nothing');
  return value;
}

async function trained(lab: LabId, color: AppState['color']): Promise<AppState> {
  const f = await createSessionFactory();
  const s = initialState({ lab, color, charset: 'ascii', network: { seed: 3 } });
  let action: Action;
  if (lab === 'curve')
    action = {
      type: 'curveSnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.curve(s.curve.settings), 20),
    };
  else if (lab === 'classify')
    action = {
      type: 'classifySnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.classify(s.classify.settings), 0),
    };
  else
    action = {
      type: 'networkSnapshot',
      generation: 0,
      snapshot: await lastCaptured(f.network(s.network.settings), 3),
      losses: [
        { epoch: 1, train: 0.7, test: 0.7 },
        { epoch: 2, train: 0.6, test: 0.65 },
        { epoch: 3, train: 0.5, test: 0.55 },
      ],
    };
  return reducer(s, action);
}

describe('ASCII screens', () => {
  for (const lab of ['curve', 'classify', 'network'] as const) {
    for (const color of ['none', 'ansi16'] as const) {
      it(`${lab} lab (${color}): no byte >= 0x80 at any size, help included, same widths`, async () => {
        const s = await trained(lab, color);
        for (const [w, h] of [
          [40, 10],
          [60, 20],
          [80, 24],
          [120, 40],
          [200, 60],
        ] as const) {
          for (const state of [s, { ...s, help: true }]) {
            const rows = appView(state, w, h);
            expect(rows).toHaveLength(h);
            for (const r of rows) {
              expect(
                Buffer.from(r, 'utf8').every((b) => b < 0x80),
                r,
              ).toBe(true);
              expect(visibleWidth(r)).toBeLessThanOrEqual(w);
            }
          }
        }
        // The plot is still there: the data points are drawn as 'o' (scatter) or strokes.
        const text = stripAnsi(appView(s, 120, 40).join('\n'));
        expect(text).toMatch(lab === 'curve' ? /[o'.\-/\\|]{3}/ : /o/);
      });
    }
  }
});

describe('terminals without capabilities', () => {
  it('TERM=dumb (or no TERM) refuses the dashboard with one line suggesting --headless', async () => {
    const { runCli } = await import('../src/cli/run.js');
    for (const env of [{ TERM: 'dumb', LANG: 'C.UTF-8' }, { LANG: 'C.UTF-8' }]) {
      const err: string[] = [];
      const code = await runCli(['curve'], {
        stdout: () => {},
        stderr: (t) => err.push(t),
        env,
        isTTY: true,
      });
      expect(code).not.toBe(0);
      expect(err.join('')).toMatch(
        /^termgrad: .*cannot show the dashboard; use --headless[^\n]*\n$/,
      );
    }
  });
  it('writes ASCII-only help and errors under LANG=C', async () => {
    const { runCli } = await import('../src/cli/run.js');
    const out: string[] = [];
    await runCli(['curve', '--help'], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      env: { LANG: 'C' },
      isTTY: false,
    });
    const text = out.join('');
    expect(text).toContain('--charset');
    expect(Buffer.from(text, 'utf8').every((b) => b < 0x80)).toBe(true);
  });
});
