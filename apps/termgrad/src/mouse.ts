/**
 * Turns on xterm mouse reports in SGR encoding: button presses, releases and the wheel (1000), and
 * motion while a button is held (1002: drags, for the digits lab's drawing pad; no reports for a
 * mouse that merely moves).
 */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
/** Turns them off again (written on every exit path, with the rest of the terminal restore). */
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1002l\x1b[?1000l';

/** A mouse report: 0-based cell (x, y) from the top-left corner. */
export interface MouseEvent {
  /** `drag`: the mouse moved with `button` held (mode 1002). */
  readonly kind: 'press' | 'release' | 'wheelUp' | 'wheelDown' | 'drag';
  /** 0 left, 1 middle, 2 right (presses, releases and drags). */
  readonly button: number;
  readonly x: number;
  readonly y: number;
}

/** An SGR mouse report: `ESC [ < b ; x ; y M` (press, wheel) or `… m` (release). */
const SGR = /\x1b\[<(\d+);(\d+);(\d+)([Mm])/g;
/** What may be the start of a mouse report cut off at the end of a read. */
const PARTIAL = /\x1b(?:\[(?:<[\d;]*)?)?$/;

/**
 * Parses one SGR report's fields (1-based cell, as the terminal sends them). Motion (+32) with a
 * button held is a `drag` (mode 1002), motion without one (35) is ignored; modifier bits (4 shift,
 * 8 meta, 16 ctrl) are dropped.
 * @example
 * parseSgrMouse(0, 10, 5, 'M'); // { kind: 'press', button: 0, x: 9, y: 4 }
 */
export function parseSgrMouse(
  code: number,
  col: number,
  row: number,
  final: 'M' | 'm',
): MouseEvent | null {
  const b = code & ~(4 | 8 | 16 | 32);
  const x = col - 1;
  const y = row - 1;
  if ((code & 32) !== 0) return b <= 2 ? { kind: 'drag', button: b, x, y } : null;
  if (b === 64) return { kind: 'wheelUp', button: 0, x, y };
  if (b === 65) return { kind: 'wheelDown', button: 0, x, y };
  if (b > 2) return null;
  return { kind: final === 'M' ? 'press' : 'release', button: b, x, y };
}

/**
 * Takes SGR mouse reports out of the terminal's input, so they never reach the key reader: each
 * read gives the key text and the mouse events in it. A report cut across two reads is held back
 * until the next read completes it (or {@link flush} gives it up as keys: a lone Esc).
 */
export class MouseFilter {
  private held = '';

  /** Feeds one read. */
  push(chunk: string): { keys: string; events: MouseEvent[]; holding: boolean } {
    let text = this.held + chunk;
    this.held = '';
    const events: MouseEvent[] = [];
    text = text.replace(SGR, (_m, b: string, x: string, y: string, f: string) => {
      const e = parseSgrMouse(Number(b), Number(x), Number(y), f as 'M' | 'm');
      if (e !== null) events.push(e);
      return '';
    });
    const m = PARTIAL.exec(text);
    if (m !== null) {
      this.held = m[0];
      text = text.slice(0, m.index);
    }
    return { keys: text, events, holding: this.held !== '' };
  }

  /** Gives up on a held partial sequence: returns it as keys. */
  flush(): string {
    const t = this.held;
    this.held = '';
    return t;
  }
}

/** Where mouse events go: the dashboard subscribes while it runs. */
export interface MouseSource {
  /** Calls `fn` for every event until the returned function is called. */
  subscribe(fn: (e: MouseEvent) => void): () => void;
}

/** Most events kept while nobody listens. */
const MAX_PENDING = 64;

/**
 * A {@link MouseSource} fed by {@link MouseHub.emit}. Events that arrive while nobody listens (a
 * click while the dashboard starts) wait for the first subscriber, as typed keys do.
 */
export class MouseHub implements MouseSource {
  private readonly listeners = new Set<(e: MouseEvent) => void>();
  private pending: MouseEvent[] = [];

  subscribe(fn: (e: MouseEvent) => void): () => void {
    this.listeners.add(fn);
    const waiting = this.pending;
    this.pending = [];
    for (const e of waiting) fn(e);
    return () => this.listeners.delete(fn);
  }

  emit(e: MouseEvent): void {
    if (this.listeners.size === 0) {
      if (this.pending.length < MAX_PENDING) this.pending.push(e);
      return;
    }
    for (const fn of this.listeners) fn(e);
  }
}
