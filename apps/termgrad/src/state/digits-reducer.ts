import type { DigitsSnapshot } from '../driver/digits-snapshot.js';
import type { AppState, LossPoint } from './app-state.js';
import type { DigitsLabState } from './digits-state.js';
import { DIGITS_PANELS, emptyPad } from './digits-state.js';

/** Actions of the digits lab (the drawing pad, its focus, the main panel, snapshots). */
export type DigitsAction =
  | {
      readonly type: 'digitsSnapshot';
      readonly generation: number;
      readonly snapshot: DigitsSnapshot;
      readonly losses?: readonly LossPoint[];
    }
  /** Arrow keys on the drawing pad or on the settings; omitted: switch. */
  | { readonly type: 'digitsFocus'; readonly focus?: 'settings' | 'pad' }
  /** Move the pad's cursor by (dx, dy) pixels (focuses the pad). */
  | { readonly type: 'padMove'; readonly dx: number; readonly dy: number }
  /**
   * Paint at pixel (x, y) (default: the cursor; it moves there): `value` 1 inks, 0 erases; omitted:
   * toggle (the keyboard's space). Wide images (MNIST) get a soft brush: the 4 neighbours ≥ 0.5.
   */
  | { readonly type: 'padPaint'; readonly x?: number; readonly y?: number; readonly value?: 0 | 1 }
  | { readonly type: 'padClear' }
  /** Copy the next of the most wrong test images into the pad. */
  | { readonly type: 'padSample' }
  /** The next main panel (weights, confusion, mistakes, data) on small terminals. */
  | { readonly type: 'digitsPanel' };

/** Longest loss history kept (older points are thinned by half). */
const MAX_POINTS = 512;

function thin(points: readonly LossPoint[]): readonly LossPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const last = points[points.length - 1];
  const kept = points.filter((_, i) => i % 2 === 0);
  return last !== undefined && kept[kept.length - 1] !== last ? [...kept, last] : kept;
}

function withDigits(state: AppState, lab: DigitsLabState): AppState {
  return { ...state, digits: lab };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A snapshot's image size applied to the pad: a new size clears it and centres the cursor. */
function fitPad(lab: DigitsLabState, snap: DigitsSnapshot): DigitsLabState {
  const [h, w] = snap.data.imageShape;
  if (lab.padShape[0] === h && lab.padShape[1] === w) return lab;
  return {
    ...lab,
    pad: emptyPad(h, w),
    padShape: [h, w],
    cursor: { x: Math.floor(w / 2), y: Math.floor(h / 2) },
  };
}

function paint(
  lab: DigitsLabState,
  x: number,
  y: number,
  value: 0 | 1 | undefined,
): DigitsLabState {
  const [h, w] = lab.padShape;
  if (x < 0 || y < 0 || x >= w || y >= h) return lab;
  const pad = lab.pad.slice();
  const i = y * w + x;
  const v = value ?? ((pad[i] ?? 0) >= 0.5 ? 0 : 1);
  pad[i] = v;
  if (w >= 16 && v === 1) {
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < w && yy < h)
        pad[yy * w + xx] = Math.max(pad[yy * w + xx] ?? 0, 0.5);
    }
  }
  return { ...lab, pad, cursor: { x, y } };
}

/**
 * The digits lab's part of the reducer (pure): returns the new state for a digits action, or null
 * for any other action.
 */
export function digitsReducer(state: AppState, action: { readonly type: string }): AppState | null {
  const a = action as DigitsAction;
  const lab = state.digits;
  switch (a.type) {
    case 'digitsSnapshot': {
      if (a.generation !== lab.generation) return state;
      const s = a.snapshot;
      const points = (a.losses ?? []).filter((p) => p.epoch > 0);
      const fresh =
        points.length > 0
          ? points
          : s.epoch > 0
            ? [{ epoch: s.epoch, train: s.trainLoss, test: s.testLoss }]
            : [];
      const lastEpoch = lab.history[lab.history.length - 1]?.epoch ?? 0;
      const history = thin([...lab.history, ...fresh.filter((p) => p.epoch > lastEpoch)]);
      const lastAcc = lab.accuracy[lab.accuracy.length - 1]?.epoch ?? 0;
      const accuracy =
        s.epoch > lastAcc
          ? thin([
              ...lab.accuracy,
              { epoch: s.epoch, train: s.trainAccuracy, test: s.testAccuracy },
            ])
          : lab.accuracy;
      return withDigits(state, { ...fitPad(lab, s), snapshot: s, history, accuracy, error: null });
    }
    case 'digitsFocus': {
      const focus = a.focus ?? (lab.focus === 'pad' ? 'settings' : 'pad');
      return focus === lab.focus ? state : withDigits(state, { ...lab, focus });
    }
    case 'padMove': {
      const [h, w] = lab.padShape;
      return withDigits(state, {
        ...lab,
        focus: 'pad',
        cursor: {
          x: clamp(lab.cursor.x + a.dx, 0, w - 1),
          y: clamp(lab.cursor.y + a.dy, 0, h - 1),
        },
      });
    }
    case 'padPaint':
      return withDigits(state, paint(lab, a.x ?? lab.cursor.x, a.y ?? lab.cursor.y, a.value));
    case 'padClear':
      return withDigits(state, { ...lab, pad: emptyPad(lab.padShape[0], lab.padShape[1]) });
    case 'padSample': {
      const s = lab.snapshot;
      if (s === null) return state;
      const [h, w] = s.data.imageShape;
      // The most wrong test images in turn; with none wrong, the test images in order.
      const pool =
        s.wrong.length > 0
          ? s.wrong.map((x) => x.index)
          : Array.from({ length: Math.min(16, s.data.test.n) }, (_, i) => i);
      if (pool.length === 0) return state;
      const index = pool[lab.sample % pool.length] ?? 0;
      const pad = Array.from(s.data.test.x.subarray(index * h * w, (index + 1) * h * w));
      return withDigits(state, { ...lab, pad, padShape: [h, w], sample: lab.sample + 1 });
    }
    case 'digitsPanel': {
      const i = DIGITS_PANELS.indexOf(lab.panel);
      return withDigits(state, {
        ...lab,
        panel: DIGITS_PANELS[(i + 1) % DIGITS_PANELS.length] ?? 'weights',
      });
    }
    default:
      return null;
  }
}
