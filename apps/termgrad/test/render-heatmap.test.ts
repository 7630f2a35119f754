import { describe, expect, it } from 'vitest';
import { divergingColor, MONO_RAMP, RenderError, renderHeatmap, stripAnsi, visibleWidth } from '../src/render/index.js';

const DOMAIN = { xmin: -6, xmax: 6, ymin: -6, ymax: 6 };

describe('renderHeatmap', () => {
  it('puts the top cell in the foreground of ▀ and the bottom cell in the background', () => {
    const rows = renderHeatmap(Float64Array.from([-1, 1]), 1, 2, { mode: 'truecolor', strength: 1 });
    const [or, og, ob] = divergingColor(-1);
    const [br, bgc, bb] = divergingColor(1);
    expect(rows).toEqual([`\x1b[48;2;${br};${bgc};${bb}m\x1b[38;2;${or};${og};${ob}m▀\x1b[0m`]);
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
      overlay: { domain: DOMAIN, points: [{ x: 0, y: 0, label: -1 }, { x: 3, y: 3, label: 1, test: true }] },
    });
    const plain = rows.map(stripAnsi).join('');
    expect(plain).toContain('●');
    expect(plain).toContain('◆');
    for (const r of rows) expect(visibleWidth(r)).toBe(10);
  });
  it('discretizes to the sign', () => {
    const a = renderHeatmap(Float64Array.from([0.2, 0.2]), 1, 2, { mode: 'none', discretize: true });
    expect(a).toEqual([MONO_RAMP[5]]);
  });
  it('does not throw on NaN values', () => {
    expect(renderHeatmap(Float64Array.from([NaN, NaN]), 1, 2, { mode: 'truecolor' })).toHaveLength(1);
  });
  it('rejects a values array of the wrong length', () => {
    expect(() => renderHeatmap(new Float64Array(5), 2, 2, { mode: 'none' })).toThrow(RenderError);
  });
});
