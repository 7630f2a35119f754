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
  /** True while the local output buffer is full (Node streams); the screen then waits. */
  readonly writableNeedDrain?: boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/** Options of {@link TerminalScreen}. */
export interface TerminalScreenOptions {
  /** Rows carry colour/style sequences (false under NO_COLOR: no SGR is ever written). Default true. */
  readonly styled?: boolean;
  /**
   * Pace frames end to end (default false): follow each frame with a cursor-position request
   * (DSR, `ESC[6n`) and draw the next frame only once the terminal's reply has come back
   * ({@link TerminalScreen.acknowledge}), so frames never pile up in the pty, sshd or the network.
   * Frames drawn meanwhile replace each other (the newest is drawn, none is queued).
   */
  readonly paced?: boolean;
  /** Frame-rate cap, used as the time-based pace for a terminal that never answers. Default 15. */
  readonly fps?: number;
  /** Clock in ms (tests). Default Date.now. */
  readonly now?: () => number;
}

/** Cursor-position request (DSR 6); the terminal answers `ESC[row;colR`. */
export const CURSOR_REQUEST = '\x1b[6n';
/** Until a terminal has answered once, a request unanswered this long (ms) lets the next frame go. */
const FIRST_TIMEOUT_MS = 1000;
/** Unanswered requests after which a terminal that never answered is paced by time alone. */
const SILENT_AFTER = 3;
/** Bounds (ms) of the wait for a reply once the terminal is known to answer (3 × the recent round trip). */
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 5000;

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
 * Paced (`paced: true`, the dashboard), each frame is followed by a cursor-position request and
 * the next frame waits for the reply (see {@link TerminalScreenOptions.paced}): over a slow link
 * the screen shows the newest state one frame's transfer time after it changed, never a backlog.
 * A terminal that never answers is paced by time (the fps cap) after a few unanswered requests.
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
  private readonly paced: boolean;
  private readonly frameMs: number;
  private readonly now: () => number;
  /** Send times of the requests not answered yet (oldest first). */
  private readonly inFlight: number[] = [];
  private lastSent = -Infinity;
  private answered = false;
  private unanswered = 0;
  private roundTrip = 0;
  /** The newest frame that had to wait for the link (drawn when the reply comes). */
  private pending: { rows: readonly string[]; width: number; height: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onTerminalResize = (): void => {
    this.drawnWidth = -1;
  };

  constructor(
    private readonly out: TerminalOutput,
    options: TerminalScreenOptions = {},
  ) {
    this.styled = options.styled ?? true;
    this.paced = options.paced ?? false;
    this.frameMs = 1000 / Math.max(1, options.fps ?? 15);
    this.now = options.now ?? Date.now;
    out.on('resize', this.onTerminalResize);
  }

  /** Whether a cursor-position reply is expected now (the key reader then takes it out of the keys). */
  expectingReply(): boolean {
    return this.inFlight.length > 0;
  }

  /**
   * Tells the screen that `count` cursor-position replies arrived: the frames before them have
   * reached the terminal. Draws the newest waiting frame once nothing is in flight.
   */
  acknowledge(count = 1): void {
    const t = this.now();
    for (let i = 0; i < count && this.inFlight.length > 0; i++) {
      const sent = this.inFlight.shift() as number;
      this.roundTrip = this.answered ? 0.7 * this.roundTrip + 0.3 * (t - sent) : t - sent;
      this.answered = true;
    }
    this.unanswered = 0;
    this.flush();
  }

  /** How long (ms) the link is given to answer the last request before the next frame goes anyway. */
  private timeout(): number {
    if (this.answered)
      return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, 3 * this.roundTrip));
    return this.unanswered >= SILENT_AFTER ? this.frameMs : FIRST_TIMEOUT_MS;
  }

  /** Ms until a frame may be sent (0: now). */
  private waitMs(): number {
    if (!this.paced) return 0;
    if (this.out.writableNeedDrain === true) return this.frameMs;
    if (this.inFlight.length === 0) return 0;
    return Math.max(0, this.lastSent + this.timeout() - this.now());
  }

  private flush(): void {
    const p = this.pending;
    if (p === null) return;
    const wait = this.waitMs();
    if (wait > 0) {
      this.schedule(wait);
      return;
    }
    this.pending = null;
    if (this.inFlight.length > 0) this.unanswered++;
    this.send(p.rows, p.width, p.height);
  }

  private schedule(ms: number): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
    this.timer.unref?.();
  }

  size(): { width: number; height: number } {
    const w = this.out.columns;
    const h = this.out.rows;
    return { width: w !== undefined && w > 0 ? w : 100, height: h !== undefined && h > 0 ? h : 30 };
  }

  draw(rows: readonly string[], width: number, height: number): void {
    const now = this.size();
    if (now.width !== width || now.height !== height) return;
    this.pending = { rows, width, height };
    this.flush();
  }

  private send(rows: readonly string[], width: number, height: number): void {
    const now = this.size();
    if (now.width !== width || now.height !== height) return;
    const full = this.drawnWidth !== width || this.drawnHeight !== height;
    const update = frameUpdate(full ? [] : this.prev, rows, { sgr: this.styled, width });
    this.prev = rows;
    this.drawnWidth = width;
    this.drawnHeight = height;
    if (update === '' && !full) return;
    let text =
      BEGIN_SYNC + (full ? CLEAR : '') + update + (this.styled ? '\x1b[0m' : '') + END_SYNC;
    if (this.paced) {
      text += CURSOR_REQUEST;
      this.inFlight.push(this.now());
      // A terminal that never answers must not grow this without bound.
      if (this.inFlight.length > 64) this.inFlight.shift();
      this.lastSent = this.now();
    }
    this.out.write(text);
  }

  onResize(listener: () => void): () => void {
    this.out.on('resize', listener);
    return () => {
      this.out.off('resize', listener);
    };
  }

  /**
   * Resolves once no reply is in flight (or after a bounded wait: 300 ms for a terminal that
   * never answered, else up to 1.5 s). Call before leaving raw mode: a reply arriving after it
   * would be echoed onto the shell.
   */
  async settle(): Promise<void> {
    this.pending = null;
    const limit = this.now() + (this.answered ? 1500 : 300);
    while (this.inFlight.length > 0 && this.now() < limit)
      await new Promise((r) => setTimeout(r, 20));
  }

  /** Stops listening to the terminal. */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.out.off('resize', this.onTerminalResize);
  }
}
