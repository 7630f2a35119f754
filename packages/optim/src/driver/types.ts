import type { EarlyStopping, EarlyStoppingOptions } from '../early-stopping.js';
import type { Param, ParamArray } from '../params.js';

/** What {@link TrainTask.evaluate} returns after each epoch. */
export interface TrainEvaluation {
  /** Loss on the training set (or an estimate). */
  readonly trainLoss: number;
  /** Loss on the validation set, when there is one. */
  readonly valLoss?: number;
  /** Any further metrics, e.g. `{ accuracy: 0.97, valAccuracy: 0.95 }`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/**
 * What to train. The driver only calls these; the task owns the model, the data, the optimizer
 * and its random generator (so a seeded task makes a deterministic run).
 */
export interface TrainTask {
  /** Performs one mini-batch update and returns that batch's loss. */
  trainStep(): number;
  /** Steps that make one epoch (integer ≥ 1). */
  readonly stepsPerEpoch: number;
  /** Samples per step, for samples/s (default 1). */
  readonly batchSize?: number;
  /** Evaluates the model at the end of an epoch. */
  evaluate(): TrainEvaluation;
  /** The parameter buffers (live or copies; the driver copies them). Enables restoring. */
  getParams?(): readonly Param[];
  /** Writes parameters back (same list/lengths as getParams). */
  setParams?(params: readonly ParamArray[]): void;
  /** Called before the first step of every epoch (0-based), e.g. to reshuffle. */
  onEpochStart?(epoch: number): void;
}

/** An immutable (frozen) picture of a run. */
export interface TrainSnapshot {
  /** Completed epochs. */
  readonly epoch: number;
  /** Completed steps in total. */
  readonly step: number;
  /** Completed steps in the current epoch. */
  readonly stepInEpoch: number;
  /** Loss of the last batch (NaN before the first step). */
  readonly batchLoss: number;
  /** Mean batch loss of the current epoch, or the evaluated train loss right after an epoch. */
  readonly trainLoss: number;
  /** Validation loss of the last evaluation, or null. */
  readonly valLoss: number | null;
  /** Metrics of the last evaluation. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Training throughput over the last chunk (samples/s, evaluation time excluded). */
  readonly samplesPerSecond: number;
  /** Time spent inside the driver so far (ms, by the `now` clock). */
  readonly elapsedMs: number;
  /** Epoch (1-based) of the best monitored value so far, or null. */
  readonly bestEpoch: number | null;
  /** Best monitored value so far, or null. */
  readonly bestValue: number | null;
}

/** Why a run ended. */
export type DoneReason = 'maxEpochs' | 'maxSteps' | 'earlyStopping' | 'aborted' | 'diverged';

/** What the driver reports; a discriminated union on `type`. */
export type TrainEvent =
  | { readonly type: 'progress'; readonly snapshot: TrainSnapshot }
  | { readonly type: 'epoch'; readonly snapshot: TrainSnapshot; readonly improved: boolean }
  | {
      readonly type: 'diverged';
      readonly snapshot: TrainSnapshot;
      /** 1-based step whose loss or parameters became NaN/Infinity, or at which the trend rule fired. */
      readonly step: number;
      /** One sentence: what happened, whether weights were restored, and a suggestion. */
      readonly message: string;
      /** True when the last good parameters were written back. */
      readonly restored: boolean;
    }
  | {
      readonly type: 'done';
      readonly snapshot: TrainSnapshot;
      readonly reason: DoneReason;
      /** True when early stopping's best weights were written back (on earlyStopping, maxEpochs or maxSteps; never on aborted/diverged). */
      readonly restoredBest: boolean;
    };

/** Options of {@link Trainer} and {@link train}. */
export interface TrainOptions {
  /** Stop after this many epochs (default 100). */
  maxEpochs?: number;
  /** Stop after this many steps in total (default Infinity). */
  maxSteps?: number;
  /** Early stopping on the monitored value: an instance or its options (default none). */
  earlyStopping?: EarlyStopping | EarlyStoppingOptions;
  /** Value early stopping watches: 'valLoss' (default; falls back to trainLoss), 'trainLoss' or a metric name. */
  monitor?: string;
  /** Clock in ms (default `performance.now`). Pass a fake clock for deterministic tests. */
  now?: () => number;
  /** Cancels the run; the driver then ends with reason 'aborted'. */
  signal?: AbortSignal;
  /** Check parameters for NaN/Infinity at the end of every chunk (default true when the task has getParams). */
  checkParams?: boolean;
  /**
   * Divergence by trend (see {@link DivergenceRule}): defaults `{ factor: 10, window: 2 }`; `false`
   * turns it off (a NaN or infinite loss or parameter still ends the run).
   */
  divergence?: DivergenceRule | false;
}

/**
 * When a run counts as diverged although its loss is still finite: the evaluated training loss of
 * `window` consecutive epochs is more than `factor` times the lowest loss seen so far (the first
 * batch's loss — the starting weights — or any epoch's). The weights of that lowest point are then
 * written back (when the task has getParams/setParams).
 *
 * @example
 * ```ts
 * new Trainer(task, { divergence: { factor: 100, window: 3 } }); // more tolerant
 * ```
 */
export interface DivergenceRule {
  /** How many times the best loss counts as diverged (> 1; default 10). */
  readonly factor?: number;
  /** Consecutive epochs that must all be that bad (integer ≥ 1; default 2). */
  readonly window?: number;
}

/** Extra options of the {@link train} generator. */
export interface TrainLoopOptions extends TrainOptions {
  /** Steps per chunk (one progress event per chunk). Ignored when sliceMs is set. */
  stepsPerChunk?: number;
  /** Time per chunk in ms (default 50 unless stepsPerChunk is given). */
  sliceMs?: number;
  /** Awaited between chunks so other work can run (default: a setImmediate/setTimeout tick). */
  pause?: () => Promise<void>;
}
