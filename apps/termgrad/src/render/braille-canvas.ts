/**
 * A braille "pixel" canvas: every character cell holds 2×4 dots (U+2800..U+28FF), so a canvas of
 * w×h characters has 2w×4h pixels. Drawing uses world coordinates through a viewport (y up).
 */

import type { ColorMode, Rgb } from './color.js';
import { fg, RESET } from './color.js';
import { assertPositiveInt, RenderError } from './render-error.js';
import { charWidth } from './text.js';

/** A rectangle of world coordinates shown by a canvas; y grows upwards. */
export interface Viewport {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** Dot bit for pixel (dx, dy) inside a cell, dx in 0..1, dy in 0..3 (Unicode braille layout). */
const DOT_BITS: readonly (readonly number[])[] = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

/** Options of {@link BrailleCanvas.curve}. */
export interface CurveOptions {
  /** Colour of the curve (default: terminal default colour). */
  readonly color?: Rgb;
  /** Number of sample points for a function (default: 2 × pixel width, i.e. one per pixel column and a half). */
  readonly samples?: number;
}

/**
 * Mutable braille canvas. Pixel (0,0) is the top-left dot. Each character cell remembers one colour:
 * the last writer wins. Text labels can be placed over cells with {@link BrailleCanvas.text}.
 *
 * @throws RenderError if a size is not a positive integer, or a viewport is empty/non-finite.
 * @example
 * ```ts
 * const c = new BrailleCanvas(2, 1);           // 4×4 pixels
 * c.setViewport(0, 3, 0, 3);
 * c.line(0, 0, 3, 3);
 * c.render('none'); // ['⡠⠊']
 * ```
 */
export class BrailleCanvas {
  /** Width in characters. */
  readonly widthChars: number;
  /** Height in characters. */
  readonly heightChars: number;
  /** Width in pixels (2 × widthChars). */
  readonly pixelWidth: number;
  /** Height in pixels (4 × heightChars). */
  readonly pixelHeight: number;
  private readonly dots: Uint8Array;
  private readonly colors: (Rgb | undefined)[];
  private readonly texts: (string | undefined)[];
  private vp: Viewport;

  constructor(widthChars: number, heightChars: number) {
    assertPositiveInt('BrailleCanvas', 'widthChars', widthChars);
    assertPositiveInt('BrailleCanvas', 'heightChars', heightChars);
    this.widthChars = widthChars;
    this.heightChars = heightChars;
    this.pixelWidth = widthChars * 2;
    this.pixelHeight = heightChars * 4;
    const n = widthChars * heightChars;
    this.dots = new Uint8Array(n);
    this.colors = new Array<Rgb | undefined>(n).fill(undefined);
    this.texts = new Array<string | undefined>(n).fill(undefined);
    this.vp = { xmin: 0, xmax: this.pixelWidth - 1, ymin: 0, ymax: this.pixelHeight - 1 };
  }

  /** The current viewport. Default: pixel coordinates with y up, i.e. (0, pw−1, 0, ph−1). */
  get viewport(): Viewport {
    return this.vp;
  }

  /**
   * Sets the world rectangle mapped onto the pixels: xmin → pixel column 0, xmax → last column,
   * ymax → top pixel row, ymin → bottom row.
   * @throws RenderError if a bound is non-finite or xmin >= xmax or ymin >= ymax.
   */
  setViewport(xmin: number, xmax: number, ymin: number, ymax: number): this {
    if (![xmin, xmax, ymin, ymax].every(Number.isFinite) || !(xmin < xmax) || !(ymin < ymax)) {
      throw new RenderError(
        `BrailleCanvas.setViewport: bounds must be finite with xmin < xmax and ymin < ymax; got (${xmin}, ${xmax}, ${ymin}, ${ymax})`,
      );
    }
    this.vp = { xmin, xmax, ymin, ymax };
    return this;
  }

  /** World x → fractional pixel column: (x − xmin) / (xmax − xmin) × (pixelWidth − 1). */
  toPixelX(x: number): number {
    return ((x - this.vp.xmin) / (this.vp.xmax - this.vp.xmin)) * (this.pixelWidth - 1);
  }

  /** World y → fractional pixel row (0 at the top): (ymax − y) / (ymax − ymin) × (pixelHeight − 1). */
  toPixelY(y: number): number {
    return ((this.vp.ymax - y) / (this.vp.ymax - this.vp.ymin)) * (this.pixelHeight - 1);
  }

  /** Clears all dots, colours and text. */
  clear(): this {
    this.dots.fill(0);
    this.colors.fill(undefined);
    this.texts.fill(undefined);
    return this;
  }

  /** Sets one pixel (integer pixel coordinates, (0,0) top-left); out-of-range pixels are ignored. */
  pixel(px: number, py: number, color?: Rgb): this {
    if (!(px >= 0 && py >= 0 && px < this.pixelWidth && py < this.pixelHeight)) return this;
    const ix = Math.floor(px);
    const iy = Math.floor(py);
    const cell = (iy >> 2) * this.widthChars + (ix >> 1);
    this.dots[cell] = (this.dots[cell] ?? 0) | (DOT_BITS[ix & 1]?.[iy & 3] ?? 0);
    if (color !== undefined) this.colors[cell] = color;
    return this;
  }

  /** Whether the pixel is set (for tests and hit checks). */
  isSet(px: number, py: number): boolean {
    if (!(px >= 0 && py >= 0 && px < this.pixelWidth && py < this.pixelHeight)) return false;
    const ix = Math.floor(px);
    const iy = Math.floor(py);
    const cell = (iy >> 2) * this.widthChars + (ix >> 1);
    return ((this.dots[cell] ?? 0) & (DOT_BITS[ix & 1]?.[iy & 3] ?? 0)) !== 0;
  }

  /** Plots a world point (rounded to the nearest pixel); points outside the viewport or non-finite are skipped. */
  point(x: number, y: number, color?: Rgb): this {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return this;
    return this.pixel(Math.round(this.toPixelX(x)), Math.round(this.toPixelY(y)), color);
  }

  /**
   * Draws a world-coordinate segment with Bresenham's algorithm on rounded pixel endpoints.
   * Segments with a non-finite end are skipped; parts outside the canvas are clipped per pixel.
   */
  line(x0: number, y0: number, x1: number, y1: number, color?: Rgb): this {
    if (![x0, y0, x1, y1].every(Number.isFinite)) return this;
    return this.pixelLine(
      Math.round(this.toPixelX(x0)),
      Math.round(this.toPixelY(y0)),
      Math.round(this.toPixelX(x1)),
      Math.round(this.toPixelY(y1)),
      color,
    );
  }

  /** Bresenham line between integer pixel coordinates (endpoints included). */
  pixelLine(px0: number, py0: number, px1: number, py1: number, color?: Rgb): this {
    // Clamp absurd coordinates (a far-off curve point) so the loop stays bounded.
    const lim = 4 * (this.pixelWidth + this.pixelHeight);
    const clamp = (v: number): number => Math.max(-lim, Math.min(lim, v));
    bresenham(clamp(px0), clamp(py0), clamp(px1), clamp(py1), (x, y) => this.pixel(x, y, color));
    return this;
  }

  /**
   * Draws a polyline through (xs[i], ys[i]), or samples `fn` across the viewport's x range.
   * Non-finite samples break the line (no segment is drawn to or from them).
   * @throws RenderError if xs and ys differ in length.
   */
  curve(fn: (x: number) => number, options?: CurveOptions): this;
  curve(xs: ArrayLike<number>, ys: ArrayLike<number>, options?: CurveOptions): this;
  curve(
    a: ((x: number) => number) | ArrayLike<number>,
    b?: ArrayLike<number> | CurveOptions,
    c?: CurveOptions,
  ): this {
    let xs: ArrayLike<number>;
    let ys: ArrayLike<number>;
    let options: CurveOptions;
    if (typeof a === 'function') {
      options = (b as CurveOptions | undefined) ?? {};
      const n = Math.max(2, Math.floor(options.samples ?? this.pixelWidth * 2));
      const fx = new Float64Array(n);
      const fy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = this.vp.xmin + ((this.vp.xmax - this.vp.xmin) * i) / (n - 1);
        fx[i] = x;
        fy[i] = a(x);
      }
      xs = fx;
      ys = fy;
    } else {
      xs = a;
      ys = b as ArrayLike<number>;
      options = c ?? {};
      if (ys === undefined || xs.length !== ys.length) {
        throw new RenderError(
          `BrailleCanvas.curve: xs and ys must have the same length; expected ${xs.length}, got ${ys === undefined ? 'undefined' : ys.length}`,
        );
      }
    }
    const color = options.color;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] ?? NaN;
      const y = ys[i] ?? NaN;
      if (i === 0 || xs.length === 1) this.point(x, y, color);
      if (i > 0) {
        const px = xs[i - 1] ?? NaN;
        const py = ys[i - 1] ?? NaN;
        if (Number.isFinite(px) && Number.isFinite(py)) this.line(px, py, x, y, color);
        else this.point(x, y, color);
      }
    }
    return this;
  }

  /**
   * Writes text over cells starting at character (col, row); each character replaces one braille
   * cell. Characters outside the canvas are dropped; wide characters are replaced by '?'.
   */
  text(col: number, row: number, s: string, color?: Rgb): this {
    if (row < 0 || row >= this.heightChars) return this;
    let c = Math.floor(col);
    for (const ch of s) {
      if (c >= this.widthChars) break;
      if (c >= 0) {
        const cell = row * this.widthChars + c;
        this.texts[cell] = charWidth(ch.codePointAt(0) ?? 0) === 1 ? ch : '?';
        if (color !== undefined) this.colors[cell] = color;
      }
      c++;
    }
    return this;
  }

  /**
   * Renders the canvas as `heightChars` strings, each exactly `widthChars` visible columns. Empty
   * cells are spaces; colour sequences are emitted only when the colour changes and each row ends
   * with a reset (no sequences at all in mode 'none').
   */
  render(mode: ColorMode): string[] {
    const rows: string[] = [];
    for (let r = 0; r < this.heightChars; r++) {
      let line = '';
      let current = '';
      for (let c = 0; c < this.widthChars; c++) {
        const cell = r * this.widthChars + c;
        const t = this.texts[cell];
        const d = this.dots[cell] ?? 0;
        const ch = t ?? (d === 0 ? ' ' : String.fromCharCode(0x2800 + d));
        if (mode !== 'none' && ch !== ' ') {
          const col = this.colors[cell];
          // Compare the SGR strings, so equal colours from different arrays share one sequence.
          const seq = col === undefined ? '' : fg(mode, col);
          if (seq !== current) {
            line += seq === '' ? RESET : seq;
            current = seq;
          }
        }
        line += ch;
      }
      if (current !== '') line += RESET;
      rows.push(line);
    }
    return rows;
  }
}

/**
 * Bresenham's line between integer pixels (x0, y0) and (x1, y1), endpoints included: calls `plot`
 * once per pixel, in order from the first endpoint.
 * @example
 * ```ts
 * const px: [number, number][] = [];
 * bresenham(0, 0, 3, 1, (x, y) => px.push([x, y])); // px = [[0,0],[1,0],[2,1],[3,1]]
 * ```
 */
export function bresenham(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  plot: (x: number, y: number) => void,
): void {
  let x = x0;
  let y = y0;
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    plot(x, y);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}
