import {
  type DivergenceRule,
  type DoneReason,
  type EarlyStopping,
  type EarlyStoppingOptions,
  type Optimizer,
  type TrainEvent,
  Trainer,
} from '@termgrad/optim';
import { renameDeprecated } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { check } from './input.js';
import type { MLP } from './mlp.js';
import type { MLPInput, MLPTarget } from './mlp-input.js';
import { createMlpTask } from './mlp-task.js';

/** Options of `MLP.fit`. */
export interface MLPFitOptions {
  /** Epoch cap (default 10); early stopping may end the run sooner. */
  maxEpochs?: number;
  /** @deprecated Use `maxEpochs` (warns once; removed in the next minor version). */
  epochs?: number;
  /** Samples per mini-batch (default 32). */
  batchSize?: number;
  /** Optimizer to use (replaces model.optimizer; default: keep the model's). */
  optimizer?: Optimizer;
  /** Fraction held out for validation (default 0). */
  validationSplit?: number;
  /** Explicit validation set (takes precedence over validationSplit). */
  validationData?: { x: MLPInput; y: MLPTarget };
  /** Early stopping on the validation loss (or training loss without validation). */
  earlyStopping?: EarlyStopping | EarlyStoppingOptions;
  /** Seed of shuffling and splitting (default 0). */
  seed?: number;
  /** Reshuffle each epoch (default true). */
  shuffle?: boolean;
  /** Drop the last partial batch (default false). */
  dropLast?: boolean;
  /** Progress callback: called after every epoch with the epoch event (its snapshot has the losses and metrics). */
  onEpoch?: (event: TrainEvent & { type: 'epoch' }) => void;
  /** Low-level: called with every driver event (progress, epoch, done). */
  onEvent?: (event: TrainEvent) => void;
  /** Cancels training (fit then returns with reason 'aborted'). */
  signal?: AbortSignal;
  /**
   * Data-parallel training on this many threads (default 1). n − 1 worker_threads start once per
   * fit, each computes the gradient of a fixed share of every mini-batch, and the shares are summed
   * in a fixed order: a run is reproducible for a given n (results differ from n = 1 only by
   * rounding). The threads stop when fit returns, throws or is aborted. Node only; pays off for
   * batches of a few hundred rows and up.
   */
  workers?: number;
  /**
   * When a finite loss counts as diverged (see `DivergenceRule` of @termgrad/optim): by default
   * when the training loss of 2 consecutive epochs is over 10 times the best so far (the first
   * batch's or an epoch's). fit then restores the best weights and throws; `false` turns the rule
   * off (a NaN or infinite loss still throws).
   */
  divergence?: DivergenceRule | false;
}

/** What fit returns: per-epoch curves and why it stopped. */
export interface MLPHistory {
  readonly loss: number[];
  readonly valLoss: number[];
  readonly accuracy: number[];
  readonly valAccuracy: number[];
  readonly epochs: number;
  readonly reason: DoneReason;
  /** 1-based epoch of the best monitored loss. */
  readonly bestEpoch: number | null;
}

/**
 * Mini-batch training of an MLP with any @termgrad/optim optimizer, validation split, early
 * stopping (restoring the best weights) and callbacks; built on the optim `Trainer`.
 * @throws {ModelError} when the run diverges (the last good weights are restored first) or on bad input.
 */
export function fitMlp(
  model: MLP,
  x: MLPInput,
  y: MLPTarget,
  options: MLPFitOptions = {},
): MLPHistory {
  const op = 'MLP.fit';
  options = renameDeprecated(op, options, { epochs: 'maxEpochs' }, ModelError);
  check.optionKeys(op, options, [
    'maxEpochs',
    'batchSize',
    'optimizer',
    'validationSplit',
    'validationData',
    'earlyStopping',
    'seed',
    'shuffle',
    'dropLast',
    'onEpoch',
    'onEvent',
    'signal',
    'workers',
    'divergence',
  ]);
  const epochs = check.integer(op, 'maxEpochs', options.maxEpochs ?? 10, { min: 1 });
  if (options.optimizer !== undefined) model.optimizer = options.optimizer;
  const task = createMlpTask(model, {
    x,
    y,
    ...(options.validationData === undefined ? {} : { validation: options.validationData }),
    ...(options.validationSplit === undefined ? {} : { validationSplit: options.validationSplit }),
    batchSize: options.batchSize ?? 32,
    seed: options.seed ?? 0,
    shuffle: options.shuffle ?? true,
    dropLast: options.dropLast ?? false,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  try {
    return runFit(op, task, options, epochs);
  } finally {
    task.close();
  }
}

function runFit(
  op: string,
  task: ReturnType<typeof createMlpTask>,
  options: MLPFitOptions,
  epochs: number,
): MLPHistory {
  const trainer = new Trainer(task, {
    maxEpochs: epochs,
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.divergence === undefined ? {} : { divergence: options.divergence }),
  });
  const history = {
    loss: [] as number[],
    valLoss: [] as number[],
    accuracy: [] as number[],
    valAccuracy: [] as number[],
  };
  let reason: DoneReason = 'maxEpochs';
  let bestEpoch: number | null = null;
  while (!trainer.finished) {
    for (const event of trainer.runSteps(task.stepsPerEpoch)) {
      options.onEvent?.(event);
      const s = event.snapshot;
      if (event.type === 'epoch') {
        options.onEpoch?.(event);
        history.loss.push(s.trainLoss);
        if (s.valLoss !== null) history.valLoss.push(s.valLoss);
        if (s.metrics['accuracy'] !== undefined) history.accuracy.push(s.metrics['accuracy']);
        if (s.metrics['valAccuracy'] !== undefined)
          history.valAccuracy.push(s.metrics['valAccuracy']);
      } else if (event.type === 'diverged') {
        throw new ModelError(op, event.message);
      } else if (event.type === 'done') {
        reason = event.reason;
        bestEpoch = s.bestEpoch;
      }
    }
  }
  return { ...history, epochs: history.loss.length, reason, bestEpoch };
}
