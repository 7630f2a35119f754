import { describe, expect, it } from 'vitest';
import { rowUpdate } from '../src/render/cell-diff.js';
import { frameUpdate } from '../src/render/index.js';

/** A style-aware terminal: each cell keeps its character and the SGR text in force when written. */
class StyledVt {
  readonly grid: Array<Array<{ ch: string; style: string }>>;
  private row = 0;
  private col = 0;
  private pendingWrap = false;
  private style = { fg: 'default', bg: 'default', attrs: new Set<string>() };
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.grid = Array.from({ length: height }, () =>
      Array.from({ length: width }, () => ({ ch: ' ', style: 'default/default/' })),
    );
  }
  write(text: string): void {
    for (const m of text.matchAll(
      /\x1b\[(\d*)(?:;(\d*))?H|\x1b\[K|\x1b\[2J|\x1b\[([0-9;]*)m|\x1b\[\?\d+[hl]|([^\x1b])/gsu,
    )) {
      const t = m[0];
      if (t.endsWith('H')) {
        this.row = Number(m[1] || 1) - 1;
        this.col = Number(m[2] || 1) - 1;
        this.pendingWrap = false;
      } else if (t === '\x1b[K') {
        // An erase paints the current background.
        for (let c = this.col; c < this.width; c++)
          (this.grid[this.row] ?? [])[c] = {
            ch: ' ',
            style:
              this.style.bg === 'default'
                ? this.render({ fg: 'default', bg: 'default', attrs: new Set() })
                : `bg ${this.style.bg}`,
          };
      } else if (m[3] !== undefined) {
        this.sgr(m[3]);
      } else if (m[4] !== undefined) {
        if (this.pendingWrap) throw new Error('wrote past the last column');
        (this.grid[this.row] ?? [])[this.col] = { ch: m[4], style: this.render(this.style) };
        if (this.col === this.width - 1) this.pendingWrap = true;
        else this.col++;
      }
    }
  }
  /** xterm's SGR rules for the codes the views use. */
  private sgr(params: string): void {
    const p = params === '' ? ['0'] : params.split(';');
    for (let i = 0; i < p.length; i++) {
      const n = Number(p[i]);
      if (n === 0) this.style = { fg: 'default', bg: 'default', attrs: new Set() };
      else if (n === 1 || n === 2 || n === 7) this.style.attrs.add(String(n));
      else if (n === 22) this.style.attrs.delete('1'), this.style.attrs.delete('2');
      else if (n === 27) this.style.attrs.delete('7');
      else if (n === 39) this.style.fg = 'default';
      else if (n === 49) this.style.bg = 'default';
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) this.style.fg = `c${n}`;
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) this.style.bg = `c${n - 10}`;
      else if (n === 38 || n === 48) {
        const value = p[i + 1] === '5' ? `i${p[i + 2]}` : `rgb${p[i + 2]},${p[i + 3]},${p[i + 4]}`;
        if (n === 38) this.style.fg = value;
        else this.style.bg = value;
        i += p[i + 1] === '5' ? 2 : 4;
      } else throw new Error(`unexpected SGR ${n}`);
    }
  }
  private render(s: { fg: string; bg: string; attrs: Set<string> }): string {
    return `${s.fg}/${s.bg}/${[...s.attrs].sort().join('')}`;
  }
  dump(): string {
    return this.grid.map((r) => r.map((c) => `${c.style}|${c.ch}`).join('')).join('\n');
  }
}

/** Deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STYLES = [
  '',
  '\x1b[38;5;196m',
  '\x1b[48;5;21m',
  '\x1b[1m',
  '\x1b[7m',
  '\x1b[2m',
  '\x1b[38;2;1;2;3m',
  '\x1b[91m\x1b[104m',
  '\x1b[38;5;21m\x1b[48;5;196m',
];
const GLYPHS = [' ', 'a', 'b', '⣿', '▀', '·'];

/** A row of `len` cells as styled segments, each closed with a reset (as the views write them). */
function randomRow(r: () => number, len: number): string[] {
  const cells: string[] = [];
  for (let i = 0; i < len; i++) cells.push(GLYPHS[Math.floor(r() * GLYPHS.length)] as string);
  return cells;
}
function styledRow(r: () => number, cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; ) {
    const n = 1 + Math.floor(r() * 6);
    const style = STYLES[Math.floor(r() * STYLES.length)] as string;
    const seg = cells.slice(i, i + n).join('');
    out += style === '' ? seg : `${style}${seg}\x1b[0m`;
    i += n;
  }
  return out;
}

describe('rowUpdate (changed runs of cells)', () => {
  it('leaves the screen exactly as a full redraw would, in fewer or equal bytes', () => {
    const r = rng(7);
    const width = 30;
    for (let trial = 0; trial < 400; trial++) {
      const len = Math.floor(r() * (width + 1));
      const a = styledRow(r, randomRow(r, len));
      const cellsB = randomRow(r, Math.floor(r() * (width + 1)));
      // Mostly small edits of a, sometimes a whole new row.
      const b = r() < 0.3 ? styledRow(r, cellsB) : a.replace(/[ab]/u, 'z');
      const viaDiff = new StyledVt(width, 1);
      viaDiff.write(`\x1b[1;1H${a}\x1b[0m`);
      const update = rowUpdate(0, a, b, width);
      viaDiff.write(update);
      const reference = new StyledVt(width, 1);
      reference.write(`\x1b[1;1H${b}\x1b[0m`);
      expect(viaDiff.dump(), `trial ${trial}`).toBe(reference.dump());
      const whole = `\x1b[1;1H\x1b[0m\x1b[K${b}`;
      expect(Buffer.byteLength(update)).toBeLessThanOrEqual(Buffer.byteLength(whole));
    }
  });

  it('rewrites one changed cell of a wide row with a cursor move instead of the row', () => {
    const a = `${'\x1b[38;5;21m⣿\x1b[0m'.repeat(100)}`;
    const b = `${'\x1b[38;5;21m⣿\x1b[0m'.repeat(50)}\x1b[38;5;196m⣿\x1b[0m${'\x1b[38;5;21m⣿\x1b[0m'.repeat(49)}`;
    const u = rowUpdate(4, a, b, 100);
    expect(u).toBe('\x1b[5;51H\x1b[38;5;196m⣿\x1b[0m');
  });

  it('frameUpdate with a width sends fewer bytes than row repaints for a small change', () => {
    const a = ['x'.repeat(80), 'y'.repeat(80)];
    const b = ['x'.repeat(80), `${'y'.repeat(40)}Q${'y'.repeat(39)}`];
    expect(frameUpdate(a, b, { width: 80 }).length).toBeLessThan(frameUpdate(a, b).length / 4);
  });
});
