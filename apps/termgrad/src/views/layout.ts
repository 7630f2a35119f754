import type { ColorMode, Rgb } from '../render/index.js';
import { fitFrame, fitVisible, padEndVisible, paint, visibleWidth } from '../render/index.js';

/** Smallest terminal the dashboard draws in. */
export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 20;

/** Colours of the chrome (tab bar, panels, labels). */
export const ACCENT: Rgb = [0x5f, 0xaf, 0xff];
export const MUTED: Rgb = [0x8a, 0x8a, 0x8a];
export const TRAIN_COLOR: Rgb = [0x2f, 0x8f, 0xdf];
export const TEST_COLOR: Rgb = [0xff, 0x9f, 0x2f];
export const TRUE_CURVE_COLOR: Rgb = [0x3c, 0xb3, 0x71];
export const FIT_COLOR: Rgb = [0xe0, 0x40, 0x40];
export const POINT_COLOR: Rgb = [0x40, 0x90, 0xff];

/** Forces a block to exactly width × height (pads or cuts). */
export function fit(rows: readonly string[], width: number, height: number): string[] {
  if (width <= 0 || height <= 0) return height <= 0 ? [] : new Array<string>(height).fill('');
  return fitFrame(rows, width, height);
}

/** A row of exactly `width` columns, truncated with an ellipsis when too long. */
export function line(text: string, width: number): string {
  return fitVisible(text, width);
}

/** Pads a row to `width` columns (never cuts). */
export function padRow(text: string, width: number): string {
  return padEndVisible(text, width);
}

/** Label style: muted colour, or plain text in mode 'none'. */
export function muted(mode: ColorMode, text: string): string {
  return paint(mode, text, { fg: MUTED });
}

/** Heading style: bold accent. */
export function heading(mode: ColorMode, text: string): string {
  return paint(mode, text, { fg: ACCENT, bold: true });
}

/**
 * Selected item: inverse video; in mode 'none' (NO_COLOR) no escape sequence at all: the item is
 * bracketed instead (` 3 Network ` → `[3 Network]`, same width) or marked with a leading `>`.
 */
export function selected(mode: ColorMode, text: string): string {
  if (mode !== 'none') return paint(mode, text, { inverse: true });
  if (text.length >= 2 && text.startsWith(' ') && text.endsWith(' '))
    return `[${text.slice(1, -1)}]`;
  return `>${text}`;
}

/** Formats a number with 4 significant digits (exponent form outside [1e-3, 1e4)). */
export function num(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(Math.max(1, digits - 2));
  return String(Number(x.toPrecision(digits)));
}

/** Formats a rate like 12.3k. */
export function rate(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '—';
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

/**
 * Word-wraps plain text (no escape sequences) into rows of at most `width` columns, at most
 * `maxRows` rows (a word wider than a row, or text beyond the last row, is cut with '…').
 * Each row is exactly `width` columns.
 * @example
 * wrapWords('blue: class 1, orange: class 0', 16).map((r) => r.trimEnd()); // ['blue: class 1,', 'orange: class 0']
 */
export function wrapWords(text: string, width: number, maxRows = Infinity): string[] {
  if (text === '' || width <= 0 || maxRows <= 0) return [];
  const rows: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur !== '' && visibleWidth(cur) + 1 + visibleWidth(word) > width) {
      rows.push(cur);
      cur = word;
    } else cur = cur === '' ? word : `${cur} ${word}`;
  }
  if (cur !== '') rows.push(cur);
  if (rows.length > maxRows)
    rows.splice(
      maxRows - 1,
      rows.length,
      `${rows[maxRows - 1] ?? ''} ${rows.slice(maxRows).join(' ')}`,
    );
  return rows.map((r) => line(r, width));
}

/** Centres a message block in width × height. */
export function centered(rows: readonly string[], width: number, height: number): string[] {
  const top = Math.max(0, Math.floor((height - rows.length) / 2));
  const out: string[] = new Array<string>(top).fill('');
  for (const r of rows) {
    const w = [...r].length;
    out.push(' '.repeat(Math.max(0, Math.floor((width - w) / 2))) + r);
  }
  return fit(out, width, height);
}
