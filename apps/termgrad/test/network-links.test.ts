/**
 * Issue 8 item 4: the network diagram draws the weights as links between its columns where there
 * is room (sign by colour, or by solid/dotted glyphs without colour; size by intensity and
 * thickness; the selected unit's links bold), and the selected neuron's weight marks otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { rowCells } from '../src/render/cell-diff.js';
import type { ColorMode } from '../src/render/index.js';
import { stripAnsi, visibleWidth } from '../src/render/index.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
import type { NetworkCursor } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { networkDiagram } from '../src/views/network-diagram.js';
import type { DiagramGeometry } from '../src/views/network-geometry.js';
import { diagramGeometry } from '../src/views/network-geometry.js';

type Cell = ReturnType<typeof rowCells>[number];

/** A real snapshot of `settings` after one epoch, its weights replaced by known ones. */
async function snapshotWith(
  settings: NetworkSettings,
  weights: number[][],
): Promise<NetworkSnapshot> {
  const f = await createSessionFactory();
  const session = f.network(settings);
  await session.next(undefined);
  const r = await session.next({ capture: true });
  await session.return(undefined);
  if (r.done === true || r.value.model === undefined) throw new Error('no snapshot');
  const sizes = [...settings.layers, 1];
  return {
    ...r.value,
    model: {
      ...r.value.model,
      weights: weights.map((w) => Float64Array.from(w)),
      biases: sizes.map((n) => new Float64Array(n)),
    },
  };
}

const BRAILLE = /[\u2801-\u28ff]/;
/** Set dots of a braille cell (0 for anything else). */
const dots = (ch: string): number => {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x2800 || cp > 0x28ff) return 0;
  let n = 0;
  for (let b = cp - 0x2800; b > 0; b >>= 1) n += b & 1;
  return n;
};

/** The cells of the link block between drawn columns k and k + 1 (the gap minus the cursor's column). */
function block(rows: readonly string[], g: DiagramGeometry, k: number): Cell[][] {
  const src = g.columns[k];
  const dst = g.columns[k + 1];
  if (src === undefined || dst === undefined) throw new Error(`no columns ${k}, ${k + 1}`);
  const x0 = src.x + src.width;
  const x1 = dst.cellX - 1;
  return rows
    .slice(g.top, g.detailY)
    .map((r) => rowCells(r, g.width).slice(x0, x1))
    .filter((cells) => cells.length > 0);
}
const linkCells = (b: Cell[][]): Cell[] => b.flat().filter((c) => c.ch !== ' ');

const W = 80;
const H = 40;
/** Off feature: a cursor that selects no link. */
const NOWHERE: NetworkCursor = { col: 0, row: 6 };

function draw(
  s: NetworkSettings,
  snap: NetworkSnapshot,
  mode: ColorMode,
  charset: 'utf8' | 'ascii' = 'utf8',
  cursor: NetworkCursor = NOWHERE,
  width = W,
  height = H,
): { rows: string[]; g: DiagramGeometry } {
  const g = diagramGeometry(s, width, height, cursor.col);
  if (g === null) throw new Error('no geometry');
  return { rows: networkDiagram(s, snap, cursor, true, width, height, mode, charset), g };
}

// One input, one hidden neuron, one output: two horizontal links (x₁ → n1, n1 → out).
const CHAIN: NetworkSettings = {
  ...DEFAULT_NETWORK_SETTINGS,
  features: ['x1'],
  layers: [1],
  seed: 5,
};
// Two inputs, two hidden neurons: four links in the first gap.
const CROSS: NetworkSettings = {
  ...DEFAULT_NETWORK_SETTINGS,
  features: ['x1', 'x2'],
  layers: [2],
  seed: 5,
};
const BLUE = '38;2;47;143;223'; // TRAIN_COLOR #2f8fdf
const ORANGE = '38;2;255;159;47'; // TEST_COLOR #ff9f2f

describe('network links', () => {
  let strong: NetworkSnapshot; // x₁ → n1 = +2, n1 → out = −2
  let weak: NetworkSnapshot; // +0.5, −0.5
  let faint: NetworkSnapshot; // +0.1, −0.1
  let cross: NetworkSnapshot;
  beforeAll(async () => {
    strong = await snapshotWith(CHAIN, [[2], [-2]]);
    weak = await snapshotWith(CHAIN, [[0.5], [-0.5]]);
    faint = await snapshotWith(CHAIN, [[0.1], [-0.1]]);
    // Rows: x₁ → (n1, n2) = (+1.5, −0.3); x₂ → (n1, n2) = (−1.2, +0.6).
    cross = await snapshotWith(CROSS, [
      [1.5, -0.3, -1.2, 0.6],
      [1, -1],
    ]);
  });

  it('are drawn between every pair of columns when there is room', () => {
    const { rows, g } = draw(CHAIN, strong, 'truecolor');
    expect(g.links).toBe(true);
    expect(rows).toHaveLength(H);
    for (const r of rows) expect(visibleWidth(r)).toBe(W);
    for (const k of [0, 1]) {
      const cells = linkCells(block(rows, g, k));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.ch).toMatch(BRAILLE);
    }
  });

  it('take the sign colour: positive blue, negative orange (full intensity from |w| = 1)', () => {
    const { rows, g } = draw(CHAIN, strong, 'truecolor');
    for (const c of linkCells(block(rows, g, 0))) expect(c.style.fg).toBe(BLUE);
    for (const c of linkCells(block(rows, g, 1))) expect(c.style.fg).toBe(ORANGE);
  });

  it('show the size: smaller weights fainter (towards grey) and thinner', () => {
    const rgb = (fg: string): number[] => fg.split(';').slice(2).map(Number);
    const level = (snap: NetworkSnapshot, k: number) => {
      const { rows, g } = draw(CHAIN, snap, 'truecolor');
      const cells = linkCells(block(rows, g, k));
      return { fg: rgb(cells[0]?.style.fg ?? ''), dots: cells.reduce((t, c) => t + dots(c.ch), 0) };
    };
    // Positive: the blue channel falls (223 → less) and red rises towards the grey as |w| shrinks.
    const [s, w, f] = [level(strong, 0), level(weak, 0), level(faint, 0)];
    expect(s.fg).toEqual([47, 143, 223]);
    expect(w.fg[2]).toBeLessThan(223);
    expect(f.fg[2]).toBeLessThan(w.fg[2] ?? 0);
    expect(w.fg[0]).toBeGreaterThan(47);
    // |w| ≥ 1 is two dots thick: twice the dots of the same link at |w| < 1.
    expect(s.dots).toBe(2 * w.dots);
    expect(w.dots).toBe(f.dots);
    // Negative: orange fades too (its red channel falls).
    expect(level(weak, 1).fg[0]).toBeLessThan(255);
  });

  it('without colour (NO_COLOR) write no escape sequence and draw negative links dotted', () => {
    const { rows, g } = draw(CHAIN, weak, 'none');
    for (const r of rows) expect(r).not.toMatch(/\x1b/);
    const pos = block(rows, g, 0).find((r) => r.some((c) => c.ch !== ' ')) ?? [];
    const neg = block(rows, g, 1).find((r) => r.some((c) => c.ch !== ' ')) ?? [];
    // Positive: one unbroken line across the gap; negative: gaps in the line, and fewer dots.
    expect(pos.every((c) => BRAILLE.test(c.ch))).toBe(true);
    expect(neg.some((c) => c.ch === ' ')).toBe(true);
    const perCell = (r: Cell[]) => r.reduce((t, c) => t + dots(c.ch), 0) / r.length;
    expect(perCell(neg)).toBeLessThan(perCell(pos) / 2);
  });

  it('in ASCII write only bytes < 0x80: `-` for a positive link, `.` for a negative one without colour', () => {
    const { rows, g } = draw(CHAIN, weak, 'none', 'ascii');
    const pos = linkCells(block(rows, g, 0));
    const neg = linkCells(block(rows, g, 1));
    for (const c of [...pos, ...neg]) expect(c.ch.charCodeAt(0)).toBeLessThan(0x80);
    expect(pos.length).toBeGreaterThan(2);
    expect(new Set(pos.map((c) => c.ch))).toEqual(new Set(['-']));
    expect(new Set(neg.map((c) => c.ch))).toEqual(new Set(['.']));
    // With colour the sign is the colour and both are lines.
    const col = draw(CHAIN, strong, 'ansi256', 'ascii');
    const posC = linkCells(block(col.rows, col.g, 0));
    const negC = linkCells(block(col.rows, col.g, 1));
    expect(new Set(negC.map((c) => c.ch))).toEqual(new Set(['-']));
    expect(posC[0]?.style.fg).not.toBe(negC[0]?.style.fg);
  });

  it('slant the way they go: a link down is `\\`, up is `/` (ASCII)', () => {
    const { rows, g } = draw(CROSS, cross, 'truecolor', 'ascii');
    const chars = linkCells(block(rows, g, 0)).map((c) => c.ch);
    expect(chars).toContain('\\'); // x₁ → n2
    expect(chars).toContain('/'); // x₂ → n1
    expect(chars).toContain('-');
  });

  it("emphasise the selected neuron's links (bold, drawn over the others)", () => {
    const cursor = { col: 1, row: 1 }; // hidden neuron 2: x₁ → n2 (−0.3) and x₂ → n2 (+0.6)
    const { rows, g } = draw(CROSS, cross, 'truecolor', 'utf8', cursor);
    const b = block(rows, g, 0);
    const rowOf = (r: number) => r * g.rowStep + Math.floor((g.ch - 1) / 2);
    // x₂'s row ends in n2 (selected, bold); x₁'s row ends in n1 (not selected).
    const n2Row = b[rowOf(1)] ?? [];
    const n1Row = b[rowOf(0)] ?? [];
    expect(n2Row.at(-1)?.style.bold).toBe(true);
    expect(n1Row.at(-1)?.style.bold).toBe(false);
    expect(n1Row.at(-1)?.ch).toMatch(BRAILLE);
    // The bold cells are the selected links' colours at full intensity: x₂ → n2 blue (the last
    // cell of n2's row), x₁ → n2 orange somewhere.
    const bold = linkCells(b).filter((c) => c.style.bold);
    expect(n2Row.at(-1)?.style.fg).toBe(BLUE);
    expect(bold.some((c) => c.style.fg === ORANGE)).toBe(true);
    // Nothing bold without a selected neuron there.
    expect(
      linkCells(block(draw(CROSS, cross, 'truecolor').rows, g, 0)).some((c) => c.style.bold),
    ).toBe(false);
  });

  it("fall back to the selected neuron's weight marks where there is no room", () => {
    const cursor = { col: 1, row: 0 };
    const g = diagramGeometry(CROSS, 24, 12, cursor.col);
    expect(g?.links).toBe(false);
    expect(diagramGeometry(CROSS, 27, 12, cursor.col)?.links).toBe(true);
    const rows = networkDiagram(CROSS, cross, cursor, true, 24, 12, 'none');
    const text = stripAnsi(rows.join('\n'));
    expect(text).not.toMatch(BRAILLE);
    // Marks right of the sources: x₁ → n1 = +1.5 ('++'), x₂ → n1 = −1.2 ('--').
    const row = (label: string) => rows.find((r) => r.includes(label)) ?? '';
    expect(row('x₁')).toMatch(/x₁ ..\+\+/u);
    expect(row('x₂')).toMatch(/x₂ ..--/u);
  });
});

describe('network links in the app', () => {
  let state: ReturnType<typeof initialState>;
  beforeAll(async () => {
    const s = initialState({
      lab: 'network',
      color: 'ansi256',
      running: false,
      network: { seed: 3 },
    });
    const snap = await snapshotWith(s.network.settings, [
      [0.9, -0.4, 1.3, -1.1, -0.7, 0.2, 0.5, -1.6],
      [0.8, -0.9, -1.2, 0.3, 0.6, 1.1, -0.5, 0.4],
      [1.4, -0.6],
    ]);
    state = reducer(s, {
      type: 'networkSnapshot',
      generation: s.network.generation,
      snapshot: snap,
      losses: [],
    });
  });

  for (const [w, h] of [
    [120, 40],
    [200, 60],
  ] as const) {
    it(`are on the network diagram at ${w}×${h}, ASCII ones in bytes < 0x80`, () => {
      // The App draws one row fewer than the terminal has.
      const rows = appView(state, w, h - 1);
      const text = stripAnsi(rows.join('\n'));
      const from = text.split('\n').findIndex((r) => r.includes('network 4-2'));
      const to = text.split('\n').findIndex((r) => r.includes('layer 1 neuron 1'));
      expect(from).toBeGreaterThan(0);
      const diagram = text.split('\n').slice(from, to).join('\n');
      expect(diagram).toMatch(/[\u2801-\u28ff]{3}/);
      const ascii = appView({ ...state, charset: 'ascii' }, w, h - 1);
      for (const r of ascii) expect(Buffer.from(r, 'utf8').every((b) => b < 0x80)).toBe(true);
      const asciiDiagram = stripAnsi(ascii.join('\n')).split('\n').slice(from, to).join('\n');
      expect(asciiDiagram).toMatch(/---/);
      expect(asciiDiagram).toMatch(/[/\\]/);
    });
  }
});
