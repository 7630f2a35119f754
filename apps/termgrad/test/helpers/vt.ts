/**
 * A minimal terminal emulator for tests: a width × height grid, the cursor, and xterm's
 * pending-wrap rule (after a character in the last column the cursor stays there; the next
 * character wraps to the next row, scrolling at the bottom). Understands CUP `ESC[r;cH`, `ESC[H`,
 * EL `ESC[K`, ED `ESC[2J`; ignores SGR `ESC[…m` and private modes `ESC[?…h/l`; counts scrolls.
 */
export class Vt {
  readonly grid: string[][];
  row = 0;
  col = 0;
  wrapPending = false;
  scrolls = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  }

  write(text: string): void {
    const re =
      /\x1b\[(\d*)(?:;(\d*))?H|\x1b\[K|\x1b\[2J|\x1b\[[0-9;]*m|\x1b\[\?\d+[hl]|(\r)|(\n)|([^\x1b])/gu;
    for (const m of text.matchAll(re)) {
      const t = m[0];
      if (t.endsWith('H') && t.startsWith('\x1b[')) {
        this.row = Math.min(this.height, Math.max(1, Number(m[1] || 1))) - 1;
        this.col = Math.min(this.width, Math.max(1, Number(m[2] || 1))) - 1;
        this.wrapPending = false;
      } else if (t === '\x1b[K') {
        for (let c = this.col; c < this.width; c++) (this.grid[this.row] as string[])[c] = ' ';
      } else if (t === '\x1b[2J') {
        for (const r of this.grid) r.fill(' ');
      } else if (m[3] !== undefined) {
        this.col = 0;
        this.wrapPending = false;
      } else if (m[4] !== undefined) {
        this.newline();
      } else if (m[5] !== undefined) {
        if (this.wrapPending) {
          this.col = 0;
          this.newline();
          this.wrapPending = false;
        }
        (this.grid[this.row] as string[])[this.col] = m[5];
        if (this.col === this.width - 1) this.wrapPending = true;
        else this.col++;
      }
    }
  }

  /** The screen as rows of text. */
  lines(): string[] {
    return this.grid.map((r) => r.join(''));
  }

  private newline(): void {
    if (this.row < this.height - 1) this.row++;
    else {
      this.grid.shift();
      this.grid.push(Array<string>(this.width).fill(' '));
      this.scrolls++;
    }
  }
}
