import type { MLPJSON } from '@termgrad/models';
import { createMlpTask, MLP } from '@termgrad/models';
import type { TrainEvent, TrainSnapshot } from '@termgrad/optim';
import { adam, sgd, Trainer } from '@termgrad/optim';
import type { Tensor } from '@termgrad/tensor';
import type { NetworkSettings } from '../settings/network-settings.js';
import { liveChange, validationPercent } from '../settings/network-settings.js';
import { networkData } from './network-data.js';
import {
  FOREVER,
  freeze,
  holdOut,
  inputWidth,
  networkInputs,
  outputSetup,
  pickRows,
  regularizationOf,
  targets,
  withInitZero,
} from './network-model.js';
import { playgroundSession } from './playground-session.js';
import type { NetworkSnapshot, Session } from './snapshots.js';
import { stepLoop } from './step-loop.js';
import type { UserData } from './user-data.js';

function optimizer(s: NetworkSettings) {
  if (s.optimizer === 'sgd') return sgd({ learningRate: s.learningRate });
  if (s.optimizer === 'momentum') return sgd({ learningRate: s.learningRate, momentum: 0.9 });
  return adam({ learningRate: s.learningRate });
}

/** Options of {@link networkSession}. */
export interface NetworkSessionOptions {
  readonly user?: UserData;
  /** Weights to start from (`--load`), used when the layer sizes match. */
  readonly initialModel?: unknown;
  /**
   * Progress saved with `initialModel` (`--load`), used only with it: the epoch counter continues
   * from `epoch`, and mode playground restores the trainer's state (carried derivatives, dead links).
   */
  readonly initialProgress?: { readonly epoch?: number; readonly trainer?: unknown };
  readonly now?: () => number;
}

/**
 * The network lab's run: builds the data and the MLP, then trains one epoch per `next()`. Mode
 * 'playground' is the Playground's exact procedure ({@link playgroundSession}); mode 'standard'
 * trains through the @termgrad/optim Trainer (mini-batches, evaluation on the test set, early stopping), yielding
 * an immutable snapshot per epoch. Epoch 0 (before training) comes first, with the model attached.
 *
 * `next({ settings })` applies new hyperparameters to the running network without resetting it, as
 * the Playground does: learning rate (`setLearningRate`), optimizer (a fresh optimizer state, same
 * weights), regularisation and its rate (`setRegularization`), batch size (new mini-batches, the
 * epoch count continues). Settings that change the data or the architecture need a new session.
 */
export function networkSession(
  settings: NetworkSettings,
  options: NetworkSessionOptions = {},
): Session<NetworkSnapshot, NetworkSettings> {
  return settings.mode === 'playground'
    ? playgroundSession(settings, options)
    : standardSession(settings, options);
}

async function* standardSession(
  settings: NetworkSettings,
  options: NetworkSessionOptions,
): Session<NetworkSnapshot, NetworkSettings> {
  const data = networkData(settings, options.user);
  const setup = outputSetup(settings, data);
  const d = inputWidth(data, settings);
  const layers = [d, ...settings.layers, setup.outputs];
  let model: MLP;
  const loaded = options.initialModel as MLPJSON | null | undefined;
  // The epoch the run continues from: the saved one when the saved weights are used.
  let startEpoch = 0;
  if (
    loaded !== null &&
    loaded !== undefined &&
    Array.isArray(loaded.layers) &&
    loaded.layers.join() === layers.join()
  ) {
    model = MLP.fromJSON(loaded);
    model.optimizer = optimizer(settings);
    startEpoch = options.initialProgress?.epoch ?? 0;
  } else {
    model = withInitZero(
      new MLP({
        layers,
        activation: settings.activation,
        outputActivation: setup.outputActivation,
        loss: setup.loss,
        init: settings.activation === 'relu' ? 'he' : 'glorot',
        seed: settings.seed,
        regularization: regularizationOf(settings),
        lambda: settings.lambda,
        optimizer: optimizer(settings),
      }),
      settings,
    );
  }
  const toInputs = (pts: typeof data.train): Tensor =>
    networkInputs(pts.x, pts.n, data.dims, settings);
  // Validation (the lecture's early stopping): a seeded share of the TRAINING points is held out
  // and watched; the test set is only ever reported. Without a validation share the test set is
  // evaluated as before (and never used to stop).
  const split = holdOut(data.train.n, validationPercent(settings), settings.seed + 7919);
  const fitPts = pickRows(data.train.x, data.train.labels, data.trainTargets, data.dims, split.fit);
  const trainX = networkInputs(fitPts.x, fitPts.n, data.dims, settings);
  const trainY = targets(setup, fitPts.labels, fitPts.targets);
  const testSet =
    data.test.n > 0
      ? { x: toInputs(data.test), y: targets(setup, data.test.labels, data.testTargets) }
      : undefined;
  const valPts =
    split.val.length > 0
      ? pickRows(data.train.x, data.train.labels, data.trainTargets, data.dims, split.val)
      : null;
  const held =
    valPts !== null
      ? {
          x: networkInputs(valPts.x, valPts.n, data.dims, settings),
          y: targets(setup, valPts.labels, valPts.targets),
        }
      : undefined;
  const validation = held ?? testSet;
  // With validation data the test set is evaluated on its own after every epoch.
  const testTask =
    held !== undefined && testSet !== undefined
      ? createMlpTask(model, { x: testSet.x, y: testSet.y, batchSize: Math.max(1, data.test.n) })
      : null;
  const maxEpochs = settings.maxEpochs > 0 ? settings.maxEpochs : FOREVER;
  let current = settings;
  // Epochs run by earlier trainers (a batch-size change starts a new one on the same model) or
  // before the save this run was loaded from; `settings.maxEpochs` more are run from the start.
  let epochOffset = startEpoch;
  const makeTrainer = (
    s: NetworkSettings,
  ): { task: ReturnType<typeof createMlpTask>; trainer: Trainer } => {
    const task = createMlpTask(model, {
      x: trainX,
      y: trainY,
      ...(validation !== undefined ? { validation } : {}),
      batchSize: s.batchSize,
      seed: s.seed + epochOffset,
    });
    const trainer = new Trainer(task, {
      maxEpochs: Math.max(1, Math.min(FOREVER, maxEpochs + startEpoch - epochOffset)),
      ...(s.patience > 0 && held !== undefined
        ? { earlyStopping: { patience: s.patience, restoreBest: true } }
        : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
    return { task, trainer };
  };
  let { task, trainer } = makeTrainer(settings);
  const first = task.evaluate();
  let last: TrainSnapshot | null = null;
  let done = false;
  let stoppedEarly = false;
  let restoredBest = false;
  let best = { epoch: epochOffset, loss: first.valLoss ?? Infinity };
  const testNow = (): { loss: number; accuracy: number } => {
    if (testTask === null) return { loss: NaN, accuracy: NaN };
    const ev = testTask.evaluate();
    return { loss: ev.trainLoss, accuracy: ev.metrics?.['accuracy'] ?? NaN };
  };
  let test = testNow();
  const classification = data.classes > 1;
  const apply = (next: NetworkSettings): void => {
    const change = liveChange(current, next);
    if (change === null) return; // nothing the running network can take
    if (change.optimizer) model.optimizer = optimizer(next);
    else if (change.learningRate) model.optimizer.setLearningRate(next.learningRate);
    if (change.regularization) model.setRegularization(regularizationOf(next), next.lambda);
    current = next;
    if (change.batchSize && !done) {
      epochOffset = last?.epoch ?? epochOffset;
      ({ task, trainer } = makeTrainer(next));
    }
  };
  const snapshot = (capture: boolean): NetworkSnapshot => ({
    settings: current,
    data,
    epoch: last?.epoch ?? epochOffset,
    trainLoss: last?.trainLoss ?? first.trainLoss,
    testLoss: held !== undefined ? test.loss : (last?.valLoss ?? first.valLoss ?? NaN),
    trainAccuracy: classification
      ? (last?.metrics['accuracy'] ?? first.metrics?.['accuracy'] ?? NaN)
      : NaN,
    testAccuracy: classification
      ? held !== undefined
        ? test.accuracy
        : (last?.metrics['valAccuracy'] ?? first.metrics?.['valAccuracy'] ?? NaN)
      : NaN,
    samplesPerSecond: last?.samplesPerSecond ?? 0,
    valLoss: held !== undefined ? (last?.valLoss ?? first.valLoss ?? NaN) : NaN,
    valAccuracy:
      held !== undefined && classification
        ? (last?.metrics['valAccuracy'] ?? first.metrics?.['valAccuracy'] ?? NaN)
        : NaN,
    restoredBest,
    bestEpoch: best.epoch,
    done,
    stoppedEarly,
    ...(capture ? { model: freeze(model, current, data.dims) } : {}),
  });
  const epoch = (): void => {
    const events: TrainEvent[] = trainer.runSteps(task.stepsPerEpoch);
    for (const e of events) {
      if (e.type === 'epoch' || e.type === 'done')
        last = { ...e.snapshot, epoch: e.snapshot.epoch + epochOffset };
      // The driver's one sentence, with its epoch numbers counted on from a loaded run's.
      if (e.type === 'diverged')
        throw new Error(
          epochOffset === 0
            ? e.message
            : e.message.replace(
                /\bepoch (\d+)/g,
                (_, k: string) => `epoch ${Number(k) + epochOffset}`,
              ),
        );
      if (
        e.type === 'epoch' &&
        held !== undefined &&
        e.snapshot.valLoss !== null &&
        e.snapshot.valLoss < best.loss
      )
        best = { epoch: e.snapshot.epoch + epochOffset, loss: e.snapshot.valLoss };
      if (e.type === 'done') {
        done = true;
        stoppedEarly = e.reason === 'earlyStopping';
        restoredBest = e.restoredBest;
        if (restoredBest && last !== null) {
          // The best weights are back: their losses are what the run ends with.
          const ev = task.evaluate();
          last = {
            ...last,
            trainLoss: ev.trainLoss,
            valLoss: ev.valLoss ?? last.valLoss,
            metrics: { ...last.metrics, ...(ev.metrics ?? {}) },
          };
        }
      }
    }
    test = testNow();
    if (trainer.finished) done = true;
  };
  yield* stepLoop({ snapshot, apply, done: () => done, epoch });
}
