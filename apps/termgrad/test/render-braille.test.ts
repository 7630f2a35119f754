import { describe, expect, it } from 'vitest';
import {
  BrailleCanvas,
  bresenham,
  RenderError,
  stripAnsi,
  visibleWidth,
} from '../src/render/index.js';

/**
 * Unicode braille: dots numbered 1-8, dot k sets bit k-1 of (code point − U+2800). Layout:
 *   1 4
 *   2 5
 *   3 6
 *   7 8
 */
const DOT_NUMBER = [
  [1, 2, 3, 7], // left column, rows 0..3
  [4, 5, 6, 8], // right column
];
function brailleOf(dots: number[]): string {
  return String.fromCharCode(0x2800 + dots.reduce((a, d) => a | (1 << (d - 1)), 0));
}

describe('BrailleCanvas', () => {
  it('maps each of the 8 pixels of a cell to its Unicode dot', () => {
    for (let dx = 0; dx < 2; dx++) {
      for (let dy = 0; dy < 4; dy++) {
        const c = new BrailleCanvas(1, 1);
        c.pixel(dx, dy);
        expect(c.render('none')).toEqual([brailleOf([DOT_NUMBER[dx]![dy]!])]);
      }
    }
  });
  it('fills a full cell as ⣿ and leaves empty cells as spaces', () => {
    const c = new BrailleCanvas(2, 1);
    for (let x = 0; x < 2; x++) for (let y = 0; y < 4; y++) c.pixel(x, y);
    expect(c.render('none')).toEqual(['⣿ ']);
  });
  it('maps world coordinates with y up', () => {
    const c = new BrailleCanvas(2, 1).setViewport(0, 3, 0, 3);
    c.point(0, 0); // bottom-left → pixel (0, 3)
    c.point(3, 3); // top-right → pixel (3, 0)
    expect(c.isSet(0, 3)).toBe(true);
    expect(c.isSet(3, 0)).toBe(true);
    expect(c.render('none')).toEqual([brailleOf([7]) + brailleOf([4])]);
  });
  it('draws a diagonal line through every pixel on it (Bresenham)', () => {
    const c = new BrailleCanvas(4, 2).setViewport(0, 7, 0, 7);
    c.line(0, 7, 7, 0); // top-left to bottom-right: pixels (i, i)
    for (let i = 0; i < 8; i++) expect(c.isSet(i, i)).toBe(true);
    let count = 0;
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) if (c.isSet(x, y)) count++;
    expect(count).toBe(8);
  });
  it('draws a horizontal line without gaps across the canvas', () => {
    const c = new BrailleCanvas(10, 1).setViewport(-1, 1, -1, 1);
    c.line(-1, 1, 1, 1); // top row of pixels
    expect(c.render('none')).toEqual([brailleOf([1, 4]).repeat(10)]);
  });
  it('draws a sampled function curve continuous across columns', () => {
    const c = new BrailleCanvas(20, 5).setViewport(0, 1, -1, 1);
    c.curve((x) => Math.sin(2 * Math.PI * x));
    // Every pixel column must contain at least one set pixel (a connected curve spanning x).
    for (let x = 0; x < c.pixelWidth; x++) {
      let any = false;
      for (let y = 0; y < c.pixelHeight; y++) any ||= c.isSet(x, y);
      expect(any).toBe(true);
    }
  });
  it('skips non-finite samples and out-of-range points without throwing', () => {
    const c = new BrailleCanvas(4, 2);
    c.curve([0, 1, 2, 3], [0, NaN, 2, Infinity]);
    c.point(1e9, 1e9);
    c.line(-1e12, 0, 1e12, 0);
    expect(c.render('none')).toHaveLength(2);
  });
  it('renders rows of exactly widthChars visible columns, with colour only when asked', () => {
    const c = new BrailleCanvas(7, 3).setViewport(0, 1, 0, 1);
    c.line(0, 0, 1, 1, [255, 0, 0]);
    c.text(0, 0, 'label', [0, 0, 255]);
    const rows = c.render('truecolor');
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(visibleWidth(r)).toBe(7);
    expect(rows.join('')).toContain('\x1b[38;2;255;0;0m');
    expect(stripAnsi(rows[0]!).startsWith('label')).toBe(true);
    const mono = c.render('none');
    expect(mono.join('')).not.toContain('\x1b');
    expect(mono.map(stripAnsi)).toEqual(rows.map(stripAnsi));
  });
  it('lets the last writer set the cell colour', () => {
    const c = new BrailleCanvas(1, 1);
    c.pixel(0, 0, [255, 0, 0]);
    c.pixel(1, 1, [0, 0, 255]);
    expect(c.render('truecolor')[0]).toBe('\x1b[38;2;0;0;255m' + brailleOf([1, 5]) + '\x1b[0m');
  });
  it('rejects bad sizes and empty viewports', () => {
    expect(() => new BrailleCanvas(0, 1)).toThrow(RenderError);
    expect(() => new BrailleCanvas(2.5, 1)).toThrow(RenderError);
    expect(() => new BrailleCanvas(1, 1).setViewport(1, 1, 0, 1)).toThrow(RenderError);
    expect(() => new BrailleCanvas(1, 1).curve([1, 2], [1])).toThrow(RenderError);
  });
});

describe('BrailleCanvas colour runs', () => {
  it('emits one sequence for a run of equal colours given as different arrays', () => {
    const c = new BrailleCanvas(3, 1);
    c.pixel(0, 0, [1, 2, 3]);
    c.pixel(2, 0, [1, 2, 3]);
    c.pixel(4, 0, [1, 2, 3]);
    const row = c.render('truecolor')[0]!;
    expect(row.match(/\x1b\[38;2;1;2;3m/g)).toHaveLength(1);
  });
});

describe('bresenham', () => {
  it('visits max(|dx|, |dy|) + 1 connected pixels from end to end, each within half a pixel of the line', () => {
    for (const [x0, y0, x1, y1] of [
      [0, 0, 5, 2],
      [3, 7, -4, 1],
      [0, 0, 0, 6],
      [2, 2, 9, 2],
      [-3, 5, 4, -9],
      [1, 1, 1, 1],
    ] as const) {
      const px: [number, number][] = [];
      bresenham(x0, y0, x1, y1, (x, y) => px.push([x, y]));
      expect(px).toHaveLength(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) + 1);
      expect(px[0]).toEqual([x0, y0]);
      expect(px.at(-1)).toEqual([x1, y1]);
      for (let i = 1; i < px.length; i++) {
        const [a, b] = [px[i - 1]!, px[i]!];
        expect(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]))).toBe(1);
      }
      // Distance along the minor axis to the ideal line; 0.5 (+ rounding slack) is Bresenham's bound.
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len === 0) continue;
      const major = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
      for (const [x, y] of px) {
        const dist = Math.abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / major;
        expect(dist).toBeLessThanOrEqual(0.5 + 1e-12);
      }
    }
  });
});
