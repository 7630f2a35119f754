import { DEFAULT_SPEED } from '../driver/pacer.js';
import type {
  ClassifySnapshot,
  CurveSnapshot,
  CvChoice,
  NetworkSnapshot,
} from '../driver/snapshots.js';
import type { Charset } from '../render/charset.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import { DEFAULT_CLASSIFY_SETTINGS } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import { DEFAULT_CURVE_SETTINGS } from '../settings/curve-settings.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import { DEFAULT_DIGITS_SETTINGS } from '../settings/digits-settings.js';
import type { LabId } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../settings/network-settings.js';
import type { DigitsLabState } from './digits-state.js';
import { newDigitsLab } from './digits-state.js';

/** Colour depth the views render with (matches the render primitives' ColorMode). */
export type ColorChoice = 'truecolor' | 'ansi256' | 'ansi16' | 'none';

/** Point of the live loss chart. */
export interface LossPoint {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
  /** Validation loss (early stopping's held-out training points), when there are any. */
  readonly val?: number;
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
  /** The run ended by itself (not paused by the user); a new run then plays again. */
  readonly finished: boolean;
  /** File name of the user's CSV (`--data`) when this lab can train on it (data set 'csv'); else null. */
  readonly dataFile?: string | null;
}

export interface CurveLabState extends LabState<CurveSettings, CurveSnapshot> {
  readonly cv: CvChoice | null;
  /** Time (ms) until which the cross-validation grid is shown. */
  readonly cvUntil: number;
  /** Bumped by the cross-validation key. */
  readonly cvRequests: number;
}

export type ClassifyLabState = LabState<ClassifySettings, ClassifySnapshot>;

/**
 * The selected element of the network diagram: column 0 is the input features (row = index in
 * FEATURES, selected or not), columns 1..L the hidden layers (row = neuron), column L + 1 the output.
 */
export interface NetworkCursor {
  readonly col: number;
  readonly row: number;
}

export interface NetworkLabState extends LabState<NetworkSettings, NetworkSnapshot> {
  readonly history: readonly LossPoint[];
  /** Where the arrow keys act: the settings panel, or the network diagram (`e` switches). */
  readonly focus: 'settings' | 'network';
  /** Selected element of the diagram. */
  readonly cursor: NetworkCursor;
}

/** The whole dashboard state. */
export interface AppState {
  readonly lab: LabId;
  readonly help: boolean;
  /** First row of the help overlay shown (it scrolls on short terminals). */
  readonly helpScroll: number;
  readonly color: ColorChoice;
  /** Character set of the screen: 'ascii' writes no byte ≥ 0x80 (see render/charset). */
  readonly charset: Charset;
  /** Status message and the time (ms) it expires. */
  readonly message: string | null;
  readonly messageUntil: number;
  readonly quitting: boolean;
  /** Training speed of the dashboard in epochs per second; Infinity = as fast as possible. */
  readonly speed: number;
  readonly curve: CurveLabState;
  readonly classify: ClassifyLabState;
  readonly network: NetworkLabState;
  readonly digits: DigitsLabState;
}

/** Options of {@link initialState}. */
export interface InitialStateOptions {
  readonly lab?: LabId;
  readonly color?: ColorChoice;
  /** Character set of the screen. Default 'utf8'. */
  readonly charset?: Charset;
  /** Epochs per second (Infinity = max). Default 30. */
  readonly speed?: number;
  readonly curve?: Partial<CurveSettings>;
  readonly classify?: Partial<ClassifySettings>;
  readonly network?: Partial<NetworkSettings>;
  readonly digits?: Partial<DigitsSettings>;
  /** The network lab's loss chart so far (a loaded run). Default empty. */
  readonly history?: readonly LossPoint[];
  /** Start the training of the network lab right away. Default true. */
  readonly running?: boolean;
  /** File name of the user's CSV (`--data`) for the network lab's data field. Default none. */
  readonly networkDataFile?: string;
  /** File name of the user's CSV for the classification lab (class labels only). Default none. */
  readonly classifyDataFile?: string;
}

/** How long the cross-validation grid stays on screen (ms). */
export const CV_SHOW_MS = 8000;

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
    helpScroll: 0,
    color: options.color ?? 'none',
    charset: options.charset ?? 'utf8',
    message: null,
    messageUntil: 0,
    quitting: false,
    speed: options.speed ?? DEFAULT_SPEED,
    curve: {
      ...newLab({ ...DEFAULT_CURVE_SETTINGS, ...options.curve }, true),
      cv: null,
      cvUntil: 0,
      cvRequests: 0,
    },
    classify: newLab(
      { ...DEFAULT_CLASSIFY_SETTINGS, ...options.classify },
      running,
      options.classifyDataFile,
    ),
    network: {
      ...newLab(
        { ...DEFAULT_NETWORK_SETTINGS, ...options.network },
        running,
        options.networkDataFile,
      ),
      history: options.history ?? [],
      focus: 'settings',
      cursor: { col: 1, row: 0 },
    },
    digits: newDigitsLab({ ...DEFAULT_DIGITS_SETTINGS, ...options.digits }, running),
  };
}

/** A lab's state before its first run: first field selected, generation 0, no snapshot yet. */
function newLab<S, Snap>(settings: S, running: boolean, dataFile?: string): LabState<S, Snap> {
  return {
    settings,
    field: 0,
    running,
    generation: 0,
    steps: 0,
    snapshot: null,
    error: null,
    finished: false,
    dataFile: dataFile ?? null,
  };
}
