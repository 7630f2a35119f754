/**
 * Line charts through asciichart 1.5.25, fitted to an exact width × height box: series longer than
 * the plot area are binned (mean per bin), non-finite values are skipped, constant series get a
 * padded range (asciichart divides by the range), and a log10 scale is available for losses.
 */
import asciichart from 'asciichart';
import type { ColorMode, Rgb } from './color.js';
import { fg, RESET } from './color.js';
import { assertPositiveInt } from './render-error.js';
import { centerVisible, fitVisible } from './text.js';

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Total width in columns, labels included (required, >= 1). */
  readonly width: number;
  /** Total height in rows (required, >= 1). */
  readonly height: number;
  /** Colour mode (required). */
  readonly mode: ColorMode;
  /** One colour per series (default: terminal default colour). */
  readonly colors?: readonly Rgb[];
  /** Lower bound of the y axis (default: data minimum). In log scale, in data units (> 0). */
  readonly min?: number;
  /** Upper bound of the y axis (default: data maximum). In log scale, in data units (> 0). */
  readonly max?: number;
  /** Plot log10(y) instead of y (default false); values <= 0 are skipped. Labels stay in data units. */
  readonly log?: boolean;
  /** Label formatter (default: 3 significant digits, e.g. '0.125', '1.2e-4'). */
  readonly format?: (y: number) => string;
}

/**
 * Default y-label format: 3 significant digits, exponent form outside [1e-3, 1e5).
 * @example
 * ```ts
 * formatTick(0.12345); // '0.123'
 * formatTick(0.00001); // '1.00e-5'
 * ```
 */
export function formatTick(y: number): string {
  if (y === 0) return '0';
  const a = Math.abs(y);
  if (a >= 1e5 || a < 1e-3) return y.toExponential(2);
  return String(Number(y.toPrecision(3)));
}

/**
 * Reduces a series to at most `n` points: a series of length L > n is split into n contiguous bins
 * (bin i covers indices floor(i L / n) .. floor((i+1) L / n) − 1) and each bin becomes the mean of
 * its finite values (a bin with none repeats the previous bin's value, or is dropped at the start).
 * Shorter series are returned without their non-finite values.
 * @example
 * ```ts
 * binSeries([1, 2, 3, 4, 5, 6], 3); // [1.5, 3.5, 5.5]
 * binSeries([1, 2, 3, 4, 5, 6], 3, { keepEnds: true }); // [1, 3.5, 6]
 * ```
 */
export function binSeries(
  series: readonly number[],
  n: number,
  options: { readonly keepEnds?: boolean } = {},
): number[] {
  const L = series.length;
  if (L <= n) return series.filter(Number.isFinite);
  if (options.keepEnds === true && n >= 2) {
    // The first and last bins show the first and the newest value themselves (the start of a
    // training run and where it is now), the bins between their means.
    const first = series.find(Number.isFinite);
    const last = [...series].reverse().find(Number.isFinite);
    const inner = binSeries(series, n);
    if (first !== undefined && inner.length > 0) inner[0] = first;
    if (last !== undefined && inner.length > 1) inner[inner.length - 1] = last;
    return inner;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((i * L) / n);
    const b = Math.floor(((i + 1) * L) / n);
    let s = 0;
    let k = 0;
    for (let j = a; j < b; j++) {
      const v = series[j] ?? NaN;
      if (Number.isFinite(v)) {
        s += v;
        k++;
      }
    }
    if (k > 0) out.push(s / k);
    else if (out.length > 0) out.push(out[out.length - 1] ?? 0);
  }
  return out;
}

const TOKEN_RE = /(\x1b\[[0-9;]*m)/;

/**
 * Re-emits a line whose characters are each wrapped in `colour … reset` (asciichart's output) so
 * that a colour sequence is written only when the colour changes. Assumes only foreground/reset
 * SGR sequences, which is what asciichart produces. @internal
 */
export function compactSgr(line: string): string {
  let state = '';
  let emitted = '';
  let out = '';
  for (const part of line.split(TOKEN_RE)) {
    if (part === '') continue;
    if (part.charCodeAt(0) === 0x1b) {
      state = part === RESET ? '' : part;
      continue;
    }
    if (state !== emitted && part.trim() !== '') {
      out += state === '' ? RESET : state;
      emitted = state;
    }
    out += part;
  }
  return emitted === '' ? out : out + RESET;
}

/**
 * Draws one or more series as an asciichart line chart of exactly `height` rows, each exactly
 * `width` visible columns (labels, axis and plot). Empty data (or no finite value) yields a framed
 * "(no data)" placeholder of the same size. The plot area is width − labelWidth − 2 columns;
 * longer series are binned with {@link binSeries}; x always starts at the left edge.
 *
 * @param series - one array of y values per series (index = x).
 * @throws RenderError if width or height is not a positive integer.
 * @example
 * ```ts
 * lineChart([[3, 2, 1]], { width: 12, height: 3, mode: 'none' }).length; // 3
 * ```
 */
export function lineChart(
  series: readonly (readonly number[])[],
  options: LineChartOptions,
): string[] {
  const { width, height, mode } = options;
  assertPositiveInt('lineChart', 'width', width);
  assertPositiveInt('lineChart', 'height', height);
  const log = options.log === true;
  const tf = (v: number): number => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
  const inv = (v: number): number => (log ? 10 ** v : v);
  const format = options.format ?? formatTick;

  // Transform (non-finite values are skipped by binning and by the range).
  const cleaned = series.map((s) => s.map(tf));
  const blank = (): string[] => {
    const rows: string[] = [];
    for (let i = 0; i < height; i++) rows.push(' '.repeat(width));
    rows[Math.floor((height - 1) / 2)] = centerVisible('(no data)', width);
    return rows;
  };
  if (!cleaned.some((s) => s.some(Number.isFinite))) return blank();
  const minOpt = options.min === undefined ? NaN : tf(options.min);
  const maxOpt = options.max === undefined ? NaN : tf(options.max);
  /** The y range of what is drawn (the binned series, not the raw values: a bin's mean never reaches a spike inside it). */
  const rangeOf = (rows: readonly (readonly number[])[]): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of rows) {
      for (const v of s) {
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (Number.isFinite(minOpt)) lo = minOpt;
    if (Number.isFinite(maxOpt)) hi = maxOpt;
    if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(hi), Math.abs(lo)))) {
      // Constant data: asciichart needs a non-zero range, so pad it symmetrically.
      const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
      const c = (hi + lo) / 2;
      lo = c - pad;
      hi = c + pad;
    }
    return [lo, hi];
  };

  // Fixed-width labels so the layout is known before plotting. The labels depend on the range, the
  // range on the bins, the bins on the plot width, the plot width on the labels: widen the labels
  // until they fit (they only grow, so this ends after a few rounds).
  const rowsWanted = Math.max(1, height);
  const labelAt = (lo: number, hi: number, i: number): string =>
    format(inv(hi - ((hi - lo) * i) / Math.max(1, rowsWanted - 1)));
  // asciichart puts the label at index max(offset − len, 0) and the axis at offset − 1 = 2, so
  // labels must be at least 3 characters or the axis overwrites them.
  let labelW = 3;
  let plotW = width - labelW - 2;
  let binned: number[][] = [];
  let lo = 0;
  let hi = 0;
  for (;;) {
    plotW = width - labelW - 2;
    if (plotW < 2 || height < 2) break;
    // Bins average the transformed (for a log chart: log) values, and keep the first and the
    // newest value: after 10^5 epochs the first loss still marks the chart's top.
    binned = cleaned.map((s) => binSeries(s, plotW, { keepEnds: true }));
    [lo, hi] = rangeOf(binned);
    let need = labelW;
    for (let i = 0; i < rowsWanted; i++) need = Math.max(need, labelAt(lo, hi, i).length);
    if (need <= labelW) break;
    labelW = need;
  }
  if (plotW < 2 || height < 2) {
    // Too small for axis + labels: show the last value only.
    const last = [...(cleaned[0] ?? [])].reverse().find(Number.isFinite);
    return blank().map((_, i) =>
      i === 0 && last !== undefined ? fitVisible(format(inv(last)), width, '') : ' '.repeat(width),
    );
  }
  binned = binned.map((s) => s.map((v) => Math.min(hi, Math.max(lo, v))));
  const nonEmpty = binned.map((s, i) => ({ s, i })).filter((e) => e.s.length > 0);
  if (nonEmpty.length === 0) return blank();
  const colorSeqs =
    mode === 'none' || options.colors === undefined
      ? undefined
      : nonEmpty.map((e) => {
          const c = options.colors?.[e.i % Math.max(1, options.colors.length)];
          return c === undefined ? undefined : fg(mode, c);
        });
  const plotted = asciichart.plot(
    nonEmpty.map((e) => (e.s.length === 1 ? [e.s[0] ?? 0, e.s[0] ?? 0] : e.s)),
    {
      height: rowsWanted - 1,
      min: lo,
      max: hi,
      offset: 3,
      colors: colorSeqs,
      format: (y: number) => format(inv(y)).padStart(labelW),
    },
  );
  let lines = plotted.split('\n');
  // asciichart wraps every character in colour + reset; re-emit with one sequence per colour run.
  if (colorSeqs !== undefined) lines = lines.map(compactSgr);
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(fitVisible(lines[i] ?? '', width, ''));
  return out;
}
