import type { ClassifySettings } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import type { NetworkSettings } from '../settings/network-settings.js';

/** Points of a 1-D regression problem. */
export interface Points1d {
  readonly x: readonly number[];
  readonly t: readonly number[];
}

/** E_RMS of train and test for one order M. */
export interface SweepEntry {
  readonly m: number;
  readonly train: number;
  readonly test: number;
}

/** Model selection by cross-validation. */
export interface CvChoice {
  readonly m: number;
  /** null for λ = 0. */
  readonly lnLambda: number | null;
  /** Mean validation E_RMS of the choice. */
  readonly score: number;
  readonly folds: number;
  /** Mean validation E_RMS of every (M, ln λ) tried (NaN where the fit was impossible). */
  readonly grid: readonly {
    readonly m: number;
    readonly lnLambda: number | null;
    readonly score: number;
  }[];
}

/** One fitted state of the curve lab. Immutable. */
export interface CurveSnapshot {
  readonly settings: CurveSettings;
  readonly train: Points1d;
  readonly test: Points1d;
  /** w₀ … w_M. */
  readonly coefficients: readonly number[];
  /** Evaluates the fitted polynomial (a fitted model that is never changed again). */
  readonly predict: (x: readonly number[]) => number[];
  readonly eRmsTrain: number;
  readonly eRmsTest: number;
  /** E_RMS against M = 0..maxM (grows while the sweep runs). */
  readonly sweep: readonly SweepEntry[];
  /** True when the design matrix was rank deficient. */
  readonly rankDeficient: boolean;
  /** λ = 0 with M + 1 > N: the fit is the minimum-norm interpolant (ridge with λ → 0⁺). */
  readonly minimumNorm: boolean;
  /** The fitted model as JSON (for saving). */
  readonly toJSON: () => unknown;
}

/** Points with integer labels 0..classes-1 (2-D, except a user's CSV with more columns). */
export interface Points2d {
  /** Row-major [n, 2] ([n, dims] for a CSV with dims ≠ 2). */
  readonly x: Float64Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/** One state of a classifier while it trains. Immutable. */
export interface ClassifySnapshot {
  readonly settings: ClassifySettings;
  readonly classes: number;
  readonly data: Points2d;
  /** Input columns of the points: 2, or a CSV's column count (only 2 give a map). */
  readonly dims: number;
  readonly epoch: number;
  readonly done: boolean;
  readonly accuracy: number;
  /** Cross-entropy (logistic) or perceptron criterion or NaN (generative). */
  readonly loss: number;
  /** p(c|x) for points [n, dims] -> [n, classes] row-major. Frozen model. */
  readonly proba: (x: Float64Array, n: number) => Float64Array;
  /** Weight rows w_k (one row for two classes), in the model's input features. */
  readonly w: readonly (readonly number[])[];
  readonly w0: readonly number[];
  /** Names of the inputs w refers to. */
  readonly inputs: readonly string[];
  /** Perceptron: weight updates made in the last epoch, and misclassified points. */
  readonly updates?: number;
  readonly converged?: boolean;
  /** The fitted model as JSON (for saving). */
  readonly toJSON: () => unknown;
}

/** Train and test points of the network lab, in data coordinates. */
export interface NetworkData {
  readonly train: Points2d;
  readonly test: Points2d;
  /** Regression targets (problem 'regression'), aligned with `train`/`test`. */
  readonly trainTargets?: Float64Array;
  readonly testTargets?: Float64Array;
  readonly classes: number;
  /** Domain shown on the heat map: [min, max] for both axes. */
  readonly domain: readonly [number, number];
  /** Names of the input columns (the two plotted coordinates for 2-D data). */
  readonly axes: readonly string[];
  /** Input columns per point: 2 for the built-in sets, any number for a CSV (only 2 give a map). */
  readonly dims: number;
}

/** A frozen copy of the network that views can evaluate. */
export interface FrozenNetwork {
  /** Hidden layer sizes, then the output size. */
  readonly sizes: readonly number[];
  /** Network output on 2-D points [n, 2]: [n, outputs] row-major (classification: p or tanh output). */
  readonly output: (x: Float64Array, n: number) => Float64Array;
  /** Activations of every hidden neuron: result[layer][neuron] is an [n] array. */
  readonly neurons: (x: Float64Array, n: number) => Float64Array[][];
  /** Output biases. */
  readonly outputBias: readonly number[];
  /** Weights of every layer l (inputs → first hidden is l = 0): [fanIn × fanOut] row-major, W[i·fanOut + j] from unit i to unit j. */
  readonly weights?: readonly Float64Array[];
  /** Biases of every layer l (as `weights`). */
  readonly biases?: readonly Float64Array[];
  /** The model as JSON (for saving). */
  readonly toJSON: () => unknown;
  /** Mode playground: `PlaygroundTrainer.state()` taken with this copy (for saving and resuming). */
  readonly trainerState?: unknown;
}

/** One state of the network lab's training. Immutable. */
export interface NetworkSnapshot {
  readonly settings: NetworkSettings;
  readonly data: NetworkData;
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Accuracy in 0..1 (classification), NaN otherwise. */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Training throughput over the last slice. */
  readonly samplesPerSecond: number;
  /** Loss and accuracy on the validation points held out of the training data (NaN without). */
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** Early stopping put back the weights of its best validation epoch (shown: `bestEpoch`). */
  readonly restoredBest?: boolean;
  readonly bestEpoch?: number;
  readonly done: boolean;
  readonly stoppedEarly: boolean;
  /** Links killed by L1 regularisation (mode 'playground' only). */
  readonly deadLinks?: number;
  /** Present when the consumer asked for it (costs a copy). */
  readonly model?: FrozenNetwork;
}

/**
 * What a consumer asks of the next step of a session generator. `next()` (or `{}`) trains one
 * epoch; `next({ capture: true })` trains nothing and re-yields the current state with a frozen
 * copy of the model attached (for drawing and saving); `settings` hands over live changes.
 */
export interface StepRequest<S = unknown> {
  readonly capture?: boolean;
  /**
   * New settings whose changes the running session takes without a reset (network lab: learning
   * rate, optimizer, regularisation, batch size); applied before this step.
   */
  readonly settings?: S;
}

/** A lab's training run: an async generator of immutable snapshots, one per epoch. */
export type Session<Snap, S = unknown> = AsyncGenerator<Snap, void, StepRequest<S> | undefined>;
