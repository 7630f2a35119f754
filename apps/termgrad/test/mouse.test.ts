import { describe, expect, it } from 'vitest';
import type { MouseEvent } from '../src/mouse.js';
import { MouseFilter, MouseHub, parseSgrMouse } from '../src/mouse.js';
import { stripAnsi } from '../src/render/index.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { mouseActions } from '../src/views/mouse-actions.js';

describe('SGR mouse input', () => {
  it('parses presses, releases and the wheel (1-based cells → 0-based)', () => {
    expect(parseSgrMouse(0, 10, 5, 'M')).toEqual({ kind: 'press', button: 0, x: 9, y: 4 });
    expect(parseSgrMouse(0, 10, 5, 'm')).toEqual({ kind: 'release', button: 0, x: 9, y: 4 });
    expect(parseSgrMouse(64, 1, 1, 'M')).toEqual({ kind: 'wheelUp', button: 0, x: 0, y: 0 });
    expect(parseSgrMouse(65 + 16, 1, 1, 'M')).toEqual({ kind: 'wheelDown', button: 0, x: 0, y: 0 }); // ctrl held
    // Motion with the left button held (mode 1002) is a drag; motion without a button is nothing.
    expect(parseSgrMouse(32, 3, 3, 'M')).toEqual({ kind: 'drag', button: 0, x: 2, y: 2 });
    expect(parseSgrMouse(34, 3, 3, 'M')).toEqual({ kind: 'drag', button: 2, x: 2, y: 2 });
    expect(parseSgrMouse(35, 3, 3, 'M')).toBeNull();
  });

  it('keeps mouse reports out of the keys, also when one is cut across two reads', () => {
    const f = new MouseFilter();
    const a = f.push('n\x1b[<0;12;7Mn\x1b[<0;1');
    expect(a.keys).toBe('nn');
    expect(a.events).toEqual([{ kind: 'press', button: 0, x: 11, y: 6 }]);
    expect(a.holding).toBe(true);
    const b = f.push('2;7mq');
    expect(b.keys).toBe('q');
    expect(b.events).toEqual([{ kind: 'release', button: 0, x: 11, y: 6 }]);
    // A lone Esc at the end of a read is held, then given up as a key.
    expect(f.push('\x1b').keys).toBe('');
    expect(f.flush()).toBe('\x1b');
    // Arrow keys pass.
    expect(f.push('\x1b[A').keys).toBe('\x1b[A');
  });
});

describe('MouseHub', () => {
  it('keeps events that arrive before the dashboard listens, then delivers in order', () => {
    const hub = new MouseHub();
    hub.emit({ kind: 'press', button: 0, x: 1, y: 1 });
    hub.emit({ kind: 'wheelUp', button: 0, x: 2, y: 2 });
    const got: string[] = [];
    const off = hub.subscribe((e) => got.push(`${e.kind}@${e.x}`));
    hub.emit({ kind: 'release', button: 0, x: 3, y: 3 });
    off();
    hub.emit({ kind: 'press', button: 0, x: 4, y: 4 });
    expect(got).toEqual(['press@1', 'wheelUp@2', 'release@3']);
  });
});

/** Screen cell (x, y) of the first occurrence of `text` on the frame. */
function find(rows: string[], text: string, from = 0, fromX = 0): { x: number; y: number } {
  // Every glyph on these screens is one UTF-16 unit and one column wide.
  for (let y = from; y < rows.length; y++) {
    const x = stripAnsi(rows[y] ?? '').indexOf(text, fromX);
    if (x >= 0) return { x, y };
  }
  throw new Error(`${text} not on screen`);
}

function apply(s: AppState, e: MouseEvent, w: number, h: number): AppState {
  return mouseActions(s, e, w, h).reduce(reducer, s);
}

describe('mouse on the network lab', () => {
  for (const [w, h] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`click selects and toggles, wheel changes values, at ${w}×${h}`, () => {
      let s = initialState({ lab: 'network', color: 'none', running: false });
      let rows = appView(s, w, h);
      const y = rows.findIndex((r) => /in\s+4\s+2\s+out/.test(stripAnsi(r)));
      const header = { y, x: stripAnsi(rows[y] ?? '').search(/in\s+4/) };
      // Click an input feature of the diagram (not the panel's): it is selected and toggled.
      const sq = find(rows, 'x₁² ', header.y, header.x - 8);
      s = apply(s, { kind: 'press', button: 0, x: sq.x + 4, y: sq.y }, w, h);
      expect(s.network.settings.features).toEqual(['x1', 'x2', 'x1sq']);
      expect(s.network.cursor).toEqual({ col: 0, row: 2 });
      expect(s.network.focus).toBe('network');
      // A release does nothing.
      expect(apply(s, { kind: 'release', button: 0, x: sq.x + 4, y: sq.y }, w, h)).toBe(s);
      // The wheel over layer 1's header: one neuron more, then one fewer.
      rows = appView(s, w, h);
      const headRow = stripAnsi(rows[header.y] ?? '');
      const four = { x: headRow.indexOf(' 4 ') + 1, y: header.y };
      const two = { x: headRow.indexOf(' 2 ') + 1, y: header.y };
      s = apply(s, { kind: 'wheelUp', button: 0, ...four }, w, h);
      expect(s.network.settings.layers).toEqual([5, 2]);
      expect(s.network.cursor.col).toBe(1);
      s = apply(s, { kind: 'wheelDown', button: 0, ...four }, w, h);
      expect(s.network.settings.layers).toEqual([4, 2]);
      // Click a neuron of layer 2 (second row of thumbnails, below the header).
      rows = appView(s, w, h);
      s = apply(s, { kind: 'press', button: 0, x: two.x, y: two.y + 1 }, w, h);
      expect(s.network.cursor).toEqual({ col: 2, row: 0 });
      // [+] on the title adds a layer after the selection.
      const plus = find(rows, '[+]');
      s = apply(s, { kind: 'press', button: 0, x: plus.x + 1, y: plus.y }, w, h);
      expect(s.network.settings.layers).toEqual([4, 2, 2]);
      // Click a setting: it is selected and the arrows act on the settings again; the wheel changes it.
      rows = appView(s, w, h);
      const noise = find(rows, 'noise %');
      s = apply(s, { kind: 'press', button: 0, x: noise.x + 1, y: noise.y }, w, h);
      expect(s.network.focus).toBe('settings');
      expect(appView(s, w, h)[h - 1]).toMatch(/noise %: 0/);
      s = apply(s, { kind: 'wheelUp', button: 0, x: noise.x + 1, y: noise.y }, w, h);
      expect(s.network.settings.noise).toBe(5);
      // A click on a tab switches labs.
      const tab = find(rows, '1 Curve');
      expect(apply(s, { kind: 'press', button: 0, x: tab.x, y: 0 }, w, h).lab).toBe('curve');
    });
  }
});
