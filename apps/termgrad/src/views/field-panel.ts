import type { ColorMode } from '../render/index.js';
import { padEndVisible, visibleWidth } from '../render/index.js';
import type { Field } from '../settings/fields.js';
import { fit, line, muted, selected } from './layout.js';

/**
 * The settings panel of a lab: one row per field, `label  value`, the selected one in inverse video.
 * Scrolls so the selected field stays visible. Exactly width × height.
 */
export function fieldPanel<S>(
  fields: readonly Field<S>[],
  settings: S,
  selectedIndex: number,
  width: number,
  height: number,
  mode: ColorMode,
  /** The field the list scrolls to (default the selected one; differs when the selection is elsewhere, e.g. on the network). */
  scrollTo = selectedIndex,
): string[] {
  if (height <= 0) return [];
  const rows: string[] = [line(muted(mode, '↑↓ select  ←→ change'), width)];
  const room = Math.max(0, height - 1);
  const start = Math.max(0, Math.min(scrollTo - Math.floor(room / 2), fields.length - room));
  for (let i = start; i < Math.min(fields.length, start + room); i++) {
    const f = fields[i];
    if (f === undefined) continue;
    const value = f.show(settings);
    // Without colour the selection is bracketed, so every row keeps a leading space for '['.
    const lead = mode === 'none' ? ' ' : '';
    const labelWidth = Math.max(1, width - value.length - 2 - lead.length);
    const label =
      f.label.length > labelWidth ? f.label.slice(0, labelWidth) : f.label.padEnd(labelWidth);
    const text = line(`${lead}${label} ${value} `, width);
    rows.push(i === selectedIndex ? selected(mode, text) : text);
  }
  return fit(rows, width, height);
}

/**
 * The settings as a compact grid for narrow screens (80×24): `label value` cells side by side, as
 * many columns as fit `width`, the selected one in inverse video (bracketed without colour). Every
 * field is shown; returns ceil(fields / columns) rows of exactly `width`.
 */
export function compactFieldPanel<S>(
  fields: readonly Field<S>[],
  settings: S,
  selectedIndex: number,
  width: number,
  mode: ColorMode,
): string[] {
  const cells = fields.map((f) => `${f.label} ${f.show(settings)}`);
  const cellW = Math.min(width, Math.max(...cells.map((c) => visibleWidth(c))) + 2);
  const cols = Math.max(1, Math.floor((width + 1) / (cellW + 1)));
  const rows: string[] = [];
  for (let start = 0; start < cells.length; start += cols) {
    let row = '';
    for (let i = start; i < Math.min(cells.length, start + cols); i++) {
      const text = padEndVisible(` ${cells[i] ?? ''}`, cellW);
      row += (i > start ? ' ' : '') + (i === selectedIndex ? selected(mode, text) : text);
    }
    rows.push(line(row, width));
  }
  return rows;
}
