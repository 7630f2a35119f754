import type { ColorMode } from '../render/index.js';
import type { Field } from '../settings/fields.js';
import { fit, line, muted, selected } from './layout.js';

/** One setting of the compact bar: its field index and where it is drawn. */
export interface BarCell {
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly text: string;
}

const SEP = 2;

/**
 * The compact settings form of small terminals: `label value` cells packed into `height` rows of
 * `width`, a window of the fields that contains the selected one (the views draw it, the mouse
 * hit-tests it).
 */
export function settingsBarCells<S>(
  fields: readonly Field<S>[],
  settings: S,
  selectedIndex: number,
  width: number,
  height: number,
): BarCell[] {
  const texts = fields.map((f) => ` ${f.label.trim()} ${f.show(settings)} `);
  // Pages of fields that fill the rows, in order; the page with the selected field is shown.
  const pages: BarCell[][] = [];
  let page: BarCell[] = [];
  let x = 0;
  let y = 0;
  texts.forEach((t, index) => {
    const w = Math.min(t.length, width);
    if (x > 0 && x + w > width) {
      x = 0;
      y++;
    }
    if (y >= height) {
      pages.push(page);
      page = [];
      y = 0;
    }
    page.push({ index, x, y, width: w, text: t.slice(0, w) });
    x += w + SEP;
  });
  if (page.length > 0) pages.push(page);
  return pages.find((p) => p.some((c) => c.index === selectedIndex)) ?? pages[0] ?? [];
}

/** The compact settings form (see {@link settingsBarCells}); the selected cell in inverse video (bracketed without colour). */
export function settingsBar<S>(
  fields: readonly Field<S>[],
  settings: S,
  selectedIndex: number,
  active: boolean,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const cells = settingsBarCells(fields, settings, selectedIndex, width, height);
  const rows: string[] = new Array<string>(height).fill('');
  const cursorX = new Array<number>(height).fill(0);
  for (const c of cells) {
    const pad = ' '.repeat(Math.max(0, c.x - (cursorX[c.y] ?? 0)));
    const text =
      c.index === selectedIndex && active
        ? selected(mode, c.text)
        : c.index === selectedIndex
          ? `>${c.text.slice(1)}`
          : muted(mode, c.text);
    rows[c.y] = `${rows[c.y] ?? ''}${pad}${text}`;
    cursorX[c.y] = c.x + c.width;
  }
  return fit(
    rows.map((r) => line(r, width)),
    width,
    height,
  );
}
