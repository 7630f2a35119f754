import type { DigitsSnapshot } from '../driver/digits-snapshot.js';
import type {
  ClassifySnapshot,
  CurveSnapshot,
  CvChoice,
  NetworkSnapshot,
} from '../driver/snapshots.js';
import type { LabId } from '../settings/lab.js';
import type { LossPoint } from './app-state.js';
import type { DigitsAction } from './digits-reducer.js';

/**
 * Every state change of the dashboard. Time (`now`, ms) and randomness (`seed`) come in with the
 * action, so the reducer stays pure.
 */
export type Action =
  | { readonly type: 'switchLab'; readonly lab: LabId }
  | { readonly type: 'nextLab'; readonly dir: -1 | 1 }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'closeHelp' }
  /** Scroll the help overlay by one row (it scrolls when the terminal is too short for it). */
  | { readonly type: 'scrollHelp'; readonly dir: -1 | 1 }
  | { readonly type: 'quit' }
  | { readonly type: 'message'; readonly text: string; readonly now: number; readonly ttl?: number }
  /** Move the settings cursor of the current lab. */
  | { readonly type: 'selectField'; readonly dir: -1 | 1 }
  /** Change the selected setting of the current lab. */
  | { readonly type: 'changeField'; readonly dir: -1 | 1 }
  /** Change a setting by its field key. */
  | { readonly type: 'changeFieldByKey'; readonly key: string; readonly dir: -1 | 1 }
  /** Select a setting of the current lab by its index (a mouse click on it). */
  | { readonly type: 'selectFieldAt'; readonly index: number }
  /** Network lab: arrow keys act on the settings panel or on the network diagram; omitted: switch. */
  | { readonly type: 'networkFocus'; readonly focus?: 'settings' | 'network' }
  /** Network lab: move the diagram's cursor by columns (dx) and rows (dy). */
  | { readonly type: 'moveCursor'; readonly dx: number; readonly dy: number }
  /** Network lab: select a diagram element (a click); focuses the diagram. */
  | { readonly type: 'selectNeuron'; readonly col: number; readonly row: number }
  /**
   * Network lab: edit the architecture at the cursor: neurons of the selected layer ±1, insert a
   * layer after the selected column / remove the selected layer, toggle the selected input feature.
   */
  | {
      readonly type: 'editNetwork';
      readonly op: 'addNeuron' | 'removeNeuron' | 'addLayer' | 'removeLayer' | 'toggleFeature';
    }
  | { readonly type: 'togglePlay' }
  /** Training speed one step up (1) or down (−1) the ladder 1, 3, 10, 30, 100, 300, max epochs/s. */
  | { readonly type: 'changeSpeed'; readonly dir: -1 | 1 }
  | { readonly type: 'step' }
  /** Restart training of the current lab with the same data. */
  | { readonly type: 'reset' }
  /** New data: a new seed for the current lab. */
  | { readonly type: 'regenerate'; readonly seed: number }
  | { readonly type: 'crossValidate' }
  /** Cross-validation finished at time `now` (ms): its grid is shown for a few seconds. */
  | {
      readonly type: 'cvResult';
      readonly generation: number;
      readonly choice: CvChoice;
      readonly now: number;
    }
  | {
      readonly type: 'curveSnapshot';
      readonly generation: number;
      readonly snapshot: CurveSnapshot;
    }
  | {
      readonly type: 'classifySnapshot';
      readonly generation: number;
      readonly snapshot: ClassifySnapshot;
    }
  | {
      readonly type: 'networkSnapshot';
      readonly generation: number;
      readonly snapshot: NetworkSnapshot;
      /** Losses of every epoch since the previous snapshot (for the chart). */
      readonly losses?: readonly LossPoint[];
    }
  | {
      readonly type: 'driverError';
      readonly lab: LabId;
      readonly generation: number;
      readonly message: string;
    }
  | { readonly type: 'finished'; readonly lab: LabId; readonly generation: number }
  | DigitsAction;

/**
 * The snapshot action of a lab's session (what the driver dispatches for each frame).
 * @param losses - network lab: losses of the epochs since the previous snapshot.
 */
export function snapshotAction(
  lab: LabId,
  generation: number,
  snapshot: unknown,
  losses: readonly LossPoint[] = [],
): Action {
  if (lab === 'curve')
    return { type: 'curveSnapshot', generation, snapshot: snapshot as CurveSnapshot };
  if (lab === 'classify')
    return { type: 'classifySnapshot', generation, snapshot: snapshot as ClassifySnapshot };
  if (lab === 'digits')
    return { type: 'digitsSnapshot', generation, snapshot: snapshot as DigitsSnapshot, losses };
  return { type: 'networkSnapshot', generation, snapshot: snapshot as NetworkSnapshot, losses };
}
