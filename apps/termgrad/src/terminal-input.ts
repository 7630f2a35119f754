import { PassThrough } from 'node:stream';
import type { MouseHub } from './mouse.js';
import { MouseFilter } from './mouse.js';

/** A cursor-position report: `ESC [ row ; col R`. */
const REPLY = /\x1b\[\d+;\d+R/g;
/** What may be the start of a reply cut off at the end of a read. */
const PARTIAL = /\x1b(?:\[(?:\d+(?:;\d*)?)?)?$/;
/** A held partial sequence that is not completed within this many ms is a key after all (Esc). */
const HOLD_MS = 60;

/**
 * Takes the terminal's cursor-position replies (answers to the screen's pacing requests) out of
 * the key input. A reply cut across two reads is held back until the next read completes it (or,
 * after {@link HOLD_MS}, passed on as keys: a lone Esc). Replies are only taken while one is
 * expected, so a key that looks like one (some terminals send Ctrl-F3 as `ESC[1;5R`) passes.
 */
export class CursorReplyFilter {
  private held = '';

  /** @param expecting - whether a reply is expected now. */
  constructor(private readonly expecting: () => boolean) {}

  /**
   * Feeds one read; returns the key text to pass on, the number of replies taken out, and
   * whether a partial sequence is being held (call {@link flush} after a pause).
   */
  push(chunk: string): { keys: string; replies: number; holding: boolean } {
    let text = this.held + chunk;
    this.held = '';
    if (!this.expecting()) return { keys: text, replies: 0, holding: false };
    let replies = 0;
    text = text.replace(REPLY, () => {
      replies++;
      return '';
    });
    const m = PARTIAL.exec(text);
    if (m !== null) {
      this.held = m[0];
      text = text.slice(0, m.index);
    }
    return { keys: text, replies, holding: this.held !== '' };
  }

  /** Gives up on a held partial sequence: returns it as keys. */
  flush(): string {
    const t = this.held;
    this.held = '';
    return t;
  }
}

/** The screen side the key input reports to. */
export interface ReplySink {
  expectingReply(): boolean;
  acknowledge(count: number): void;
}

/** The key input handed to Ink, and how to stop it. */
export interface KeyInput {
  /** A stream Ink reads keys from (a TTY stand-in: raw mode and ref/unref reach the terminal). */
  readonly stream: NodeJS.ReadStream;
  /** Stops reading the terminal. */
  close(): void;
}

/**
 * Reads the terminal (`stdin`, already in raw mode) from now on, takes the cursor-position
 * replies out ({@link CursorReplyFilter}) and reports them to `sink`, and passes the keys on to a
 * stream for Ink. Keys typed before Ink reads wait in that stream.
 */
export function filteredKeyInput(
  stdin: NodeJS.ReadStream,
  sink: ReplySink,
  mouse?: MouseHub,
): KeyInput {
  const filter = new CursorReplyFilter(() => sink.expectingReply());
  // SGR mouse reports never reach the keys either: they go to `mouse` (when given) or nowhere.
  const mouseFilter = new MouseFilter();
  const stream = new PassThrough({ encoding: 'utf8' });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const feed = (text: string): boolean => {
    const r = filter.push(text);
    if (r.keys !== '') stream.write(r.keys);
    if (r.replies > 0) sink.acknowledge(r.replies);
    return r.holding;
  };
  const onData = (chunk: string | Buffer): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const m = mouseFilter.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    for (const e of m.events) mouse?.emit(e);
    const holding = feed(m.keys);
    if (holding || m.holding) {
      timer = setTimeout(() => {
        timer = null;
        feed(mouseFilter.flush());
        const keys = filter.flush();
        if (keys !== '') stream.write(keys);
      }, HOLD_MS);
    }
  };
  stdin.setEncoding('utf8');
  stdin.on('data', onData);
  Object.defineProperties(stream, {
    isTTY: { value: stdin.isTTY === true },
    isRaw: { get: () => stdin.isRaw },
  });
  const proxy = stream as unknown as NodeJS.ReadStream & Record<string, unknown>;
  // Raw mode stays on until the terminal is restored: a pacing reply arriving after Ink stops
  // must still be read here, not echoed onto the screen by the terminal driver.
  proxy['setRawMode'] = (mode: boolean) => {
    if (mode && stdin.isTTY) stdin.setRawMode(true);
    return proxy;
  };
  proxy['ref'] = () => {
    stdin.ref();
    return proxy;
  };
  proxy['unref'] = () => {
    stdin.unref();
    return proxy;
  };
  return {
    stream: proxy,
    close: () => {
      if (timer !== null) clearTimeout(timer);
      stdin.off('data', onData);
      stdin.pause();
    },
  };
}
