import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import { stripAnsi, visibleWidth } from '../src/render/index.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import type { KeyInfo } from '../src/state/keymap.js';
import { keyToIntent } from '../src/state/keymap.js';
import { editNetwork, moveCursor } from '../src/state/network-edit.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { weightMark } from '../src/views/network-diagram.js';

const ctx = { now: 0, seed: 7 };

/** Presses keys as the App does: intent → reducer. */
function press(state: AppState, ...keys: (string | KeyInfo)[]): AppState {
  let s = state;
  for (const k of keys) {
    const intent = typeof k === 'string' ? keyToIntent(s, k, {}, ctx) : keyToIntent(s, '', k, ctx);
    if (intent?.kind === 'action') s = reducer(s, intent.action);
  }
  return s;
}

const network = (): AppState => initialState({ lab: 'network', running: false });

describe('network editing by keys', () => {
  it('reaches layer 1 in one key and changes its neurons with + and -', () => {
    let s = press(network(), 'e');
    expect(s.network.focus).toBe('network');
    expect(s.network.cursor).toEqual({ col: 1, row: 0 });
    s = press(s, '+', '+');
    expect(s.network.settings.layers).toEqual([6, 2]);
    expect(s.network.generation).toBe(2); // every change restarts the run
    s = press(s, { rightArrow: true }, '-');
    expect(s.network.settings.layers).toEqual([6, 1]);
    s = press(s, '-'); // never below one neuron
    expect(s.network.settings.layers).toEqual([6, 1]);
  });

  it('adds a layer after the cursor and removes the selected one', () => {
    let s = press(network(), 'e', ']');
    expect(s.network.settings.layers).toEqual([4, 2, 2]);
    expect(s.network.cursor).toEqual({ col: 2, row: 0 });
    s = press(s, '+', '+', '+');
    expect(s.network.settings.layers).toEqual([4, 5, 2]);
    s = press(s, '[');
    expect(s.network.settings.layers).toEqual([4, 2]);
    s = press(s, '[', '[', '[');
    expect(s.network.settings.layers).toEqual([]);
    // With no hidden layer the output is column 1; ] from the inputs adds a first layer again.
    s = press(s, { leftArrow: true }, { leftArrow: true }, ']');
    expect(s.network.settings.layers).toEqual([2]);
  });

  it('toggles input features on the diagram, keeping at least one', () => {
    let s = press(network(), 'e', { leftArrow: true }, { downArrow: true }, { downArrow: true });
    expect(s.network.cursor).toEqual({ col: 0, row: 2 }); // x₁²
    s = press(s, 'x');
    expect(s.network.settings.features).toEqual(['x1', 'x2', 'x1sq']);
    s = press(s, { return: true });
    expect(s.network.settings.features).toEqual(['x1', 'x2']);
    s = press(s, { upArrow: true }, 'x', { upArrow: true }, 'x');
    expect(s.network.settings.features).toEqual(['x1']); // x₂ off; x₁, the last one, stays
  });

  it('keeps the cursor inside the network when it shrinks; e and Esc go back to the settings', () => {
    let s = press(network(), 'e', { rightArrow: true }, { downArrow: true });
    expect(s.network.cursor).toEqual({ col: 2, row: 1 });
    s = press(s, '-');
    expect(s.network.cursor).toEqual({ col: 2, row: 0 });
    s = press(s, { escape: true });
    expect(s.network.focus).toBe('settings');
    // Back on the settings the arrows select fields again.
    expect(press(s, { downArrow: true }).network.field).toBe(1);
  });

  it('moves the cursor across columns and wraps rows', () => {
    const s = network().network.settings;
    expect(moveCursor(s, { col: 1, row: 3 }, 1, 0)).toEqual({ col: 2, row: 1 });
    expect(moveCursor(s, { col: 3, row: 0 }, 1, 0)).toEqual({ col: 3, row: 0 });
    expect(moveCursor(s, { col: 0, row: 0 }, 0, -1)).toEqual({ col: 0, row: 6 });
    expect(editNetwork(s, { col: 3, row: 0 }, 'addNeuron').settings.layers).toEqual([4, 3]);
  });
});

describe('network diagram view', () => {
  it('marks weights by sign and size', () => {
    expect(weightMark(0.05)).toBe('· ');
    expect(weightMark(-0.5)).toBe('- ');
    expect(weightMark(2)).toBe('++');
  });

  for (const [w, h] of [
    [60, 20],
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 60],
  ] as const) {
    it(`shows settings, map, network and loss chart at ${w}×${h}`, async () => {
      const f = await createSessionFactory();
      let s = press(
        initialState({ lab: 'network', color: 'none', running: false, network: { seed: 3 } }),
        'e',
      );
      const session = f.network(s.network.settings);
      await session.next(undefined);
      const r = await session.next({ capture: true });
      await session.return(undefined);
      if (r.done === true) throw new Error('no snapshot');
      s = reducer(s, {
        type: 'networkSnapshot',
        generation: s.network.generation,
        snapshot: r.value,
        losses: [
          { epoch: 1, train: 0.7, test: 0.7 },
          { epoch: 2, train: 0.6, test: 0.65 },
        ],
      });
      const rows = appView(s, w, h);
      expect(rows).toHaveLength(h);
      for (const row of rows) expect(visibleWidth(row)).toBeLessThanOrEqual(w);
      const text = stripAnsi(rows.join('\n'));
      expect(text).toMatch(/data\s+circle/); // the settings
      expect(text).toMatch(/o: \+1 x: −1/); // the map's legend
      expect(text).toMatch(/network 4-2/); // the diagram's title
      expect(text).toMatch(/in\s+4\s+2\s+out/); // its column headers
      expect(text).toMatch(/sin x₂/); // every input feature
      if (h > 20)
        expect(text).toMatch(/layer 1 neuron 1\s+bias [+-]\d/); // the selected neuron's numbers
      else expect(rows[h - 1]).toMatch(/layer 1 \(4\)/); // at the minimum size the footer names it
      expect(text).toMatch(/loss/);
      expect(text).not.toMatch(/enlarge terminal/);
      // The footer shows the keys of the selection.
      expect(rows[h - 1]).toMatch(/\+\/- neurons/);
    });
  }
});
