import type { ClassifySnapshot, CurveSnapshot, CvChoice, NetworkSnapshot } from '../driver/snapshots.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import { DEFAULT_CLASSIFY_SETTINGS } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import { DEFAULT_CURVE_SETTINGS } from '../settings/curve-settings.js';
import type { LabId } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../settings/network-settings.js';

/** Colour depth the views render with (matches the render primitives' ColorMode). */
export type ColorChoice = 'truecolor' | 'ansi256' | 'none';

/** Point of the live loss chart. */
export interface LossPoint {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
}

/** Common part of a lab's state: its settings, which field the cursor is on, and the training run. */
export interface LabState<S, Snap> {
  readonly settings: S;
  /** Index of the selected field in the settings panel. */
  readonly field: number;
  /** Training is running (false: paused). */
  readonly running: boolean;
  /** Bumped on every reset; the driver restarts when it changes, stale snapshots are dropped. */
  readonly generation: number;
  /** Bumped by the step key while paused; the driver runs one epoch per bump. */
  readonly steps: number;
  readonly snapshot: Snap | null;
  /** Last error of the driver (shown instead of the plot). */
  readonly error: string | null;
}

export interface CurveLabState extends LabState<CurveSettings, CurveSnapshot> {
  readonly cv: CvChoice | null;
  /** Bumped by the cross-validation key. */
  readonly cvRequests: number;
}

export type ClassifyLabState = LabState<ClassifySettings, ClassifySnapshot>;

export interface NetworkLabState extends LabState<NetworkSettings, NetworkSnapshot> {
  readonly history: readonly LossPoint[];
}

/** The whole dashboard state. */
export interface AppState {
  readonly lab: LabId;
  readonly help: boolean;
  readonly color: ColorChoice;
  /** Status message and the time (ms) it expires. */
  readonly message: string | null;
  readonly messageUntil: number;
  readonly quitting: boolean;
  readonly curve: CurveLabState;
  readonly classify: ClassifyLabState;
  readonly network: NetworkLabState;
}

/** Options of {@link initialState}. */
export interface InitialStateOptions {
  readonly lab?: LabId;
  readonly color?: ColorChoice;
  readonly curve?: Partial<CurveSettings>;
  readonly classify?: Partial<ClassifySettings>;
  readonly network?: Partial<NetworkSettings>;
  /** Start the training of the network lab right away. Default true. */
  readonly running?: boolean;
}

/** Longest loss history kept (older points are thinned by half). */
export const MAX_HISTORY = 512;

/**
 * The dashboard's first state: network lab (the Playground's defaults), running.
 * @example
 * initialState().lab; // 'network'
 */
export function initialState(options: InitialStateOptions = {}): AppState {
  const running = options.running ?? true;
  return {
    lab: options.lab ?? 'network',
    help: false,
    color: options.color ?? 'none',
    message: null,
    messageUntil: 0,
    quitting: false,
    curve: {
      settings: { ...DEFAULT_CURVE_SETTINGS, ...options.curve },
      field: 0,
      running: true,
      generation: 0,
      steps: 0,
      snapshot: null,
      error: null,
      cv: null,
      cvRequests: 0,
    },
    classify: {
      settings: { ...DEFAULT_CLASSIFY_SETTINGS, ...options.classify },
      field: 0,
      running,
      generation: 0,
      steps: 0,
      snapshot: null,
      error: null,
    },
    network: {
      settings: { ...DEFAULT_NETWORK_SETTINGS, ...options.network },
      field: 0,
      running,
      generation: 0,
      steps: 0,
      snapshot: null,
      error: null,
      history: [],
    },
  };
}
