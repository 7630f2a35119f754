import { rowUpdate } from './cell-diff.js';

/**
 * Frame statistics for benchmarks and for a line-diffing writer: bytes of a frame and which rows
 * changed between two frames.
 */

/**
 * UTF-8 bytes needed to write a frame as rows joined by '\n' (escape sequences included).
 * @example
 * ```ts
 * frameBytes(['ab', '⣿']); // 6  (2 + 1 newline + 3)
 * ```
 */
export function frameBytes(rows: readonly string[]): number {
  let n = 0;
  for (const r of rows) n += Buffer.byteLength(r, 'utf8');
  return n + Math.max(0, rows.length - 1);
}

/**
 * Indices of rows that differ between two frames (rows missing on one side count as changed).
 * A writer that repaints only these rows sends fewer bytes than a full redraw.
 * @example
 * ```ts
 * frameDiff(['a', 'b'], ['a', 'c', 'd']); // [1, 2]
 * ```
 */
export function frameDiff(prev: readonly string[], next: readonly string[]): number[] {
  const out: number[] = [];
  const n = Math.max(prev.length, next.length);
  for (let i = 0; i < n; i++) if (prev[i] !== next[i]) out.push(i);
  return out;
}

/** Options of {@link frameUpdate}. */
export interface FrameUpdateOptions {
  /**
   * Emit `ESC[0m` (reset colours) before erasing a row, so the erase uses the default background
   * and no style leaks from one row into the next. Turn off for rows without styles (NO_COLOR), so
   * the update holds cursor moves and erases only. Default true.
   */
  readonly sgr?: boolean;
  /**
   * The screen's width in cells. When given, a row that changed is updated below row granularity:
   * only its changed runs of cells, each after a cursor move, where that is smaller than rewriting
   * the row ({@link rowUpdate}).
   */
  readonly width?: number;
}

/**
 * The escape string that turns a terminal showing `prev` into one showing `next`, repainting only
 * the rows that changed: for each changed row i, `ESC[<i+1>;1H` (cursor to row i+1, column 1),
 * `ESC[0m` (see {@link FrameUpdateOptions.sgr}), `ESC[K` (erase the row), then the row. Erasing
 * BEFORE writing matters: after a row exactly as wide as the terminal the cursor sits in the last
 * column waiting to wrap, and an erase there would delete that last character (xterm does).
 * Rows of `prev` beyond `next` are erased. With `prev` empty this is a full redraw. Pure: the
 * caller writes the result (see TerminalScreen), bypassing a renderer's per-character layout work.
 *
 * @param prev - rows currently on screen (top row first).
 * @param next - rows to show.
 * @example
 * ```ts
 * frameUpdate(['a', 'b'], ['a', 'c']); // '\x1b[2;1H\x1b[0m\x1b[Kc'
 * ```
 */
export function frameUpdate(
  prev: readonly string[],
  next: readonly string[],
  options: FrameUpdateOptions = {},
): string {
  const erase = options.sgr === false ? '\x1b[K' : '\x1b[0m\x1b[K';
  const width = options.width;
  let out = '';
  for (const i of frameDiff(prev, next)) {
    const before = prev[i];
    const after = next[i];
    if (width !== undefined && before !== undefined && after !== undefined)
      out += rowUpdate(i, before, after, width, options.sgr !== false);
    else out += `\x1b[${i + 1};1H${erase}${after ?? ''}`;
  }
  return out;
}
