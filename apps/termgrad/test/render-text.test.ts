import { describe, expect, it } from 'vitest';
import {
  box,
  centerVisible,
  fitFrame,
  fitVisible,
  hstack,
  padEndVisible,
  RenderError,
  stripAnsi,
  truncateVisible,
  visibleWidth,
  vstack,
} from '../src/render/index.js';

const RED = '\x1b[31m';
const RST = '\x1b[0m';

describe('stripAnsi', () => {
  it('removes SGR, cursor and OSC sequences', () => {
    expect(stripAnsi(`${RED}a${RST}\x1b[2Kb\x1b]0;title\x07c\x1b[38;2;1;2;3md`)).toBe('abcd');
  });
});

describe('visibleWidth', () => {
  it('counts braille, block and box characters as one column', () => {
    expect(visibleWidth('⣿▀█░│┌─●◆')).toBe(9);
  });
  it('ignores escape sequences', () => {
    expect(visibleWidth(`${RED}ab${RST}`)).toBe(2);
  });
  it('counts CJK as two and combining marks as zero', () => {
    expect(visibleWidth('漢字')).toBe(4);
    expect(visibleWidth('e\u0301')).toBe(1);
  });
});

describe('truncateVisible', () => {
  it('cuts with an ellipsis to exactly the width', () => {
    expect(truncateVisible('abcdef', 4)).toBe('abc…');
    expect(truncateVisible('abcdef', 4, '')).toBe('abcd');
    expect(truncateVisible('ab', 4)).toBe('ab');
  });
  it('keeps escape sequences and resets at the end', () => {
    const t = truncateVisible(`${RED}abcdef${RST}`, 3, '');
    expect(stripAnsi(t)).toBe('abc');
    expect(t.startsWith(RED)).toBe(true);
    expect(t.endsWith(RST)).toBe(true);
  });
  it('never splits a wide character across the limit', () => {
    expect(visibleWidth(truncateVisible('a漢字', 2, ''))).toBe(1);
  });
  it('rejects a negative width', () => {
    expect(() => truncateVisible('a', -1)).toThrow(RenderError);
  });
});

describe('padEndVisible / fitVisible / centerVisible', () => {
  it('pads coloured text by visible width', () => {
    expect(padEndVisible(`${RED}ab${RST}`, 4)).toBe(`${RED}ab${RST}  `);
  });
  it('fits to exactly the width', () => {
    for (const s of ['', 'ab', 'abcdefgh', `${RED}⣿⣿⣿⣿⣿⣿${RST}`])
      expect(visibleWidth(fitVisible(s, 5))).toBe(5);
  });
  it('centres', () => {
    expect(centerVisible('ab', 6)).toBe('  ab  ');
  });
});

describe('hstack / vstack', () => {
  it('places blocks side by side padded to each block width', () => {
    expect(hstack([['a', 'bb'], ['c']], 1)).toEqual(['a  c', 'bb  ']);
  });
  it('measures coloured blocks by visible width', () => {
    const rows = hstack([[`${RED}xy${RST}`], ['z']], 2);
    expect(visibleWidth(rows[0]!)).toBe(5);
  });
  it('stacks vertically with a gap', () => {
    expect(vstack([['a'], ['b', 'c']], 1)).toEqual(['a', '', 'b', 'c']);
  });
});

describe('box', () => {
  it('draws a titled box exactly width wide', () => {
    expect(box('Loss', ['0.25'], 10)).toEqual(['┌─ Loss ─┐', '│0.25    │', '└────────┘']);
  });
  it('truncates long content and titles and honours height', () => {
    const rows = box('A very long title', ['a row that is far too long'], 12, { height: 5 });
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(visibleWidth(r)).toBe(12);
  });
  it('rejects a width below 2', () => {
    expect(() => box('x', [], 1)).toThrow(RenderError);
  });
});

describe('fitFrame', () => {
  it('forces exact rows and columns', () => {
    expect(fitFrame(['abcdef'], 3, 2)).toEqual(['abc', '   ']);
  });
});
