/**
 * Visible-width utilities for strings that may contain ANSI escape sequences, and layout helpers
 * for blocks of rows (`string[]`). A frame built with these never has a row wider than asked.
 *
 * Width model: ANSI sequences count 0; combining marks, zero-width spaces/joiners and variation
 * selectors count 0; East Asian wide/fullwidth characters and emoji count 2; everything else
 * (ASCII, Latin, braille U+2800..U+28FF, block elements U+2580..U+259F, box drawing
 * U+2500..U+257F, '●◆○◇·…') counts 1.
 */
import { RESET } from './color.js';
import { RenderError } from './render-error.js';

// CSI (ESC [ ... final), OSC (ESC ] ... BEL | ESC \), and two-byte ESC sequences.
const ANSI_SOURCE =
  '\\x1b\\[[0-?]*[ -/]*[@-~]|\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)|\\x1b[@-Z\\\\-_]';
const ANSI_RE = new RegExp(ANSI_SOURCE, 'g');
const TOKEN_RE = new RegExp(`(${ANSI_SOURCE})`, 'g');
const PLAIN_ASCII_RE = /^[\x20-\x7e]*$/;
const ZERO_WIDTH_RE = /^\p{M}$/u;

/**
 * Removes ANSI escape sequences (SGR colours, cursor moves, OSC titles/links).
 * @example
 * ```ts
 * stripAnsi('\x1b[31mred\x1b[0m'); // 'red'
 * ```
 */
export function stripAnsi(s: string): string {
  return s.includes('\x1b') ? s.replace(ANSI_RE, '') : s;
}

/**
 * Terminal column width of one code point (0, 1 or 2) under the model described in this module.
 * @example
 * ```ts
 * charWidth('⣿'.codePointAt(0)!); // 1
 * charWidth('漢'.codePointAt(0)!); // 2
 * ```
 */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0; // control characters
  if (cp < 0x300) return 1;
  if (
    cp === 0x200b ||
    cp === 0x200c ||
    cp === 0x200d ||
    cp === 0x2060 ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f)
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  if (cp < 0x2000) {
    // Combining marks live in a handful of blocks below U+2000 (and U+20D0..U+20FF, U+FE20..).
    return ZERO_WIDTH_RE.test(String.fromCodePoint(cp)) ? 0 : 1;
  }
  if ((cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)) return 0;
  return 1;
}

/**
 * Number of terminal columns `s` occupies (ANSI sequences ignored).
 * @example
 * ```ts
 * visibleWidth('\x1b[1m⣿⣿\x1b[0m ab'); // 5
 * ```
 */
export function visibleWidth(s: string): number {
  if (PLAIN_ASCII_RE.test(s)) return s.length;
  const plain = stripAnsi(s);
  let w = 0;
  for (const ch of plain) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/**
 * Pads `s` with spaces on the right up to `width` visible columns; never truncates.
 * @example
 * ```ts
 * padEndVisible('\x1b[31mab\x1b[0m', 4); // '\x1b[31mab\x1b[0m  '
 * ```
 */
export function padEndVisible(s: string, width: number): string {
  const w = visibleWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/**
 * Pads `s` with spaces on the left up to `width` visible columns; never truncates.
 * @example
 * ```ts
 * padStartVisible('7', 3); // '  7'
 * ```
 */
export function padStartVisible(s: string, width: number): string {
  const w = visibleWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}

/**
 * Cuts `s` to at most `width` visible columns, keeping its ANSI sequences, ending with `ellipsis`
 * (default '…') when something was cut, and appending a reset if any escape sequence was kept.
 * A wide character that would straddle the limit is dropped.
 *
 * @throws RenderError if width is negative or not an integer.
 * @example
 * ```ts
 * truncateVisible('abcdef', 4);     // 'abc…'
 * truncateVisible('abcdef', 4, ''); // 'abcd'
 * truncateVisible('ab', 4);         // 'ab'
 * ```
 */
export function truncateVisible(s: string, width: number, ellipsis = '…'): string {
  if (!Number.isInteger(width) || width < 0) {
    throw new RenderError(
      `truncateVisible: width must be a non-negative integer; expected >= 0, got ${width}`,
    );
  }
  if (visibleWidth(s) <= width) return s;
  let ell = ellipsis;
  let ellW = visibleWidth(ell);
  if (ellW > width) {
    ell = '';
    ellW = 0;
  }
  const budget = width - ellW;
  let out = '';
  let used = 0;
  let sawEscape = false;
  for (const part of s.split(TOKEN_RE)) {
    if (part === '') continue;
    if (part.charCodeAt(0) === 0x1b) {
      out += part;
      sawEscape = true;
      continue;
    }
    let done = false;
    for (const ch of part) {
      const cw = charWidth(ch.codePointAt(0) ?? 0);
      if (used + cw > budget) {
        done = true;
        break;
      }
      out += ch;
      used += cw;
    }
    if (done) break;
  }
  return sawEscape ? out + RESET + ell : out + ell;
}

/**
 * Truncates then pads so the result is exactly `width` visible columns.
 * @example
 * ```ts
 * fitVisible('abcdef', 4); // 'abc…'
 * fitVisible('ab', 4);     // 'ab  '
 * ```
 */
export function fitVisible(s: string, width: number, ellipsis = '…'): string {
  return padEndVisible(truncateVisible(s, width, ellipsis), width);
}

/**
 * Centres `s` within `width` columns (truncating if too long); extra space goes to the right.
 * @example
 * ```ts
 * centerVisible('ab', 6); // '  ab  '
 * ```
 */
export function centerVisible(s: string, width: number): string {
  const t = truncateVisible(s, width);
  const w = visibleWidth(t);
  const left = Math.floor((width - w) / 2);
  return ' '.repeat(left) + t + ' '.repeat(width - w - left);
}

/**
 * Width of the widest row of a block.
 * @example
 * ```ts
 * blockWidth(['ab', 'abcd']); // 4
 * ```
 */
export function blockWidth(rows: readonly string[]): number {
  let w = 0;
  for (const r of rows) w = Math.max(w, visibleWidth(r));
  return w;
}

/**
 * Places blocks side by side: each block is padded to its own widest row, shorter blocks are
 * padded with blank rows at the bottom, and `gap` spaces separate neighbours. Empty blocks
 * (zero rows) are skipped.
 *
 * Result width = sum of block widths + gap × (blocks − 1); height = tallest block.
 * @example
 * ```ts
 * hstack([['a', 'bb'], ['c']], 1); // ['a  c', 'bb  ']
 * ```
 */
export function hstack(blocks: readonly (readonly string[])[], gap = 1): string[] {
  const used = blocks.filter((b) => b.length > 0);
  const widths = used.map(blockWidth);
  const height = used.reduce((h, b) => Math.max(h, b.length), 0);
  const sep = ' '.repeat(Math.max(0, gap));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    let line = '';
    for (let i = 0; i < used.length; i++) {
      const w = widths[i] ?? 0;
      const row = used[i]?.[r] ?? '';
      line += (i > 0 ? sep : '') + padEndVisible(row, w);
    }
    out.push(line);
  }
  return out;
}

/**
 * Stacks blocks vertically with `gap` blank rows between them (default 0).
 * @example
 * ```ts
 * vstack([['a'], ['b', 'c']], 1); // ['a', '', 'b', 'c']
 * ```
 */
export function vstack(blocks: readonly (readonly string[])[], gap = 0): string[] {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) for (let g = 0; g < gap; g++) out.push('');
    out.push(...b);
  });
  return out;
}

/** Options of {@link box}. */
export interface BoxOptions {
  /** Total height in rows including both borders (default: rows.length + 2). Content is padded or cut. */
  readonly height?: number;
  /** Prefix SGR for the border and title, e.g. `fg(mode, rgb)` (default: none). */
  readonly borderStyle?: string;
}

/**
 * Draws a single-line box `┌─ title ─┐ │row│ └──┘` exactly `width` columns wide. Each content row
 * is truncated/padded to width − 2; the title is truncated to fit.
 *
 * @throws RenderError if width < 2 or height < 2.
 * @example
 * ```ts
 * box('Loss', ['0.25'], 10); // ['┌─ Loss ─┐', '│0.25    │', '└────────┘']
 * ```
 */
export function box(
  title: string,
  rows: readonly string[],
  width: number,
  options: BoxOptions = {},
): string[] {
  if (!Number.isInteger(width) || width < 2) {
    throw new RenderError(`box: width must be an integer >= 2; expected >= 2, got ${width}`);
  }
  const height = options.height ?? rows.length + 2;
  if (!Number.isInteger(height) || height < 2) {
    throw new RenderError(`box: height must be an integer >= 2; expected >= 2, got ${height}`);
  }
  const pre = options.borderStyle ?? '';
  const post = pre === '' ? '' : RESET;
  const inner = width - 2;
  let top: string;
  const t = title === '' || inner < 4 ? '' : truncateVisible(title, inner - 3);
  if (t === '') top = '─'.repeat(inner);
  else top = '─ ' + t + ' ' + '─'.repeat(Math.max(0, inner - 3 - visibleWidth(t)));
  const out: string[] = [pre + '┌' + top + '┐' + post];
  const side = pre + '│' + post;
  for (let i = 0; i < height - 2; i++) {
    out.push(side + fitVisible(rows[i] ?? '', inner) + side);
  }
  out.push(pre + '└' + '─'.repeat(inner) + '┘' + post);
  return out;
}

/**
 * Forces a frame to exactly `height` rows of exactly `width` visible columns (truncating with no
 * ellipsis and padding). The last safety net before a frame goes to the terminal.
 * @example
 * ```ts
 * fitFrame(['abcdef'], 3, 2); // ['abc', '   ']
 * ```
 */
export function fitFrame(rows: readonly string[], width: number, height: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(fitVisible(rows[i] ?? '', width, ''));
  return out;
}
