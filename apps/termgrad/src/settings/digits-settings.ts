import { z } from 'zod';

/**
 * Models of the digits lab (the lecture's "x = Image" classifiers):
 * - `softmax`: y = Ax + a with softmax and cross-entropy (an MLP without hidden layer);
 * - `leastSquares`: y = Ax + a fitted in closed form to one-hot targets (`lstsq`), L* = argmax y;
 * - `linear2`: h = Ax + a, y = Bh + b (a linear hidden layer), which collapses to C = BA, c = Ba + b;
 * - `mlp`: a hidden layer with a non-linear activation σ between the two maps.
 */
export const DIGIT_MODELS = ['softmax', 'leastSquares', 'linear2', 'mlp'] as const;
/** Hidden activations of the `mlp` model. */
export const DIGIT_ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
/** Image sets: the embedded 8×8 UCI optical digits, MNIST (optional `mnist` package), or `--data`. */
export const DIGIT_DATASETS = ['optdigits', 'mnist', 'file'] as const;
/** Optimizers of the gradient-trained models. */
export const DIGIT_OPTIMIZERS = ['adam', 'sgd', 'momentum'] as const;

/** Settings of the digits lab. */
export const digitsSettingsSchema = z
  .object({
    /** Image set. Default 'optdigits' (embedded, 1 797 images of 8×8). */
    dataset: z.enum(DIGIT_DATASETS),
    /** `dataset: 'file'`: a CSV of pixel rows, or an IDX image file. Default null. */
    dataPath: z.string().min(1).nullable(),
    /** `dataset: 'file'` with an IDX image file: its IDX label file (default: the images' name with images-idx3 → labels-idx1). */
    labelsPath: z.string().min(1).nullable(),
    /** `dataset: 'file'` with a CSV: the label column, a header name or a 0-based index (default null: the last column). */
    labelColumn: z.union([z.string().min(1), z.number().int()]).nullable(),
    /** `dataset: 'file'` with a CSV: the image width in pixels (default null: a square image). */
    imageWidth: z.number().int().min(1).max(4096).nullable(),
    /** MNIST: images used (a seeded subset of the package's 10 000). Default 10000. */
    samples: z.number().int().min(100).max(100_000),
    /** Model. Default 'softmax'. */
    model: z.enum(DIGIT_MODELS),
    /** Hidden units of `linear2` and `mlp`. Default 32. */
    hidden: z.number().int().min(1).max(512),
    /** Hidden activation of `mlp`. Default 'relu'. */
    activation: z.enum(DIGIT_ACTIVATIONS),
    /** Optimizer. Default 'adam'. */
    optimizer: z.enum(DIGIT_OPTIMIZERS),
    /** Learning rate. Default 0.01. */
    learningRate: z.number().positive().max(10),
    /** L2 penalty λ on the weights ((λ/2)Σw²; least squares: ridge). Default 0. */
    lambda: z.number().min(0).max(10),
    /** Mini-batch size. Default 32. */
    batchSize: z.number().int().min(1).max(100_000),
    /** Share of the images used for training, in percent (stratified split). Default 75. */
    trainRatio: z.number().int().min(10).max(90),
    /** Epochs to train (0 = until paused; headless then runs 100). Default 0. */
    maxEpochs: z.number().int().min(0).max(1_000_000),
    /** Seed of the split, the initial weights and the mini-batches. Default 1. */
    seed: z.number().int().min(0),
  })
  .strict();

/** Settings of the digits lab. */
export type DigitsSettings = z.infer<typeof digitsSettingsSchema>;
/** A model of the digits lab. */
export type DigitModel = (typeof DIGIT_MODELS)[number];

/** Defaults of the digits lab: softmax regression with Adam on the embedded 8×8 digits. */
export const DEFAULT_DIGITS_SETTINGS: DigitsSettings = Object.freeze({
  dataset: 'optdigits',
  dataPath: null,
  labelsPath: null,
  labelColumn: null,
  imageWidth: null,
  samples: 10_000,
  model: 'softmax',
  hidden: 32,
  activation: 'relu',
  optimizer: 'adam',
  // Adam at 0.01 with batches of 32 reaches its test accuracy within 30–50 epochs on the 8×8 set.
  learningRate: 0.01,
  lambda: 0,
  batchSize: 32,
  trainRatio: 75,
  maxEpochs: 0,
  seed: 1,
});

/** Human names of the models (titles and the settings panel). */
export const DIGIT_MODEL_TITLES: Readonly<Record<DigitModel, string>> = {
  softmax: 'y = Ax + a, softmax + cross-entropy',
  leastSquares: 'y = Ax + a, least squares (one-hot targets)',
  linear2: 'h = Ax + a, y = Bh + b (linear hidden layer)',
  mlp: 'h = σ(Ax + a), y = Bh + b (MLP)',
};

/** Settings a running session takes without a reset (learning rate, optimizer, λ, batch size). */
export function digitsLiveChange(a: DigitsSettings, b: DigitsSettings): boolean {
  return (
    a.learningRate !== b.learningRate ||
    a.optimizer !== b.optimizer ||
    a.lambda !== b.lambda ||
    a.batchSize !== b.batchSize
  );
}
