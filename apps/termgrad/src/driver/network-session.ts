import { MLP, createMlpTask } from '@termgrad/models';
import type { MLPJSON } from '@termgrad/models';
import { Trainer, adam, sgd } from '@termgrad/optim';
import type { TrainEvent, TrainSnapshot } from '@termgrad/optim';
import { Tensor } from '@termgrad/tensor';
import type { NetworkSettings } from '../settings/network-settings.js';
import { featurize } from './features.js';
import { networkData } from './network-data.js';
import type { UserData } from './user-data.js';
import type { FrozenNetwork, NetworkData, NetworkSnapshot, Session, StepRequest } from './snapshots.js';
import { liveChange } from '../settings/network-settings.js';

/** Effectively "until paused" for the TUI. */
const FOREVER = 1_000_000_000;

interface Setup {
  readonly outputs: number;
  readonly outputActivation: 'tanh' | 'sigmoid' | 'softmax' | 'linear';
  readonly loss: 'squaredError' | 'binaryCrossEntropy' | 'categoricalCrossEntropy';
  /** Training target of a point (its class label or regression target). */
  readonly target: (label: number, value: number) => number;
}

/** Output layer and loss: Playground (tanh + squared error on ±1), or sigmoid/softmax + cross-entropy. */
export function outputSetup(s: NetworkSettings, data: NetworkData): Setup {
  if (data.classes <= 1) return { outputs: 1, outputActivation: 'linear', loss: 'squaredError', target: (_, v) => v };
  if (data.classes > 2) return { outputs: data.classes, outputActivation: 'softmax', loss: 'categoricalCrossEntropy', target: (l) => l };
  if (s.mode === 'playground') return { outputs: 1, outputActivation: 'tanh', loss: 'squaredError', target: (l) => (l > 0 ? 1 : -1) };
  return { outputs: 1, outputActivation: 'sigmoid', loss: 'binaryCrossEntropy', target: (l) => (l > 0 ? 1 : 0) };
}

function optimizer(s: NetworkSettings) {
  if (s.mode === 'playground' || s.optimizer === 'sgd') return sgd({ lr: s.lr });
  if (s.optimizer === 'momentum') return sgd({ lr: s.lr, momentum: 0.9 });
  return adam({ lr: s.lr });
}

function regularizationOf(s: NetworkSettings): 'none' | 'l1' | 'l2' {
  return s.regularization === 'L1' ? 'l1' : s.regularization === 'L2' ? 'l2' : 'none';
}

/** The network's inputs for points [n, dims]: the selected Playground features of 2-D points, or a CSV's columns as they are. */
export function networkInputs(x: Float64Array, n: number, dims: number, s: NetworkSettings): Tensor {
  if (dims !== 2) return new Tensor(x.slice(0, n * dims), [n, dims]);
  return new Tensor(featurize(x, n, s.features), [n, s.features.length]);
}

/** Input width of the network: the number of selected features (2-D data) or of CSV columns. */
export function inputWidth(data: NetworkData, s: NetworkSettings): number {
  return data.dims === 2 ? s.features.length : data.dims;
}

function targets(setup: Setup, labels: Int32Array, values: Float64Array | undefined): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = setup.target(labels[i] ?? 0, values?.[i] ?? 0);
  return out;
}

/** A frozen copy of the network for drawing (a JSON round trip, so training never changes it). */
export function freeze(model: MLP, s: NetworkSettings, dims = 2): FrozenNetwork {
  const json = model.toJSON();
  const copy = MLP.fromJSON(json);
  const inputs = (x: Float64Array, n: number): Tensor => networkInputs(x, n, dims, s);
  const depth = copy.layers.length - 1;
  const out = copy.getBias(depth - 1).toTypedArray();
  return {
    sizes: copy.layers.slice(1),
    output: (x, n) => Float64Array.from(copy.forward(inputs(x, n)).toTypedArray()),
    neurons: (x, n) => {
      const acts = copy.activations(inputs(x, n)).slice(0, -1);
      return acts.map((t) => {
        const units = t.shape[1] ?? 0;
        const data = t.toTypedArray();
        return Array.from({ length: units }, (_, u) => {
          const col = new Float64Array(n);
          for (let i = 0; i < n; i++) col[i] = data[i * units + u] ?? 0;
          return col;
        });
      });
    },
    outputBias: Array.from(out),
    toJSON: () => json,
  };
}

/** Options of {@link networkSession}. */
export interface NetworkSessionOptions {
  readonly user?: UserData;
  /** Weights to start from (`--load`), used when the layer sizes match. */
  readonly initialModel?: unknown;
  readonly now?: () => number;
}

/**
 * The network lab's run: builds the data and the MLP, then trains one epoch per `next()` through
 * the @termgrad/optim Trainer (mini-batches, evaluation on the test set, early stopping), yielding
 * an immutable snapshot per epoch. Epoch 0 (before training) comes first, with the model attached.
 *
 * `next({ settings })` applies new hyperparameters to the running network without resetting it, as
 * the Playground does: learning rate (`setLearningRate`), optimizer (a fresh optimizer state, same
 * weights), regularisation and its rate (`setRegularization`), batch size (new mini-batches, the
 * epoch count continues). Settings that change the data or the architecture need a new session.
 */
export async function* networkSession(settings: NetworkSettings, options: NetworkSessionOptions = {}): Session<NetworkSnapshot, NetworkSettings> {
  const data = networkData(settings, options.user);
  const setup = outputSetup(settings, data);
  const d = inputWidth(data, settings);
  const layers = [d, ...settings.layers, setup.outputs];
  let model: MLP;
  const loaded = options.initialModel as MLPJSON | null | undefined;
  if (loaded !== null && loaded !== undefined && Array.isArray(loaded.layers) && loaded.layers.join() === layers.join()) {
    model = MLP.fromJSON(loaded);
    model.optimizer = optimizer(settings);
  } else {
    model = new MLP({
      layers,
      activation: settings.activation,
      outputActivation: setup.outputActivation,
      loss: setup.loss,
      init: settings.mode === 'playground' ? 'playground' : settings.activation === 'relu' ? 'he' : 'glorot',
      seed: settings.seed,
      regularization: regularizationOf(settings),
      regularizationRate: settings.regRate,
      optimizer: optimizer(settings),
    });
  }
  const toInputs = (pts: typeof data.train): Tensor => networkInputs(pts.x, pts.n, data.dims, settings);
  const trainX = toInputs(data.train);
  const trainY = targets(setup, data.train.labels, data.trainTargets);
  const validation = data.test.n > 0 ? { x: toInputs(data.test), y: targets(setup, data.test.labels, data.testTargets) } : undefined;
  const maxEpochs = settings.epochs > 0 ? settings.epochs : FOREVER;
  let current = settings;
  // Epochs run by earlier trainers (a batch-size change starts a new one on the same model).
  let epochOffset = 0;
  const makeTrainer = (s: NetworkSettings): { task: ReturnType<typeof createMlpTask>; trainer: Trainer } => {
    const task = createMlpTask(model, {
      x: trainX,
      y: trainY,
      ...(validation !== undefined ? { validation } : {}),
      batchSize: s.batchSize,
      seed: s.seed + epochOffset,
      // The Playground walks its (once-shuffled) points in a fixed order every epoch.
      shuffle: s.mode !== 'playground',
    });
    const trainer = new Trainer(task, {
      maxEpochs: Math.max(1, maxEpochs - epochOffset),
      ...(s.patience > 0 && data.test.n > 0 ? { earlyStopping: { patience: s.patience } } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
    return { task, trainer };
  };
  let { task, trainer } = makeTrainer(settings);
  const first = task.evaluate();
  let last: TrainSnapshot | null = null;
  let done = false;
  let stoppedEarly = false;
  const classification = data.classes > 1;
  const apply = (next: NetworkSettings): void => {
    const change = liveChange(current, next);
    if (change === null) return; // nothing the running network can take
    if (change.optimizer) model.optimizer = optimizer(next);
    else if (change.lr) model.optimizer.setLearningRate(next.lr);
    if (change.regularization) model.setRegularization(regularizationOf(next), next.regRate);
    current = next;
    if (change.batchSize && !done) {
      epochOffset = last?.epoch ?? epochOffset;
      ({ task, trainer } = makeTrainer(next));
    }
  };
  const snapshot = (capture: boolean): NetworkSnapshot => ({
    settings: current,
    data,
    epoch: last?.epoch ?? 0,
    trainLoss: last?.trainLoss ?? first.trainLoss,
    testLoss: last?.valLoss ?? first.valLoss ?? NaN,
    trainAccuracy: classification ? (last?.metrics['accuracy'] ?? first.metrics?.['accuracy'] ?? NaN) : NaN,
    testAccuracy: classification ? (last?.metrics['valAccuracy'] ?? first.metrics?.['valAccuracy'] ?? NaN) : NaN,
    samplesPerSecond: last?.samplesPerSecond ?? 0,
    done,
    stoppedEarly,
    ...(capture ? { model: freeze(model, current, data.dims) } : {}),
  });
  let request: StepRequest<NetworkSettings> | undefined = yield snapshot(true);
  while (true) {
    if (request?.settings !== undefined) apply(request.settings);
    if (request?.capture === true) {
      request = yield snapshot(true);
      continue;
    }
    if (done) return;
    const events: TrainEvent[] = trainer.runSteps(task.stepsPerEpoch);
    for (const e of events) {
      if (e.type === 'epoch' || e.type === 'done') last = { ...e.snapshot, epoch: e.snapshot.epoch + epochOffset };
      if (e.type === 'diverged') throw new Error(`training diverged at epoch ${e.snapshot.epoch + epochOffset}: ${e.message}; lower the learning rate`);
      if (e.type === 'done') {
        done = true;
        stoppedEarly = e.reason === 'earlyStopping';
      }
    }
    if (trainer.finished) done = true;
    request = yield snapshot(false);
  }
}
