import type { ColorMode } from '../render/index.js';
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
    const label = f.label.length > labelWidth ? f.label.slice(0, labelWidth) : f.label.padEnd(labelWidth);
    const text = line(`${lead}${label} ${value} `, width);
    rows.push(i === selectedIndex ? selected(mode, text) : text);
  }
  return fit(rows, width, height);
}
