import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  MONO_RAMP,
  pointColor,
  RenderError,
  renderHeatmap,
  stripAnsi,
  visibleWidth,
} from '../src/render/index.js';

const DOMAIN = { xmin: -6, xmax: 6, ymin: -6, ymax: 6 };

type Cell = { top: string; bottom: string; ch: string };

/**
 * A small terminal model: interprets truecolor SGR (38;2 / 48;2 / 0, possibly combined in one
 * sequence) and returns what each half of each character cell shows, as 'r,g,b' or 'default'.
 */
function decodeRow(row: string): Cell[] {
  let fgc = 'default';
  let bgc = 'default';
  const cells: Cell[] = [];
  for (const m of row.matchAll(/\x1b\[([0-9;]*)m|([^\x1b])/gu)) {
    if (m[1] !== undefined) {
      const p = m[1] === '' ? [0] : m[1].split(';').map(Number);
      for (let i = 0; i < p.length; i++) {
        if (p[i] === 0) {
          fgc = 'default';
          bgc = 'default';
        } else if ((p[i] === 38 || p[i] === 48) && p[i + 1] === 2) {
          const rgb = `${p[i + 2]},${p[i + 3]},${p[i + 4]}`;
          if (p[i] === 38) fgc = rgb;
          else bgc = rgb;
          i += 4;
        }
      }
    } else {
      const ch = m[2]!;
      if (ch === '▀') cells.push({ ch, top: fgc, bottom: bgc });
      else if (ch === '▄') cells.push({ ch, top: bgc, bottom: fgc });
      else if (ch === ' ') cells.push({ ch, top: bgc, bottom: bgc });
      else cells.push({ ch, top: bgc, bottom: bgc });
    }
  }
  return cells;
}

const key = (rgb: readonly number[]): string => rgb.join(',');

describe('renderHeatmap', () => {
  it('shows the top cell in the upper half and the bottom cell in the lower half', () => {
    const rows = renderHeatmap(Float64Array.from([-1, 1]), 1, 2, {
      mode: 'truecolor',
      strength: 1,
    });
    expect(decodeRow(rows[0]!)).toEqual([
      { ch: '▀', top: key(divergingColor(-1)), bottom: key(divergingColor(1)) },
    ]);
  });
  it('shows every half-cell in the colour of its quantised value (terminal model)', () => {
    const gw = 9;
    const gh = 7; // odd: the last character row has no bottom half
    const v = new Float64Array(gw * gh).map((_, i) => Math.sin(i * 1.7));
    const levels = 11;
    const scale = (x: number): readonly [number, number, number] => [
      Math.round(127 + 127 * x),
      0,
      200,
    ];
    const quant = (x: number): number =>
      Math.round(((x + 1) * (levels - 1)) / 2) / ((levels - 1) / 2) - 1;
    const rows = renderHeatmap(v, gw, gh, { mode: 'truecolor', scale, levels });
    for (let r = 0; r < rows.length; r++) {
      const cells = decodeRow(rows[r]!);
      expect(cells).toHaveLength(gw);
      cells.forEach((cell, c) => {
        expect(cell.top).toBe(key(scale(quant(v[2 * r * gw + c]!))));
        const bottom = 2 * r + 1 < gh ? key(scale(quant(v[(2 * r + 1) * gw + c]!))) : 'default';
        if (cell.ch !== ' ') expect(cell.bottom).toBe(bottom);
        else expect(cell.top).toBe(bottom);
      });
    }
  });
  it('returns ceil(gridH / 2) rows of exactly gridW columns', () => {
    const v = new Float64Array(7 * 5).map((_, i) => Math.sin(i));
    for (const mode of ['truecolor', 'ansi256', 'none'] as const) {
      const rows = renderHeatmap(v, 7, 5, { mode });
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(visibleWidth(r)).toBe(7);
    }
  });
  it('uses no escape sequences and a sign-readable ramp in mode none', () => {
    // Left column strongly negative, right column strongly positive.
    const v = Float64Array.from([-1, 1, -1, 1]);
    const rows = renderHeatmap(v, 2, 2, { mode: 'none' });
    expect(rows).toEqual([MONO_RAMP[0]! + MONO_RAMP[5]!]);
    expect(rows.join('')).not.toContain('\x1b');
  });
  it('puts the decision boundary between light and dark glyphs', () => {
    const neg = renderHeatmap(Float64Array.from([-0.01, -0.01]), 1, 2, { mode: 'none' })[0]!;
    const pos = renderHeatmap(Float64Array.from([0.01, 0.01]), 1, 2, { mode: 'none' })[0]!;
    expect(MONO_RAMP.indexOf(neg)).toBeLessThan(MONO_RAMP.indexOf(pos));
  });
  it('draws overlay points with class glyphs (o/x, test O/X) in mode none', () => {
    const v = new Float64Array(13 * 13); // 0 everywhere
    const rows = renderHeatmap(v, 13, 13, {
      mode: 'none',
      overlay: {
        domain: DOMAIN,
        points: [
          { x: -6, y: 6, label: 1 }, // top-left → col 0, grid row 0 → char row 0
          { x: 6, y: -6, label: -1 }, // bottom-right → col 12, grid row 12 → char row 6
          { x: 0, y: 0, label: 1, test: true }, // centre → col 6, grid row 6 → char row 3
          { x: 1, y: 0, label: -1, test: true }, // col 7 (1 unit per column), char row 3
          { x: 100, y: 0, label: 1 }, // outside: dropped
        ],
      },
    });
    expect(rows[0]![0]).toBe('o');
    expect(rows[6]![12]).toBe('x');
    expect(rows[3]![6]).toBe('O');
    expect(rows[3]![7]).toBe('X');
    expect(rows.join('').match(/[oxOX]/g)).toHaveLength(4);
  });
  it('draws overlay glyphs in colour modes keeping exact widths', () => {
    const v = new Float64Array(10 * 10).fill(0.5);
    const rows = renderHeatmap(v, 10, 10, {
      mode: 'ansi256',
      overlay: {
        domain: DOMAIN,
        points: [
          { x: 0, y: 0, label: -1 },
          { x: 3, y: 3, label: 1, test: true },
        ],
      },
    });
    const plain = rows.map(stripAnsi).join('');
    expect(plain).toContain('●');
    expect(plain).toContain('◆');
    for (const r of rows) expect(visibleWidth(r)).toBe(10);
  });
  it('discretizes to the sign', () => {
    const a = renderHeatmap(Float64Array.from([0.2, 0.2]), 1, 2, {
      mode: 'none',
      discretize: true,
    });
    expect(a).toEqual([MONO_RAMP[5]]);
  });
  it('does not throw on NaN values', () => {
    expect(renderHeatmap(Float64Array.from([NaN, NaN]), 1, 2, { mode: 'truecolor' })).toHaveLength(
      1,
    );
  });
  it('rejects a values array of the wrong length', () => {
    expect(() => renderHeatmap(new Float64Array(5), 2, 2, { mode: 'none' })).toThrow(RenderError);
  });
});

describe('pointColor', () => {
  // WCAG 2 relative luminance and contrast ratio, written out here as the reference.
  const luminance = (c: readonly number[]): number => {
    const lin = (u: number): number =>
      u / 255 <= 0.03928 ? u / 255 / 12.92 : ((u / 255 + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(c[0] ?? 0) + 0.7152 * lin(c[1] ?? 0) + 0.0722 * lin(c[2] ?? 0);
  };
  const contrast = (a: readonly number[], b: readonly number[]): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  it('keeps a regression point visible on a map that predicts exactly its value', () => {
    // Class points (±1) on their own class colour are the accepted "visible" case: about 1.5.
    const classLevel = Math.min(
      contrast(pointColor(1), divergingColor(1)),
      contrast(pointColor(-1), divergingColor(-1)),
    );
    expect(classLevel).toBeGreaterThan(1.4);
    for (let i = -19; i <= 19; i++) {
      const v = i / 20;
      // 0.01 below the class level: ratios are rounded only by the 8-bit channels.
      expect(contrast(pointColor(v), divergingColor(v))).toBeGreaterThanOrEqual(classLevel - 0.01);
    }
  });
});
