import { describe, expect, it } from 'vitest';
import { frameBytes, frameDiff, frameUpdate } from '../src/render/index.js';

/** A tiny terminal emulator for the sequences frameUpdate emits (CUP, EL, SGR ignored). */
function applyToScreen(screen: string[], update: string): string[] {
  const s = [...screen];
  let row = 0;
  let col = 0;
  const re = /\x1b\[(\d+);(\d+)H|\x1b\[K|\x1b\[[0-9;]*m|([^\x1b])/gu;
  for (const m of update.matchAll(re)) {
    if (m[1] !== undefined) {
      row = Number(m[1]) - 1;
      col = Number(m[2]) - 1;
    } else if (m[0] === '\x1b[K') {
      s[row] = (s[row] ?? '').slice(0, col);
    } else if (m[3] !== undefined) {
      const line = [...(s[row] ?? '')];
      while (line.length < col) line.push(' ');
      line[col] = m[3];
      s[row] = line.join('');
      col++;
    }
  }
  return s;
}

describe('frameBytes', () => {
  it('counts UTF-8 bytes and newlines', () => {
    // 'ab' = 2 bytes, '⣿' = 3 bytes (U+28FF in UTF-8), one '\n' between them.
    expect(frameBytes(['ab', '⣿'])).toBe(6);
  });
});

describe('frameDiff', () => {
  it('lists changed, added and removed rows', () => {
    expect(frameDiff(['a', 'b'], ['a', 'c', 'd'])).toEqual([1, 2]);
    expect(frameDiff(['a', 'b'], ['a'])).toEqual([1]);
  });
});

describe('frameUpdate', () => {
  it('turns the previous screen into the next one', () => {
    const prev = ['hello', 'world', 'third'];
    const next = ['hello', 'there', 'th'];
    const screen = applyToScreen(prev, frameUpdate(prev, next));
    expect(screen).toEqual(next);
  });
  it('is a full redraw from an empty screen and empty when nothing changed', () => {
    expect(applyToScreen([], frameUpdate([], ['⣿⣿', 'ab']))).toEqual(['⣿⣿', 'ab']);
    expect(frameUpdate(['x'], ['x'])).toBe('');
  });
});
