import { toggleFeature } from '../settings/fields.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import { FEATURES, MAX_LAYERS, MAX_NEURONS } from '../settings/network-settings.js';
import type { NetworkCursor } from './app-state.js';

/** Neurons of a newly added hidden layer (the Playground adds layers of 2). */
export const NEW_LAYER_NEURONS = 2;

/** Number of columns of the network diagram: inputs, hidden layers, output. */
export function columnCount(s: NetworkSettings): number {
  return s.layers.length + 2;
}

/** Number of selectable rows of diagram column `col` (inputs: every feature, selected or not). */
export function rowCount(s: NetworkSettings, col: number): number {
  if (col <= 0) return FEATURES.length;
  if (col <= s.layers.length) return s.layers[col - 1] ?? 1;
  return 1;
}

/** The cursor moved into the diagram's bounds (the row kept as close as the column allows). */
export function clampCursor(s: NetworkSettings, c: NetworkCursor): NetworkCursor {
  const col = Math.max(0, Math.min(columnCount(s) - 1, c.col));
  const row = Math.max(0, Math.min(rowCount(s, col) - 1, c.row));
  return col === c.col && row === c.row ? c : { col, row };
}

/** The cursor moved by dx columns and dy rows (rows wrap within a column, columns stop at the ends). */
export function moveCursor(
  s: NetworkSettings,
  c: NetworkCursor,
  dx: number,
  dy: number,
): NetworkCursor {
  const col = Math.max(0, Math.min(columnCount(s) - 1, c.col + dx));
  const rows = rowCount(s, col);
  const row = dx !== 0 ? Math.min(rows - 1, c.row) : (((c.row + dy) % rows) + rows) % rows;
  return { col, row };
}

/** Result of an edit: the new settings (the same object when nothing changed) and the cursor. */
export interface NetworkEdit {
  readonly settings: NetworkSettings;
  readonly cursor: NetworkCursor;
}

/**
 * Applies a diagram edit at the cursor (pure). Neurons ± act on the selected hidden layer (on the
 * inputs or the output column: on the last hidden layer); a new layer goes after the selected
 * column (before the output when the output is selected) and gets the cursor; removing takes the
 * selected hidden layer (else the last one); toggling acts on the selected input feature.
 * @example
 * editNetwork({ ...DEFAULT_NETWORK_SETTINGS, layers: [4, 2] }, { col: 1, row: 0 }, 'addNeuron').settings.layers; // [5, 2]
 */
export function editNetwork(
  s: NetworkSettings,
  c: NetworkCursor,
  op: 'addNeuron' | 'removeNeuron' | 'addLayer' | 'removeLayer' | 'toggleFeature',
): NetworkEdit {
  const hidden = c.col >= 1 && c.col <= s.layers.length ? c.col - 1 : s.layers.length - 1;
  if (op === 'toggleFeature') {
    const f = c.col === 0 ? FEATURES[c.row] : undefined;
    return f === undefined
      ? { settings: s, cursor: c }
      : { settings: toggleFeature(s, f), cursor: c };
  }
  if (op === 'addNeuron' || op === 'removeNeuron') {
    if (hidden < 0) return { settings: s, cursor: c };
    const n = s.layers[hidden] ?? 1;
    const next = Math.max(1, Math.min(MAX_NEURONS, n + (op === 'addNeuron' ? 1 : -1)));
    if (next === n) return { settings: s, cursor: c };
    const layers = s.layers.slice();
    layers[hidden] = next;
    const settings = { ...s, layers };
    return {
      settings,
      cursor: clampCursor(settings, { col: hidden + 1, row: c.col === hidden + 1 ? c.row : 0 }),
    };
  }
  if (op === 'addLayer') {
    if (s.layers.length >= MAX_LAYERS) return { settings: s, cursor: c };
    // After the selected column: inputs → first hidden layer; output → the last.
    const at = Math.max(0, Math.min(s.layers.length, c.col));
    const layers = [...s.layers.slice(0, at), NEW_LAYER_NEURONS, ...s.layers.slice(at)];
    return { settings: { ...s, layers }, cursor: { col: at + 1, row: 0 } };
  }
  if (s.layers.length === 0) return { settings: s, cursor: c };
  const layers = s.layers.filter((_, i) => i !== hidden);
  const settings = { ...s, layers };
  return { settings, cursor: clampCursor(settings, { col: Math.max(1, hidden), row: 0 }) };
}
