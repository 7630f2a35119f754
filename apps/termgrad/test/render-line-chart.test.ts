import { describe, expect, it } from 'vitest';
import {
  binSeries,
  formatTick,
  lineChart,
  RenderError,
  stripAnsi,
  visibleWidth,
} from '../src/render/index.js';

function plotArea(rows: string[]): string {
  return rows.map(stripAnsi).join('\n');
}

describe('binSeries', () => {
  it('averages contiguous bins', () => {
    expect(binSeries([1, 2, 3, 4, 5, 6], 3)).toEqual([1.5, 3.5, 5.5]);
  });
  it('keeps short series and drops non-finite values', () => {
    expect(binSeries([1, NaN, 3], 10)).toEqual([1, 3]);
  });
  it('preserves the mean of a series of length divisible by n', () => {
    const s = Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const b = binSeries(s, 50);
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
    // Equal bin sizes (20 each), so the mean of bin means equals the overall mean up to rounding.
    expect(mean(b)).toBeCloseTo(mean(s), 12);
  });
});

describe('formatTick', () => {
  it('uses 3 significant digits and exponent form for tiny values', () => {
    expect(formatTick(0.12345)).toBe('0.123');
    expect(formatTick(0.00001)).toBe('1.00e-5');
    expect(formatTick(0)).toBe('0');
  });
});

describe('lineChart', () => {
  it('fits exactly width × height for many sizes and long series', () => {
    const s = Array.from({ length: 5000 }, (_, i) => Math.exp(-i / 1000));
    for (const [w, h] of [
      [20, 5],
      [80, 12],
      [33, 7],
      [200, 30],
    ] as const) {
      const rows = lineChart([s, s.map((v) => v * 1.1)], {
        width: w,
        height: h,
        mode: 'ansi256',
        colors: [
          [255, 0, 0],
          [0, 0, 255],
        ],
      });
      expect(rows).toHaveLength(h);
      for (const r of rows) expect(visibleWidth(r)).toBe(w);
    }
  });
  it('shows the maximum label on the top row and the minimum on the bottom row', () => {
    const rows = lineChart([[4, 3, 2, 1]], { width: 30, height: 4, mode: 'none' });
    expect(stripAnsi(rows[0]!).trim().startsWith('4')).toBe(true);
    expect(stripAnsi(rows[3]!).trim().startsWith('1')).toBe(true);
  });
  it('spans the y axis over the binned values drawn, not a spike averaged away inside a bin', () => {
    // 32 points into a 16-column plot (width 21 = 3 label + ' ' + axis + 16): bins of 2, the
    // first shows the first value itself (9), the middle ones their means; a spike of 9 inside a
    // middle bin is averaged to 5 and the axis spans what is drawn (top label 5, not 9).
    const s = [1, 1, 1, 1, 9, ...Array.from({ length: 27 }, () => 1)];
    const rows = lineChart([s], { width: 21, height: 2, mode: 'none' }).map(stripAnsi);
    expect(rows[0]!.trim().split(' ')[0]).toBe('5');
    expect(rows[1]!.trim().split(' ')[0]).toBe('1');
    // The third bin is drawn on the top row; the first starts on the bottom row.
    expect(rows[1]![4]).toBe('┼');
  });
  it('draws a falling series from the top-left to the bottom-right', () => {
    const rows = lineChart([[3, 2, 1, 0]], { width: 12, height: 4, mode: 'none' }).map(stripAnsi);
    // Labels are padded to 3 columns, then ' ' and the axis (column 4): the plot starts at column 5.
    expect(rows[0]![4]).toBe('┼');
    expect(rows[0]![5]).toBe('╮');
    expect(rows[3]![7]).toBe('╰');
  });
  it('handles constant series (asciichart divides by the range)', () => {
    const rows = lineChart([[0.5, 0.5, 0.5, 0.5]], { width: 30, height: 5, mode: 'none' });
    expect(rows).toHaveLength(5);
    expect(plotArea(rows)).toContain('──');
    expect(plotArea(rows)).not.toMatch(/NaN|Infinity/);
  });
  it('handles empty, all-NaN and single-point series', () => {
    for (const s of [[], [[]], [[NaN, Infinity]], [[1]]] as number[][][]) {
      const rows = lineChart(s, { width: 25, height: 4, mode: 'none' });
      expect(rows).toHaveLength(4);
      for (const r of rows) expect(visibleWidth(r)).toBe(25);
      expect(plotArea(rows)).not.toMatch(/NaN|Infinity/);
    }
    expect(plotArea(lineChart([], { width: 25, height: 4, mode: 'none' }))).toContain('no data');
  });
  it('uses decades on a log scale', () => {
    const rows = lineChart([[1, 0.1, 0.01, 0.001]], {
      width: 30,
      height: 4,
      mode: 'none',
      log: true,
    }).map(stripAnsi);
    // log10 values 0,-1,-2,-3 on 4 rows: one decade per row.
    expect(rows.map((r) => Number(r.trim().split(' ')[0]))).toEqual([1, 0.1, 0.01, 0.001]);
  });
  it('emits no escapes in mode none and merges colour runs otherwise', () => {
    const s = [5, 4, 3, 2, 1];
    expect(
      lineChart([s], { width: 20, height: 5, mode: 'none', colors: [[255, 0, 0]] }).join(''),
    ).not.toContain('\x1b');
    const flat = lineChart([[1, 1, 1, 1, 1, 1, 1, 1, 2]], {
      width: 20,
      height: 3,
      mode: 'truecolor',
      colors: [[255, 0, 0]],
    });
    const seqs = flat.join('').match(/\x1b\[38;2;255;0;0m/g) ?? [];
    // One run per row the line touches (at most 3 rows), not one per character.
    expect(seqs.length).toBeLessThanOrEqual(3);
  });
  it('keeps each series in its own colour where series interleave', () => {
    const a = [0, 0, 0, 0, 0, 0];
    const b = [1, 1, 1, 1, 1, 1];
    const rows = lineChart([a, b], {
      width: 20,
      height: 3,
      mode: 'truecolor',
      colors: [
        [255, 0, 0],
        [0, 0, 255],
      ],
    });
    const top = rows[0]!;
    const bottom = rows[2]!;
    expect(top).toContain('\x1b[38;2;0;0;255m');
    expect(top).not.toContain('\x1b[38;2;255;0;0m');
    expect(bottom).toContain('\x1b[38;2;255;0;0m');
    expect(bottom).not.toContain('\x1b[38;2;0;0;255m');
  });
  it('rejects non-positive sizes', () => {
    expect(() => lineChart([[1]], { width: 0, height: 3, mode: 'none' })).toThrow(RenderError);
  });
});

describe('lineChart over a long run (issue 8 regression)', () => {
  it('keeps the first loss as the top of a log chart after 10^5 epochs', () => {
    // The dashboard keeps every 256th epoch of a 10^5-epoch run (≤ 512 points); the loss falls from
    // ln 2 ≈ 0.69 to 0.005 within the first few hundred epochs.
    const series: number[] = [];
    for (let epoch = 0; epoch <= 100_000; epoch += 256)
      series.push(0.69 * Math.exp(-epoch / 30) + 0.005);
    const rows = lineChart([series], { width: 40, height: 8, mode: 'none', log: true }).map(
      stripAnsi,
    );
    const top = Number(rows[0]?.trim().split(/\s+/)[0]);
    expect(top).toBeCloseTo(0.695, 3);
    // The line starts at the top-left: the first plotted column of the top row is drawn.
    expect(rows[0]).toMatch(/[┼┤][─╮╭╯╰]/);
  });
});
