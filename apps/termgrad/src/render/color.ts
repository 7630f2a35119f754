/**
 * Terminal colour: colour-mode detection, SGR escape helpers, RGB → xterm-256 mapping and the
 * Playground's diverging colour scale. Everything here is pure (the environment is passed in).
 */

/**
 * How many colours the terminal gets: 24-bit, the xterm 256 palette, the 16 ANSI colours (a
 * terminal whose TERM does not say more, e.g. `screen`, `xterm`, `linux`), or none (NO_COLOR).
 */
export type ColorMode = 'truecolor' | 'ansi256' | 'ansi16' | 'none';

/** An sRGB colour as `[r, g, b]`, each channel an integer in 0..255. */
export type Rgb = readonly [number, number, number];

/** SGR "reset all attributes" (`ESC [ 0 m`). */
export const RESET = '\x1b[0m';

/** Playground orange, used for the value -1 (negative class). `#f59322`. */
export const PLAYGROUND_ORANGE: Rgb = [0xf5, 0x93, 0x22];
/** Playground near-white mid-point of the scale, used for the value 0. `#e8eaeb`. */
export const PLAYGROUND_WHITE: Rgb = [0xe8, 0xea, 0xeb];
/** Playground blue, used for the value +1 (positive class). `#0877bd`. */
export const PLAYGROUND_BLUE: Rgb = [0x08, 0x77, 0xbd];

/** Options of {@link detectColorMode}. */
export interface DetectColorModeOptions {
  /** Environment variables (default `{}`); pass `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (default `false`). Without a TTY the mode is 'none' unless forced. */
  readonly isTTY?: boolean;
  /**
   * The command-line choice (default `'auto'`): `false` or `'none'` (`--no-color`) → 'none';
   * `true` (`--color`) forces colour even without a TTY or with NO_COLOR, depth from COLORTERM;
   * `'ansi256'` / `'truecolor'` force exactly that mode; `'auto'` / `undefined` detect.
   */
  readonly flag?: boolean | ColorMode | 'auto';
}

/**
 * Picks the colour mode for a terminal.
 *
 * Rules, in order: flag false/'none' → 'none'; flag 'ansi256'/'truecolor' → that mode; flag true →
 * forced colour (depth below); otherwise NO_COLOR set and non-empty → 'none'; FORCE_COLOR=0 →
 * 'none'; FORCE_COLOR=1|2|3 → forced; no TTY → 'none'; TERM=dumb → 'none'. Depth: COLORTERM
 * `truecolor`/`24bit` (or FORCE_COLOR=3, or a TERM ending in `-direct`) → 'truecolor'; a TERM
 * naming 256 colours (`xterm-256color`, `tmux-256color`, `screen.xterm-256color`) → 'ansi256';
 * any other TERM (`screen`, `xterm`, `linux`, `vt220`) → 'ansi16'; no TERM at all (colour forced
 * into a pipe) → 'ansi256'.
 *
 * @param options - env, isTTY and the command-line flag.
 * @returns the colour mode.
 * @example
 * ```ts
 * detectColorMode({ env: { COLORTERM: 'truecolor' }, isTTY: true }); // 'truecolor'
 * detectColorMode({ env: { NO_COLOR: '1' }, isTTY: true });          // 'none'
 * detectColorMode({ env: {}, isTTY: false });                        // 'none'
 * ```
 */
export function detectColorMode(options: DetectColorModeOptions = {}): ColorMode {
  const env = options.env ?? {};
  const flag = options.flag ?? 'auto';
  if (flag === false || flag === 'none') return 'none';
  if (flag === 'ansi256' || flag === 'truecolor') return flag;
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  const force = env['FORCE_COLOR'];
  const term = (env['TERM'] ?? '').toLowerCase();
  const depth: ColorMode =
    colorterm === 'truecolor' || colorterm === '24bit' || force === '3' || /-direct$/.test(term)
      ? 'truecolor'
      : term === '' || /256col/.test(term)
        ? 'ansi256'
        : 'ansi16';
  if (flag === true) return depth;
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return 'none';
  if (force === '0' || force === 'false') return 'none';
  if (force !== undefined && force !== '') return depth;
  if (options.isTTY !== true) return 'none';
  if ((env['TERM'] ?? '') === 'dumb') return 'none';
  return depth;
}

/** The 16 ANSI colours as xterm draws them by default (index 0..15). */
export const ANSI16_RGB: readonly Rgb[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];

/**
 * The nearest of the 16 ANSI colours (index 0..15, squared RGB distance to xterm's defaults).
 * @example
 * ```ts
 * rgbToAnsi16([250, 10, 10]); // 9 (bright red)
 * ```
 */
export function rgbToAnsi16(rgb: Rgb): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < ANSI16_RGB.length; i++) {
    const c = ANSI16_RGB[i] as Rgb;
    const d = dist2(clampByte(rgb[0]), clampByte(rgb[1]), clampByte(rgb[2]), c[0], c[1], c[2]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The six channel levels of the xterm 6×6×6 colour cube (palette indices 16..231). */
export const XTERM_CUBE_LEVELS: readonly number[] = [0, 95, 135, 175, 215, 255];

function nearestCubeIndex(c: number): number {
  // Midpoints between the cube levels 0,95,135,175,215,255.
  if (c < 48) return 0;
  if (c < 115) return 1;
  return Math.min(5, Math.floor((c - 35) / 40));
}

function dist2(r: number, g: number, b: number, r2: number, g2: number, b2: number): number {
  return (r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2);
}

/**
 * Maps an RGB colour to the nearest xterm-256 palette index among the 6×6×6 cube (16..231) and the
 * 24-step grey ramp (232..255, grey level 8 + 10 i), by squared Euclidean RGB distance.
 * The 16 system colours (0..15) are never used because terminals theme them differently.
 *
 * @param rgb - `[r, g, b]` in 0..255 (rounded and clamped).
 * @returns a palette index in 16..255.
 * @example
 * ```ts
 * rgbToAnsi256([255, 0, 0]);     // 196 (cube 5,0,0)
 * rgbToAnsi256([128, 128, 128]); // 244 (grey 128)
 * ```
 */
export function rgbToAnsi256(rgb: Rgb): number {
  const r = clampByte(rgb[0]);
  const g = clampByte(rgb[1]);
  const b = clampByte(rgb[2]);
  const ri = nearestCubeIndex(r);
  const gi = nearestCubeIndex(g);
  const bi = nearestCubeIndex(b);
  const cr = XTERM_CUBE_LEVELS[ri] ?? 0;
  const cg = XTERM_CUBE_LEVELS[gi] ?? 0;
  const cb = XTERM_CUBE_LEVELS[bi] ?? 0;
  const cubeDist = dist2(r, g, b, cr, cg, cb);
  // Grey ramp: level 8 + 10 i for i in 0..23; nearest to the mean channel value.
  const mean = (r + g + b) / 3;
  const gIdx = Math.max(0, Math.min(23, Math.round((mean - 8) / 10)));
  const grey = 8 + 10 * gIdx;
  const greyDist = dist2(r, g, b, grey, grey, grey);
  if (greyDist < cubeDist) return 232 + gIdx;
  return 16 + 36 * ri + 6 * gi + bi;
}

function clampByte(c: number): number {
  if (!(c > 0)) return 0; // also maps NaN to 0
  if (c >= 255) return 255;
  return Math.round(c);
}

/**
 * SGR sequence that sets the foreground colour; '' in mode 'none'.
 *
 * truecolor: `ESC[38;2;r;g;bm`; ansi256: `ESC[38;5;nm` with n = rgbToAnsi256(rgb); ansi16:
 * `ESC[30..37m` / `ESC[90..97m` for n = rgbToAnsi16(rgb).
 * @example
 * ```ts
 * fg('truecolor', [1, 2, 3]); // '\x1b[38;2;1;2;3m'
 * fg('none', [1, 2, 3]);      // ''
 * ```
 */
export function fg(mode: ColorMode, rgb: Rgb): string {
  if (mode === 'none') return '';
  if (mode === 'truecolor') {
    return `\x1b[38;2;${clampByte(rgb[0])};${clampByte(rgb[1])};${clampByte(rgb[2])}m`;
  }
  if (mode === 'ansi16') {
    const i = rgbToAnsi16(rgb);
    return `\x1b[${i < 8 ? 30 + i : 82 + i}m`;
  }
  return `\x1b[38;5;${rgbToAnsi256(rgb)}m`;
}

/**
 * SGR sequence that sets the background colour; '' in mode 'none'.
 *
 * truecolor: `ESC[48;2;r;g;bm`; ansi256: `ESC[48;5;nm`; ansi16: `ESC[40..47m` / `ESC[100..107m`.
 * @example
 * ```ts
 * bg('ansi256', [255, 0, 0]); // '\x1b[48;5;196m'
 * ```
 */
export function bg(mode: ColorMode, rgb: Rgb): string {
  if (mode === 'none') return '';
  if (mode === 'truecolor') {
    return `\x1b[48;2;${clampByte(rgb[0])};${clampByte(rgb[1])};${clampByte(rgb[2])}m`;
  }
  if (mode === 'ansi16') {
    const i = rgbToAnsi16(rgb);
    return `\x1b[${i < 8 ? 40 + i : 92 + i}m`;
  }
  return `\x1b[48;5;${rgbToAnsi256(rgb)}m`;
}

/** Style for {@link paint}. Every field is optional (default: unchanged). */
export interface PaintStyle {
  /** Foreground colour. */
  readonly fg?: Rgb;
  /** Background colour. */
  readonly bg?: Rgb;
  /** Bold (SGR 1); honoured in every mode except 'none'. */
  readonly bold?: boolean;
  /** Dim (SGR 2); honoured in every mode except 'none'. */
  readonly dim?: boolean;
  /** Inverse video (SGR 7); honoured even in mode 'none' (NO_COLOR forbids colour, not attributes). */
  readonly inverse?: boolean;
}

/**
 * Wraps `text` in SGR sequences for the given style and a trailing reset. Returns `text` unchanged
 * when no sequence applies (e.g. mode 'none' without `inverse`).
 *
 * @example
 * ```ts
 * paint('ansi256', 'hi', { fg: [255, 0, 0] }); // '\x1b[38;5;196mhi\x1b[0m'
 * paint('none', 'hi', { fg: [255, 0, 0] });    // 'hi'
 * ```
 */
export function paint(mode: ColorMode, text: string, style: PaintStyle): string {
  let pre = '';
  if (mode !== 'none') {
    if (style.bold === true) pre += '\x1b[1m';
    if (style.dim === true) pre += '\x1b[2m';
    if (style.fg !== undefined) pre += fg(mode, style.fg);
    if (style.bg !== undefined) pre += bg(mode, style.bg);
  }
  if (style.inverse === true) pre += '\x1b[7m';
  return pre === '' || text === '' ? text : pre + text + RESET;
}

/**
 * Linear interpolation between two colours: `a + t (b - a)` per channel, t clamped to [0, 1].
 * @example
 * ```ts
 * mixRgb([0, 0, 0], [255, 255, 255], 0.5); // [128, 128, 128] (rounded)
 * ```
 */
export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  const u = t > 1 ? 1 : t > 0 ? t : 0;
  return [
    Math.round(a[0] + (b[0] - a[0]) * u),
    Math.round(a[1] + (b[1] - a[1]) * u),
    Math.round(a[2] + (b[2] - a[2]) * u),
  ];
}

/** Colours of a three-stop diverging scale (see {@link divergingColor}). */
export interface DivergingScale {
  /** Colour at -1 (default Playground orange `#f59322`). */
  readonly negative: Rgb;
  /** Colour at 0 (default Playground near-white `#e8eaeb`). */
  readonly middle: Rgb;
  /** Colour at +1 (default Playground blue `#0877bd`). */
  readonly positive: Rgb;
}

/** The TensorFlow Playground's scale: orange (-1) ↔ near-white (0) ↔ blue (+1). */
export const PLAYGROUND_SCALE: DivergingScale = {
  negative: PLAYGROUND_ORANGE,
  middle: PLAYGROUND_WHITE,
  positive: PLAYGROUND_BLUE,
};

/**
 * Diverging colour for a value in [-1, 1] (clamped): for v < 0 mix(middle, negative, -v), for
 * v >= 0 mix(middle, positive, v). NaN maps to the middle colour (a render must never throw on a
 * diverged model; the driver reports divergence separately).
 *
 * @param v - value, nominally in [-1, 1].
 * @param scale - the three stops (default {@link PLAYGROUND_SCALE}).
 * @example
 * ```ts
 * divergingColor(-1); // [245, 147, 34]  (#f59322)
 * divergingColor(1);  // [8, 119, 189]   (#0877bd)
 * ```
 */
export function divergingColor(v: number, scale: DivergingScale = PLAYGROUND_SCALE): Rgb {
  if (Number.isNaN(v)) return scale.middle;
  if (v < 0) return mixRgb(scale.middle, scale.negative, -v);
  return mixRgb(scale.middle, scale.positive, v);
}
