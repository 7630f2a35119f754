import type { ColorMode } from '../render/index.js';
import type { LabId } from '../settings/lab.js';
import { LAB_TITLES } from '../settings/lab.js';
import { KEY_HELP } from '../state/keymap.js';
import { fit, heading, line } from './layout.js';

/**
 * The `?` screen: every key, global ones first, then the current lab's. Exactly width × height;
 * when the keys do not fit, it shows rows from `scroll` on and a scroll hint on the last row.
 */
export function helpView(
  lab: LabId,
  width: number,
  height: number,
  mode: ColorMode,
  scroll = 0,
): string[] {
  const keyWidth = Math.min(18, Math.max(8, Math.floor(width / 3)));
  const row = (k: string, w: string): string => line(`  ${k.padEnd(keyWidth)} ${w}`, width);
  const rows = [heading(mode, 'Keys (every lab)')];
  for (const h of KEY_HELP.filter((x) => x.labs === undefined)) rows.push(row(h.keys, h.what));
  rows.push(heading(mode, `Keys of ${LAB_TITLES[lab]}`));
  for (const h of KEY_HELP.filter((x) => x.labs?.includes(lab) === true))
    rows.push(row(h.keys, h.what));
  rows.push('', line('  Esc or ? closes this help.', width));
  if (rows.length <= height || height < 2) return fit(rows, width, height);
  // Too short for every key (the minimum size): scroll with ↑↓, the last row says where we are.
  const room = height - 1;
  const top = Math.min(Math.max(0, scroll), rows.length - room);
  const shown = rows.slice(top, top + room);
  const more = `  ↑↓ scroll  rows ${top + 1}–${top + room} of ${rows.length}  · Esc closes`;
  return fit([...shown, line(heading(mode, more), width)], width, height);
}
