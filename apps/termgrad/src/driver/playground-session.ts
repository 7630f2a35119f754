import type { MLPJSON } from '@termgrad/models';
import { MLP, PlaygroundTrainer } from '@termgrad/models';
import { EarlyStopping } from '@termgrad/optim';
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
import type { NetworkSessionOptions } from './network-session.js';
import type { NetworkSnapshot, Session } from './snapshots.js';
import { stepLoop } from './step-loop.js';

/**
 * The network lab in mode 'playground': the TensorFlow Playground's own procedure through
 * `PlaygroundTrainer` of @termgrad/models. The network is [inputs, ...layers, 1] with the
 * Playground's initialisation (weights U(−0.5, 0.5), biases 0.1), a tanh output on labels ±1
 * (classification) or a linear output (regression), squared error ½(o − t)². Inputs are the
 * enabled features in the Playground's INPUTS order (x, y, x², y², xy, sin x, sin y). The points
 * are the data set's once-shuffled points, the first ⌊n·trainRatio/100⌋ for training, visited in
 * that fixed order every epoch; a trailing partial batch carries over to the next epoch, and L1
 * kills links whose step crosses zero. The losses are the trainer's `lossTrain()`/`lossTest()`.
 *
 * As in the Playground, learning rate, regularisation (kind and rate) and batch size change live
 * (`next({ settings })`): training continues from the current weights and accumulated
 * derivatives. The optimizer setting is ignored (the Playground has plain SGD only).
 *
 * @throws Error (on the first `next()`) for a data set with more than 2 classes (the Playground's
 * network has one output), and when training diverges (the weights are those before the epoch).
 */
export async function* playgroundSession(
  settings: NetworkSettings,
  options: NetworkSessionOptions = {},
): Session<NetworkSnapshot, NetworkSettings> {
  const data = networkData(settings, options.user);
  if (data.classes > 2) {
    throw new Error(
      `network: playground mode has one output (tanh on ±1 labels); expected 2 classes or a regression set, got ${data.classes} classes; use mode standard`,
    );
  }
  const setup = outputSetup(settings, data);
  const layers = [inputWidth(data, settings), ...settings.layers, 1];
  const loaded = options.initialModel as MLPJSON | null | undefined;
  const fits =
    loaded !== null &&
    loaded !== undefined &&
    Array.isArray(loaded.layers) &&
    loaded.layers.join() === layers.join() &&
    loaded.outputActivation === setup.outputActivation &&
    loaded.loss === 'squaredError';
  const model = fits
    ? MLP.fromJSON(loaded)
    : withInitZero(
        new MLP({
          layers,
          activation: settings.activation,
          outputActivation: setup.outputActivation,
          loss: 'squaredError',
          init: 'playground',
          seed: settings.seed,
        }),
        settings,
      );
  // Early stopping watches validation points held out of the training data (never the test set).
  const split = holdOut(data.train.n, validationPercent(settings), settings.seed + 7919);
  const fitPts = pickRows(data.train.x, data.train.labels, data.trainTargets, data.dims, split.fit);
  const trainX = networkInputs(fitPts.x, fitPts.n, data.dims, settings);
  const trainY = targets(setup, fitPts.labels, fitPts.targets);
  const valPts =
    split.val.length > 0
      ? pickRows(data.train.x, data.train.labels, data.trainTargets, data.dims, split.val)
      : null;
  const valX = valPts !== null ? networkInputs(valPts.x, valPts.n, data.dims, settings) : null;
  const valY = valPts !== null ? targets(setup, valPts.labels, valPts.targets) : null;
  const hasTest = data.test.n > 0;
  const testX = hasTest ? networkInputs(data.test.x, data.test.n, data.dims, settings) : null;
  const testY = hasTest ? targets(setup, data.test.labels, data.testTargets) : null;
  const trainer = new PlaygroundTrainer(model, {
    x: trainX,
    y: trainY,
    ...(testX !== null && testY !== null ? { test: { x: testX, y: testY } } : {}),
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    regularization: regularizationOf(settings),
    lambda: settings.lambda,
  });
  // A loaded run continues: the trainer's state (carried derivatives, dead links, epochs) when
  // saved, which makes it continue bit for bit.
  const progress = fits ? options.initialProgress : undefined;
  if (progress?.trainer !== undefined && progress.trainer !== null) {
    try {
      trainer.restoreState(progress.trainer);
    } catch (error) {
      throw new Error(
        `--load: the saved playground trainer state does not fit; ${(error as Error).message}`,
      );
    }
  }
  // Epochs before this run; settings.maxEpochs more are trained. A file without the trainer's state
  // (saved in mode standard) still continues its epoch count in the snapshots.
  const startEpoch = trainer.epochCount;
  const epochShift = trainer.epochCount === 0 ? (progress?.epoch ?? 0) : 0;
  const now = options.now ?? (() => performance.now());
  const maxEpochs = settings.maxEpochs > 0 ? settings.maxEpochs : FOREVER;
  const stopper =
    settings.patience > 0 && valX !== null
      ? new EarlyStopping({ patience: settings.patience, restoreBest: true })
      : null;
  let restoredBest = false;
  let best = { epoch: 0, loss: Infinity };
  const classification = data.classes === 2;
  let current = settings;
  let done = false;
  let stoppedEarly = false;
  let samplesPerSecond = 0;

  const measure = (): {
    trainLoss: number;
    testLoss: number;
    trainAccuracy: number;
    testAccuracy: number;
    valLoss: number;
    valAccuracy: number;
  } => ({
    // The Playground's loss is ½(o − t)²; the model's squared error is the same mean.
    valLoss: valX !== null && valY !== null ? model.evaluate(valX, valY).loss : NaN,
    valAccuracy:
      classification && valX !== null && valY !== null ? model.evaluate(valX, valY).accuracy : NaN,
    trainLoss: trainer.lossTrain(),
    testLoss: hasTest ? trainer.lossTest() : NaN,
    // Accuracy is not a Playground number; the sign of the tanh output against the ±1 label.
    trainAccuracy: classification ? model.evaluate(trainX, trainY).accuracy : NaN,
    testAccuracy:
      classification && testX !== null && testY !== null
        ? model.evaluate(testX, testY).accuracy
        : NaN,
  });
  let metrics = measure();

  const apply = (next: NetworkSettings): void => {
    const change = liveChange(current, next);
    if (change === null) return; // nothing the running network can take
    current = next;
    if (change.learningRate) trainer.learningRate = next.learningRate;
    if (change.regularization) trainer.setRegularization(regularizationOf(next), next.lambda);
    if (change.batchSize) trainer.batchSize = next.batchSize;
  };
  const snapshot = (capture: boolean): NetworkSnapshot => ({
    settings: current,
    data,
    epoch: trainer.epochCount + epochShift,
    ...metrics,
    samplesPerSecond,
    done,
    stoppedEarly,
    restoredBest,
    bestEpoch: best.epoch,
    deadLinks: trainer.deadLinks,
    ...(capture
      ? { model: { ...freeze(model, current, data.dims), trainerState: trainer.state() } }
      : {}),
  });

  const epoch = (): void => {
    const t0 = now();
    try {
      trainer.epoch();
    } catch {
      // The trainer restored the weights from before the epoch.
      throw new Error(
        `training diverged at epoch ${trainer.epochCount + epochShift + 1}: a weight became NaN or infinite; lower the learning rate`,
      );
    }
    const dt = now() - t0;
    samplesPerSecond = dt > 0 ? (trainer.trainSize * 1000) / dt : samplesPerSecond;
    metrics = measure();
    if (metrics.valLoss < best.loss)
      best = { epoch: trainer.epochCount + epochShift, loss: metrics.valLoss };
    if (stopper !== null && stopper.update(metrics.valLoss, model.parameters()).stop) {
      // Back to the weights with the best validation loss, as the standard mode's early stopping does.
      restoredBest = stopper.restore(model.parameters());
      metrics = measure();
      done = true;
      stoppedEarly = true;
    }
    if (trainer.epochCount - startEpoch >= maxEpochs) done = true;
  };
  yield* stepLoop({ snapshot, apply, done: () => done, epoch });
}
