import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CursorReplyFilter } from '../src/terminal-input.js';
import { CURSOR_REQUEST, TerminalScreen } from '../src/terminal-screen.js';

describe('CursorReplyFilter', () => {
  it('takes replies out of the keys, also one split across reads', () => {
    const f = new CursorReplyFilter(() => true);
    expect(f.push('a\x1b[12;40Rb')).toEqual({ keys: 'ab', replies: 1, holding: false });
    expect(f.push(' \x1b[3')).toEqual({ keys: ' ', replies: 0, holding: true });
    expect(f.push('0;1')).toEqual({ keys: '', replies: 0, holding: true });
    expect(f.push('Rq')).toEqual({ keys: 'q', replies: 1, holding: false });
  });
  it('passes a held Esc on, and arrow keys through', () => {
    const f = new CursorReplyFilter(() => true);
    expect(f.push('\x1b').holding).toBe(true);
    expect(f.flush()).toBe('\x1b');
    expect(f.push('\x1b[A\x1b[1;5A')).toEqual({
      keys: '\x1b[A\x1b[1;5A',
      replies: 0,
      holding: false,
    });
  });
  it('leaves reply-like keys alone when no reply is expected', () => {
    const f = new CursorReplyFilter(() => false);
    expect(f.push('\x1b[1;5R')).toEqual({ keys: '\x1b[1;5R', replies: 0, holding: false });
  });
});

class FakeOut extends EventEmitter {
  columns = 10;
  rows = 2;
  writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

const rows = (tag: string): string[] => [tag.padEnd(10, '.'), '..........'];

describe('TerminalScreen pacing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the next frame only after the reply, and then the newest one (skips, never queues)', () => {
    let t = 0;
    const out = new FakeOut();
    const screen = new TerminalScreen(out, { paced: true, now: () => t });
    screen.draw(rows('a'), 10, 2);
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]?.endsWith(CURSOR_REQUEST)).toBe(true);
    expect(screen.expectingReply()).toBe(true);
    t = 100;
    screen.draw(rows('b'), 10, 2);
    screen.draw(rows('c'), 10, 2);
    screen.draw(rows('d'), 10, 2);
    expect(out.writes).toHaveLength(1);
    screen.acknowledge(1);
    expect(out.writes).toHaveLength(2);
    expect(out.writes[1]).toContain('d');
    expect(out.writes[1]).not.toContain('b');
    screen.close();
  });

  it('falls back to a time pace when the terminal never answers', () => {
    vi.useFakeTimers();
    const out = new FakeOut();
    const screen = new TerminalScreen(out, { paced: true, fps: 10, now: () => Date.now() });
    let frames = 0;
    // The app renders at 10 fps for 10 s; the terminal never answers.
    for (let i = 0; i < 100; i++) {
      screen.draw(rows(`f${i}`), 10, 2);
      vi.advanceTimersByTime(100);
    }
    frames = out.writes.length;
    // First a second per frame while unsure, then the fps pace: far more than 10 frames, and
    // never more than one per render.
    expect(frames).toBeGreaterThan(60);
    expect(frames).toBeLessThanOrEqual(100);
    screen.close();
  });

  it('a frame waiting for a lost reply is drawn after the timeout even with no new render', () => {
    vi.useFakeTimers();
    const out = new FakeOut();
    const screen = new TerminalScreen(out, { paced: true, now: () => Date.now() });
    screen.draw(rows('a'), 10, 2);
    screen.draw(rows('b'), 10, 2);
    expect(out.writes).toHaveLength(1);
    vi.advanceTimersByTime(1100);
    expect(out.writes).toHaveLength(2);
    screen.close();
  });
});
