import { frameUpdate } from './render/frame-stats.js';

/** Where the dashboard's frames go: the terminal ({@link TerminalScreen}) or a recorder in tests. */
export interface Screen {
  /** Current size in cells. */
  size(): { readonly width: number; readonly height: number };
  /**
   * Shows `rows`, made for a `width` × `height` screen. Rows made for another size than the
   * current one are dropped (they would wrap): a redraw at the new size follows the resize.
   */
  draw(rows: readonly string[], width: number, height: number): void;
  /** Calls `listener` after every size change; returns the function that unsubscribes. */
  onResize(listener: () => void): () => void;
}

/** The output side of a terminal that {@link TerminalScreen} needs (process.stdout fits). */
export interface TerminalOutput {
  readonly columns?: number;
  readonly rows?: number;
  write(text: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/** Options of {@link TerminalScreen}. */
export interface TerminalScreenOptions {
  /** Rows carry colour/style sequences (false under NO_COLOR: no SGR is ever written). Default true. */
  readonly styled?: boolean;
}

/** Begin / end synchronized update (DEC mode 2026): the terminal shows the frame at once; others ignore it. */
const BEGIN_SYNC = '\x1b[?2026h';
const END_SYNC = '\x1b[?2026l';
/** Cursor home and erase the whole screen. */
const CLEAR = '\x1b[H\x1b[2J';

/**
 * Draws the dashboard's rows on the terminal (already on the alternate screen) itself, repainting
 * only the rows that changed since the last frame ({@link frameUpdate}), in one write per frame
 * wrapped in a synchronized update. After a resize, or the first time, it clears the screen and
 * draws every row. Rows must be at most the terminal's width (the pure views guarantee exactly
 * that width), so nothing wraps and the screen never scrolls: the cursor is only ever placed with
 * absolute moves, and no newline is written.
 *
 * This replaces Ink's renderer for the dashboard: Ink re-tokenises and measures every styled
 * character of every frame, which for a 120×40 colour frame costs as much as the training in
 * between; this costs a string comparison per row.
 */
export class TerminalScreen implements Screen {
  private prev: readonly string[] = [];
  /** Size the rows on screen were drawn for; −1: nothing trustworthy on screen (start, resize). */
  private drawnWidth = -1;
  private drawnHeight = -1;
  private readonly styled: boolean;
  private readonly onTerminalResize = (): void => {
    this.drawnWidth = -1;
  };

  constructor(
    private readonly out: TerminalOutput,
    options: TerminalScreenOptions = {},
  ) {
    this.styled = options.styled ?? true;
    out.on('resize', this.onTerminalResize);
  }

  size(): { width: number; height: number } {
    const w = this.out.columns;
    const h = this.out.rows;
    return { width: w !== undefined && w > 0 ? w : 100, height: h !== undefined && h > 0 ? h : 30 };
  }

  draw(rows: readonly string[], width: number, height: number): void {
    const now = this.size();
    if (now.width !== width || now.height !== height) return;
    const full = this.drawnWidth !== width || this.drawnHeight !== height;
    const update = frameUpdate(full ? [] : this.prev, rows, { sgr: this.styled });
    this.prev = rows;
    this.drawnWidth = width;
    this.drawnHeight = height;
    if (update === '' && !full) return;
    const text = BEGIN_SYNC + (full ? CLEAR : '') + update + (this.styled ? '\x1b[0m' : '') + END_SYNC;
    this.out.write(text);
  }

  onResize(listener: () => void): () => void {
    this.out.on('resize', listener);
    return () => {
      this.out.off('resize', listener);
    };
  }

  /** Stops listening to the terminal. */
  close(): void {
    this.out.off('resize', this.onTerminalResize);
  }
}
