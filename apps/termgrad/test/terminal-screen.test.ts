import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { frameUpdate } from '../src/render/index.js';
import { TerminalScreen } from '../src/terminal-screen.js';
import { Vt } from './helpers/vt.js';

/** A fake terminal: size, 'resize' events, and everything written goes into a Vt. */
class FakeTerminal extends EventEmitter {
  vt: Vt;
  writes: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.vt = new Vt(columns, rows);
  }
  write(text: string): boolean {
    this.writes.push(text);
    this.vt.write(text);
    return true;
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    // A real terminal reflows or keeps garbage; this one starts blank, marked with '?'.
    this.vt = new Vt(columns, rows);
    for (const r of this.vt.grid) r.fill('?');
    this.emit('resize');
  }
}

const frame = (w: number, h: number, tag: string): string[] =>
  Array.from({ length: h }, (_, i) => `${tag}${i}`.padEnd(w, '.').slice(0, w));

describe('frameUpdate', () => {
  it('keeps the last character of a row as wide as the terminal (erases before writing)', () => {
    const vt = new Vt(4, 2);
    vt.write(frameUpdate([], ['abcd', 'efgh']));
    vt.write(frameUpdate(['abcd', 'efgh'], ['abcd', 'wxyz']));
    expect(vt.lines()).toEqual(['abcd', 'wxyz']);
    // Nothing wrapped or scrolled: the rows stay where they were put.
    expect(vt.scrolls).toBe(0);
  });
  it('writes no SGR when asked (NO_COLOR)', () => {
    expect(frameUpdate(['a'], ['b'], { sgr: false })).not.toMatch(/\x1b\[[0-9;]*m/);
  });
});

describe('TerminalScreen', () => {
  it('draws a full frame first, then only the rows that changed, and never scrolls', () => {
    const term = new FakeTerminal(12, 5);
    const screen = new TerminalScreen(term);
    const a = frame(12, 5, 'a');
    screen.draw(a, 12, 5);
    expect(term.vt.lines()).toEqual(a);
    const b = [...a];
    b[2] = 'changed row!';
    screen.draw(b, 12, 5);
    expect(term.vt.lines()).toEqual(b);
    // The second write touched one row: one cursor move.
    expect(term.writes[1]?.match(/\x1b\[\d+;1H/g)).toHaveLength(1);
    screen.draw(b, 12, 5);
    expect(term.writes).toHaveLength(2);
    expect(term.vt.scrolls).toBe(0);
  });

  it('drops rows made for another size, and redraws everything after a resize', () => {
    const term = new FakeTerminal(10, 4);
    const screen = new TerminalScreen(term);
    screen.draw(frame(10, 4, 'a'), 10, 4);
    term.resize(8, 3);
    // A frame made before the App saw the resize: not drawn (it would wrap).
    screen.draw(frame(10, 4, 'b'), 10, 4);
    expect(term.vt.lines()).toEqual(['????????', '????????', '????????']);
    const c = frame(8, 3, 'c');
    screen.draw(c, 8, 3);
    expect(term.vt.lines()).toEqual(c);
  });

  it('redraws everything after a resize even when the size comes back to the same', () => {
    const term = new FakeTerminal(6, 2);
    const screen = new TerminalScreen(term);
    const a = frame(6, 2, 'a');
    screen.draw(a, 6, 2);
    term.resize(6, 2);
    screen.draw(a, 6, 2);
    expect(term.vt.lines()).toEqual(a);
  });

  it('writes no SGR sequence when unstyled (NO_COLOR)', () => {
    const term = new FakeTerminal(6, 2);
    const screen = new TerminalScreen(term, { styled: false });
    screen.draw(frame(6, 2, 'a'), 6, 2);
    screen.draw(frame(6, 2, 'b'), 6, 2);
    expect(term.writes.join('')).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it('reports its size and resize events', () => {
    const term = new FakeTerminal(30, 9);
    const screen = new TerminalScreen(term);
    let calls = 0;
    const off = screen.onResize(() => calls++);
    term.resize(31, 9);
    off();
    term.resize(32, 9);
    expect(calls).toBe(1);
    expect(screen.size()).toEqual({ width: 32, height: 9 });
    screen.close();
  });
});
