import type { MouseEvent } from '../mouse.js';
import { DIGITS_FIELDS } from '../settings/digits-fields.js';
import type { Action } from '../state/actions.js';
import type { AppState } from '../state/app-state.js';
import type { Rect } from './digits-layout.js';
import { digitsLayout } from './digits-layout.js';
import { padPixelAt } from './digits-pad.js';
import { settingsBarCells } from './settings-bar.js';

const inside = (r: Rect | null, x: number, y: number): r is Rect =>
  r !== null && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/**
 * What a mouse event over the digits lab asks for (pure; the dashboard is width × height, the lab's
 * body starts on row 1): a press or drag on the pad inks the pixel under it (right button: erases);
 * a click on a setting selects it and the wheel changes it; a click on the main panel of a small
 * terminal shows the next one.
 */
export function digitsMouseActions(
  state: AppState,
  e: MouseEvent,
  width: number,
  height: number,
): Action[] {
  const lab = state.digits;
  const x = e.x;
  const y = e.y - 1;
  const L = digitsLayout(lab, width, height - 2);
  const wheel = e.kind === 'wheelUp' ? 1 : e.kind === 'wheelDown' ? -1 : 0;
  if (inside(L.pad, x, y)) {
    if (wheel !== 0 || (e.button !== 0 && e.button !== 2)) return [];
    const [h, w] = lab.padShape;
    const p = padPixelAt(L.padGeometry, h, w, x - L.pad.x, y - L.pad.y);
    return p === null ? [] : [{ type: 'padPaint', x: p.x, y: p.y, value: e.button === 2 ? 0 : 1 }];
  }
  // Everything else answers left clicks and the wheel only.
  if (e.kind === 'drag' || (e.kind === 'press' && e.button !== 0)) return [];
  const field = (index: number): Action[] => [
    { type: 'selectFieldAt', index },
    { type: 'digitsFocus', focus: 'settings' },
    ...(wheel !== 0 ? [{ type: 'changeField', dir: wheel > 0 ? 1 : -1 } as const] : []),
  ];
  if (inside(L.panel, x, y)) {
    // As fieldPanel draws it: a hint row, then a window of the fields around the selected one.
    const room = L.panel.h - 1;
    const start = Math.max(
      0,
      Math.min(lab.field - Math.floor(room / 2), DIGITS_FIELDS.length - room),
    );
    const index = start + (y - L.panel.y) - 1;
    return y === L.panel.y || index >= DIGITS_FIELDS.length ? [] : field(index);
  }
  const bar = L.bar;
  if (inside(bar, x, y)) {
    const cells = settingsBarCells(DIGITS_FIELDS, lab.settings, lab.field, bar.w, bar.h);
    const cell = cells.find((c) => c.y === y - bar.y && x >= c.x && x < c.x + c.width);
    return cell === undefined ? [] : field(cell.index);
  }
  if (inside(L.main, x, y) && wheel === 0) return [{ type: 'digitsPanel' }];
  return [];
}
