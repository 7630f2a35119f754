import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import type { Rgb } from '../src/render/index.js';
import {
  bg,
  detectColorMode,
  divergingColor,
  fg,
  mixRgb,
  PLAYGROUND_BLUE,
  PLAYGROUND_ORANGE,
  PLAYGROUND_WHITE,
  paint,
  RESET,
  rgbToAnsi256,
} from '../src/render/index.js';

/** The xterm palette 16..255 built from its definition (independent of the mapping code). */
function xtermPalette(): Map<number, Rgb> {
  const m = new Map<number, Rgb>();
  const lv = [0, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
  for (let r = 0; r < 6; r++) {
    for (let g = 0; g < 6; g++) {
      for (let b = 0; b < 6; b++) m.set(16 + r * 36 + g * 6 + b, [lv[r]!, lv[g]!, lv[b]!]);
    }
  }
  for (let i = 0; i < 24; i++) m.set(232 + i, [8 + 10 * i, 8 + 10 * i, 8 + 10 * i]);
  return m;
}

function bruteNearestDistance(rgb: Rgb, pal: Map<number, Rgb>): number {
  let best = Infinity;
  for (const c of pal.values()) {
    const d = (c[0] - rgb[0]) ** 2 + (c[1] - rgb[1]) ** 2 + (c[2] - rgb[2]) ** 2;
    best = Math.min(best, d);
  }
  return best;
}

describe('detectColorMode', () => {
  it('returns none when NO_COLOR is set to a non-empty value', () => {
    expect(detectColorMode({ env: { NO_COLOR: '1', COLORTERM: 'truecolor' }, isTTY: true })).toBe(
      'none',
    );
  });
  it('ignores an empty NO_COLOR (no-color.org: set and non-empty)', () => {
    expect(detectColorMode({ env: { NO_COLOR: '' }, isTTY: true })).toBe('ansi256');
  });
  it('returns none for --no-color even with truecolor', () => {
    expect(detectColorMode({ env: { COLORTERM: 'truecolor' }, isTTY: true, flag: false })).toBe(
      'none',
    );
  });
  it('detects truecolor from COLORTERM truecolor or 24bit', () => {
    expect(detectColorMode({ env: { COLORTERM: 'truecolor' }, isTTY: true })).toBe('truecolor');
    expect(detectColorMode({ env: { COLORTERM: '24bit' }, isTTY: true })).toBe('truecolor');
  });
  it('defaults to ansi256 on a TTY', () => {
    expect(detectColorMode({ env: { TERM: 'xterm-256color' }, isTTY: true })).toBe('ansi256');
  });
  it('returns none without a TTY unless forced', () => {
    expect(detectColorMode({ env: { COLORTERM: 'truecolor' }, isTTY: false })).toBe('none');
    expect(detectColorMode({ env: { COLORTERM: 'truecolor' }, isTTY: false, flag: true })).toBe(
      'truecolor',
    );
    expect(detectColorMode({ env: {}, isTTY: false, flag: 'ansi256' })).toBe('ansi256');
    expect(detectColorMode({ env: { FORCE_COLOR: '1' }, isTTY: false })).toBe('ansi256');
  });
  it('returns none for TERM=dumb and FORCE_COLOR=0', () => {
    expect(detectColorMode({ env: { TERM: 'dumb' }, isTTY: true })).toBe('none');
    expect(detectColorMode({ env: { FORCE_COLOR: '0' }, isTTY: true })).toBe('none');
  });
  it('lets an explicit --color flag override NO_COLOR (no-color.org allows it)', () => {
    expect(detectColorMode({ env: { NO_COLOR: '1' }, isTTY: true, flag: true })).toBe('ansi256');
  });
});

describe('rgbToAnsi256', () => {
  it('maps exact palette colours to their own index', () => {
    for (const [idx, rgb] of xtermPalette()) {
      // Some greys exist twice (cube grey == ramp grey is impossible: levels differ), so exact match.
      expect(rgbToAnsi256(rgb)).toBe(idx);
    }
  });
  it('picks a colour at minimal distance (brute force over the 240 colours)', () => {
    const pal = xtermPalette();
    const rng = new Random(7);
    for (let k = 0; k < 2000; k++) {
      const rgb: Rgb = [rng.int(0, 256), rng.int(0, 256), rng.int(0, 256)];
      const idx = rgbToAnsi256(rgb);
      const c = pal.get(idx)!;
      const d = (c[0] - rgb[0]) ** 2 + (c[1] - rgb[1]) ** 2 + (c[2] - rgb[2]) ** 2;
      // The cube is searched per channel (nearest level per channel), which is exact for a
      // separable cube; the grey ramp is searched by mean. Both give the true minimum distance.
      expect(d).toBe(bruteNearestDistance(rgb, pal));
    }
  });
  it('clamps out-of-range channels', () => {
    expect(rgbToAnsi256([300, -5, 0])).toBe(196);
  });
});

describe('fg / bg / paint', () => {
  it('writes truecolor and 256-colour SGR sequences', () => {
    expect(fg('truecolor', [1, 2, 3])).toBe('\x1b[38;2;1;2;3m');
    expect(bg('truecolor', [1, 2, 3])).toBe('\x1b[48;2;1;2;3m');
    expect(fg('ansi256', [255, 0, 0])).toBe('\x1b[38;5;196m');
    expect(bg('ansi256', [0, 0, 255])).toBe('\x1b[48;5;21m');
  });
  it('writes nothing in mode none', () => {
    expect(fg('none', [1, 2, 3])).toBe('');
    expect(bg('none', [1, 2, 3])).toBe('');
    expect(paint('none', 'hi', { fg: [1, 2, 3], bold: true })).toBe('hi');
  });
  it('wraps text with a trailing reset', () => {
    expect(paint('ansi256', 'hi', { fg: [255, 0, 0], bold: true })).toBe(
      '\x1b[1m\x1b[38;5;196mhi' + RESET,
    );
  });
});

describe('divergingColor', () => {
  it('hits the Playground stops at -1, 0, +1', () => {
    expect(divergingColor(-1)).toEqual([0xf5, 0x93, 0x22]);
    expect(divergingColor(0)).toEqual([0xe8, 0xea, 0xeb]);
    expect(divergingColor(1)).toEqual([0x08, 0x77, 0xbd]);
  });
  it('clamps values outside [-1, 1] and maps NaN to the middle', () => {
    expect(divergingColor(-5)).toEqual(PLAYGROUND_ORANGE);
    expect(divergingColor(5)).toEqual(PLAYGROUND_BLUE);
    expect(divergingColor(NaN)).toEqual(PLAYGROUND_WHITE);
  });
  it('is the channel midpoint halfway between stops', () => {
    // (0xe8 + 0x08) / 2 = 120, (0xea + 0x77) / 2 = 176.5 → 177 (round half up), (0xeb + 0xbd) / 2 = 212
    expect(divergingColor(0.5)).toEqual([120, 177, 212]);
    expect(mixRgb([0, 0, 0], [255, 255, 255], 0.5)).toEqual([128, 128, 128]);
  });
});
