import { PLAYGROUND_FEATURES, type PlaygroundFeature } from '@termgrad/models';
import { z } from 'zod';

/** The Playground's classification data sets plus K-class blobs. */
export const CLASSIFICATION_DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'blobs'] as const;
/** The Playground's regression data sets. */
export const REGRESSION_DATASETS = ['plane', 'multi-gauss'] as const;
/** Every data set of the network lab ('csv' means the user's `--data` file). */
export const NETWORK_DATASETS = [
  ...CLASSIFICATION_DATASETS,
  ...REGRESSION_DATASETS,
  'csv',
] as const;
/** The Playground's seven input features, in its order. */
export const FEATURES = PLAYGROUND_FEATURES;
/**
 * The selected features in the Playground's INPUTS order (x, y, x², y², xy, sin x, sin y), each
 * once, whatever order they were given in: the order of the network's input columns.
 * @example
 * featureOrder(['x2', 'x1', 'x2']); // ['x1', 'x2']
 */
export function featureOrder(features: readonly Feature[]): Feature[] {
  return FEATURES.filter((f) => features.includes(f));
}

/** Display names of the features. */
export const FEATURE_LABELS: Readonly<Record<Feature, string>> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinx1: 'sin x₁',
  sinx2: 'sin x₂',
};
export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
/** Weight penalties, lower case as in @termgrad/models (sessions saved with 'L1'/'L2' still load). */
export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const PROBLEMS = ['classification', 'regression'] as const;
export const MODES = ['standard', 'playground'] as const;

export type Feature = PlaygroundFeature;
export type NetworkDataset = (typeof NETWORK_DATASETS)[number];
export type Activation = (typeof ACTIVATIONS)[number];

/** Largest number of hidden layers / neurons per layer accepted (the Playground allows 6 and 8). */
export const MAX_LAYERS = 10;
export const MAX_NEURONS = 64;

/** Settings of the network lab (the TensorFlow Playground). */
export const networkSettingsSchema = z
  .object({
    /** Data set. Default 'circle'. */
    dataset: z.enum(NETWORK_DATASETS),
    /** classification or regression; follows the data set. Default 'classification'. */
    problem: z.enum(PROBLEMS),
    /** Number of classes of 'blobs' (2..8). Default 3. */
    classes: z.number().int().min(2).max(8),
    /** Input features. Default ['x1', 'x2']. */
    features: z.array(z.enum(FEATURES)).min(1),
    /** Hidden layer sizes, 0..MAX_LAYERS layers. Default [4, 2]. */
    layers: z.array(z.number().int().min(1).max(MAX_NEURONS)).max(MAX_LAYERS),
    /** Hidden activation. Default 'tanh'. */
    activation: z.enum(ACTIVATIONS),
    /** Learning rate. Default 0.03. */
    learningRate: z.number().positive().max(10),
    /** Regularisation of the weights. Default 'none'. */
    regularization: z.preprocess(
      (v) => (v === 'L1' ? 'l1' : v === 'L2' ? 'l2' : v),
      z.enum(REGULARIZATIONS),
    ),
    /** Penalty strength λ of the weights. Default 0. */
    lambda: z.number().min(0).max(10),
    /** Mini-batch size. Default 10. */
    batchSize: z.number().int().min(1).max(100_000),
    /** Noise in percent (0..50). Default 0. */
    noise: z.number().min(0).max(50),
    /** Share of the points used for training, percent (10..90). Default 50. */
    trainRatio: z.number().min(10).max(90),
    /** Number of points generated. Default 500. */
    samples: z.number().int().min(10).max(100_000),
    /** Optimizer (standard mode). Default 'sgd'. */
    optimizer: z.enum(OPTIMIZERS),
    /** 'playground' reproduces the Playground's procedure, 'standard' uses sigmoid/softmax + cross-entropy. Default 'standard'. */
    mode: z.enum(MODES),
    /** Stop when the validation loss has not improved for this many epochs (best weights restored); 0 disables. Default 0. */
    patience: z.number().int().min(0).max(100_000),
    /**
     * Percent of the training points held out as validation data (0..50; the test set is never
     * used for stopping). 0 with early stopping on holds out {@link DEFAULT_VALIDATION}. Default 0
     * (also for sessions saved before this setting existed).
     */
    validation: z.number().int().min(0).max(50).default(0),
    /** Stop after this many epochs; 0 = run until paused (the TUI) or 100 (headless). Default 0. */
    maxEpochs: z.number().int().min(0).max(100_000_000),
    /** Show test points on the heat map. Default false (as in the Playground). */
    showTest: z.boolean(),
    /**
     * Draw the output map in two (or K) flat colours by its sign / most probable class instead of
     * shades, the Playground's "Discretize output". Display only. Default false (also for sessions
     * saved before this setting existed).
     */
    discretize: z.boolean().default(false),
    /**
     * Start from zero weights (biases as the initialiser sets them), the Playground's `initZero`:
     * every hidden neuron of a layer then stays the same. Default false.
     */
    initZero: z.boolean().default(false),
    /** Seed of data and weights. Default 1. */
    seed: z.number().int().min(0),
  })
  .strict();

/** Settings of the network lab. */
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;

/** The Playground's defaults: circle, [4, 2], tanh, learning rate 0.03, batch 10, 50 % train, no noise. */
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = Object.freeze({
  dataset: 'circle',
  problem: 'classification',
  classes: 3,
  features: ['x1', 'x2'],
  layers: [4, 2],
  activation: 'tanh',
  learningRate: 0.03,
  regularization: 'none',
  lambda: 0,
  batchSize: 10,
  noise: 0,
  trainRatio: 50,
  samples: 500,
  optimizer: 'sgd',
  mode: 'standard',
  patience: 0,
  validation: 0,
  maxEpochs: 0,
  showTest: false,
  discretize: false,
  initZero: false,
  seed: 1,
}) as NetworkSettings;

/** Validation share (percent of the training points) early stopping uses when none is set. */
export const DEFAULT_VALIDATION = 20;

/**
 * Percent of the training points held out for validation: the setting, or {@link DEFAULT_VALIDATION}
 * when early stopping is on without one (early stopping never watches the test set).
 * @example
 * validationPercent({ ...DEFAULT_NETWORK_SETTINGS, patience: 20 }); // 20
 */
export function validationPercent(s: Pick<NetworkSettings, 'validation' | 'patience'>): number {
  return s.validation > 0 ? s.validation : s.patience > 0 ? DEFAULT_VALIDATION : 0;
}

/** The problem type a data set implies ('csv' keeps the given one). */
export function problemOf(
  dataset: NetworkDataset,
  current: NetworkSettings['problem'],
): NetworkSettings['problem'] {
  if ((REGRESSION_DATASETS as readonly string[]).includes(dataset)) return 'regression';
  if ((CLASSIFICATION_DATASETS as readonly string[]).includes(dataset)) return 'classification';
  return current;
}

/** Settings the running network takes without a reset (the Playground keeps training on these). */
export const LIVE_NETWORK_KEYS = [
  'learningRate',
  'optimizer',
  'regularization',
  'lambda',
  'batchSize',
  'showTest',
  'discretize',
] as const;

/** What changed between two settings, when every change is one the running network can take. */
export interface LiveChange {
  readonly learningRate: boolean;
  readonly optimizer: boolean;
  /** Kind or rate of the weight penalty. */
  readonly regularization: boolean;
  readonly batchSize: boolean;
}

/**
 * Compares settings: null when they are equal or when any change needs a reset (data, noise,
 * features, layers, activation, train ratio, problem, seed, mode, ...); otherwise which live
 * settings changed.
 * @example
 * liveChange(DEFAULT_NETWORK_SETTINGS, { ...DEFAULT_NETWORK_SETTINGS, learningRate: 0.1 })?.learningRate; // true
 */
export function liveChange(a: NetworkSettings, b: NetworkSettings): LiveChange | null {
  if (a === b) return null;
  for (const key of Object.keys(b) as (keyof NetworkSettings)[]) {
    if ((LIVE_NETWORK_KEYS as readonly string[]).includes(key)) continue;
    const va = a[key];
    const vb = b[key];
    if (Array.isArray(va) && Array.isArray(vb) ? va.join() !== vb.join() : va !== vb) return null;
  }
  const change = {
    learningRate: a.learningRate !== b.learningRate,
    optimizer: a.optimizer !== b.optimizer,
    regularization: a.regularization !== b.regularization || a.lambda !== b.lambda,
    batchSize: a.batchSize !== b.batchSize,
  };
  return change.learningRate ||
    change.optimizer ||
    change.regularization ||
    change.batchSize ||
    a.showTest !== b.showTest ||
    a.discretize !== b.discretize
    ? change
    : null;
}
