import { charWidth } from './text.js';

/**
 * The screen's character set: UTF-8, or plain ASCII for terminals and locales that are not UTF-8.
 * In ASCII mode every glyph the views draw is replaced by one ASCII character of the same width
 * (maps by density ramps and background colours, charts and borders in ASCII), so no byte ≥ 0x80
 * is ever written and every layout keeps its columns.
 */

/** The character set of a screen. */
export type Charset = 'utf8' | 'ascii';

/** Options of {@link detectCharset}. */
export interface DetectCharsetOptions {
  /** Environment (LC_ALL, LC_CTYPE, LANG). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--charset` (default 'auto'). */
  readonly flag?: Charset | 'auto';
}

/**
 * Picks the character set: the flag if given; else the first of LC_ALL, LC_CTYPE, LANG that is
 * set and non-empty decides (UTF-8 when it names UTF-8, e.g. `en_US.UTF-8`, `C.utf8`); with none
 * set the locale is POSIX's "C": ASCII.
 * @example
 * ```ts
 * detectCharset({ env: { LANG: 'C' } });                        // 'ascii'
 * detectCharset({ env: { LC_ALL: '', LANG: 'de_DE.UTF-8' } });  // 'utf8'
 * ```
 */
export function detectCharset(options: DetectCharsetOptions = {}): Charset {
  const flag = options.flag ?? 'auto';
  if (flag !== 'auto') return flag;
  const env = options.env ?? {};
  for (const key of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const v = env[key];
    if (v !== undefined && v !== '') return /utf-?8/i.test(v) ? 'utf8' : 'ascii';
  }
  return 'ascii';
}

/** One ASCII character for each glyph the views use (same width: one cell). */
const ASCII: Record<string, string> = {
  // Density ramp of the monochrome maps (' ', '·', '░', '▒', '▓', '█') and other blocks. Half
  // blocks carry their colour in fg/bg: as a space the cell shows its background colour.
  '·': '.',
  '░': ':',
  '▒': '+',
  '▓': '#',
  '█': '@',
  '▀': ' ',
  '▄': ' ',
  '■': '#',
  '❚': '|',
  // Borders and chart strokes.
  '─': '-',
  '│': '|',
  '┈': '-',
  '┼': '+',
  '┤': '+',
  '├': '+',
  '┬': '+',
  '┴': '+',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '╭': '.',
  '╮': '.',
  '╰': "'",
  '╯': "'",
  '⌊': '[',
  '⌋': ']',
  // Marks.
  '●': 'o',
  '○': 'o',
  '◆': '*',
  '◇': '*',
  '▶': '>',
  '×': 'x',
  '»': '>',
  // Arrows.
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '↔': '=',
  // Punctuation and maths.
  '…': '~',
  '−': '-',
  '–': '-',
  '—': '-',
  '±': '+',
  '≤': '<',
  '≥': '>',
  '≠': '#',
  '≈': '~',
  '∞': '8',
  '½': '/',
  '⁺': '+',
  '⁻': '-',
  // Greek letters the labs name.
  λ: 'L',
  σ: 's',
  π: 'p',
  φ: 'f',
  μ: 'u',
  α: 'a',
  η: 'n',
};

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A braille cell (U+2800–U+28FF, 2 × 4 dots) as one ASCII stroke: empty ' ', a dot on the top
 * row "'", bottom row '.', middle '-', a rising stroke '/', a falling one '\', a steep one '|',
 * a full cell '#'.
 */
function brailleToAscii(cp: number): string {
  const bits = cp - 0x2800;
  if (bits === 0) return ' ';
  // Dot rows 0..3 of the left (bits 0,1,2,6) and right (bits 3,4,5,7) columns.
  const left = [bits & 0x01, bits & 0x02, bits & 0x04, bits & 0x40].map((b) => b !== 0);
  const right = [bits & 0x08, bits & 0x10, bits & 0x20, bits & 0x80].map((b) => b !== 0);
  const rows = [0, 1, 2, 3].filter((r) => left[r] === true || right[r] === true);
  const count = left.filter(Boolean).length + right.filter(Boolean).length;
  if (count >= 7) return '#';
  const top = rows[0] ?? 0;
  const bottom = rows[rows.length - 1] ?? 0;
  if (bottom - top <= 1) return top === 0 ? "'" : bottom === 3 ? '.' : '-';
  const mean = (col: boolean[]): number | null => {
    const r = [0, 1, 2, 3].filter((i) => col[i] === true);
    return r.length === 0 ? null : r.reduce((s, x) => s + x, 0) / r.length;
  };
  const l = mean(left);
  const rr = mean(right);
  if (l !== null && rr !== null && Math.abs(l - rr) >= 1) return l > rr ? '/' : '\\';
  return '|';
}

/** One code point as one ASCII character. */
function asciiChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0x3f;
  if (cp < 0x80) return ch;
  const mapped = ASCII[ch];
  if (mapped !== undefined) return mapped;
  if (cp >= 0x2800 && cp <= 0x28ff) return brailleToAscii(cp);
  const sub = SUBSCRIPT.indexOf(ch);
  if (sub >= 0) return String(sub);
  const sup = SUPERSCRIPT.indexOf(ch);
  if (sup >= 0) return String(sup);
  return '?';
}

/**
 * Replaces every non-ASCII character by one ASCII character of the same width (escape sequences
 * are ASCII and pass unchanged). Wide characters (CJK, two cells) become two '?', zero-width
 * ones (combining marks) nothing.
 * @example
 * ```ts
 * asciiText('ln λ = −3 · x₁ → ⣿'); // 'ln L = -3 . x1 > #'
 * ```
 */
export function asciiText(s: string): string {
  // Fast path: most rows are ASCII already.
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out += ch;
    else {
      const w = charWidth(cp);
      out += w === 2 ? '??' : w === 0 ? '' : asciiChar(ch);
    }
  }
  return out;
}

/** Rows for the given character set (unchanged for UTF-8). */
export function rowsForCharset(rows: readonly string[], charset: Charset): readonly string[] {
  return charset === 'utf8' ? rows : rows.map(asciiText);
}
