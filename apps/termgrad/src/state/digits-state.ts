import type { DigitsSnapshot } from '../driver/digits-snapshot.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import type { LabState, LossPoint } from './app-state.js';

/** What the digits lab's main panel shows when the terminal has no room for all of them (`v` cycles). */
export const DIGITS_PANELS = ['weights', 'confusion', 'mistakes', 'data'] as const;
export type DigitsPanel = (typeof DIGITS_PANELS)[number];

/** The digits lab: its run, the loss chart, and the drawing pad. */
export interface DigitsLabState extends LabState<DigitsSettings, DigitsSnapshot> {
  /** Train/test loss per epoch (the chart). */
  readonly history: readonly LossPoint[];
  /** Train/test accuracy of the frames shown. */
  readonly accuracy: readonly LossPoint[];
  /** Where the arrow keys act: the settings, or the drawing pad (`e` switches). */
  readonly focus: 'settings' | 'pad';
  /** The pad's pixels in [0, 1], row-major, `padShape` [h, w] (the data's image size). */
  readonly pad: readonly number[];
  readonly padShape: readonly [number, number];
  /** The pad's cursor (pixel column x, row y). */
  readonly cursor: { readonly x: number; readonly y: number };
  /** Which of the most wrong test images `i` loads next. */
  readonly sample: number;
  /** The main panel on small terminals. */
  readonly panel: DigitsPanel;
}

/** An empty pad of h × w pixels. */
export function emptyPad(h: number, w: number): number[] {
  return new Array<number>(h * w).fill(0);
}

/** The digits lab before its first run (an empty 8 × 8 pad, the cursor in the middle). */
export function newDigitsLab(settings: DigitsSettings, running: boolean): DigitsLabState {
  return {
    settings,
    field: 0,
    running,
    generation: 0,
    steps: 0,
    snapshot: null,
    error: null,
    finished: false,
    history: [],
    accuracy: [],
    focus: 'settings',
    pad: emptyPad(8, 8),
    padShape: [8, 8],
    cursor: { x: 4, y: 4 },
    sample: 0,
    panel: 'weights',
  };
}
